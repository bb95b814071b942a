"""Turning any name a person or a source uses for a model into one lookup key."""

from __future__ import annotations

import re

_SEPARATORS = re.compile(r"[\s_:./@]+")


def name_key(name: str) -> str:
    """A loose key: case, spaces and the separators `_ : . / @` do not matter.

    `GPT-4o 2024.11.20`, `gpt-4o-2024-11-20` and `gpt_4o_2024_11_20` share one key, so an
    alias written in any of those styles finds the model.
    """
    return _SEPARATORS.sub("-", name.strip().lower()).strip("-")
