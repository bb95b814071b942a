"""Exports of the catalog to other formats."""
