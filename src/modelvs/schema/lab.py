"""A lab: who makes models."""

from __future__ import annotations

from modelvs.schema.base import Name, Sourced, Url


class Lab(Sourced):
    """A model maker (Google, OpenAI, ...). Id is the file name."""

    name: Name
    """Display name."""
    url: Url | None = None
    """Home page."""
