"""modelvs: an open, sourced catalog of LLMs, the routes that sell them and their prices."""

__version__ = "0.1.0"
