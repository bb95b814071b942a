"""Benchmarks: `python -m bench` (or `make bench`). Figures go in closing notes, not asserts."""
