"""Importers: one per public source, each split into fetch (I/O), parse and translate (pure)."""
