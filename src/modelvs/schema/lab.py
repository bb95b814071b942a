"""A lab: who makes models."""

from __future__ import annotations

from modelvs.schema.base import Sourced, Url


class Lab(Sourced):
    """A model maker (Google, OpenAI, ...). Id is the file name."""

    name: str
    """Display name."""
    url: Url | None = None
    """Home page."""
