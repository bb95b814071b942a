"""Turning any name a person or a source uses for a model into one lookup key."""

from __future__ import annotations

import re

_SEPARATORS = re.compile(r"[\s_:./@]+")
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
_POINT_AS_P = re.compile(r"(?<=\d)p(?=\d)")
_CLAUDE_ORDER = re.compile(r"^claude-?((?:\d+[.-]?)+)-?(opus|sonnet|haiku|instant)\b")
"""`claude-3-5-haiku` (Anthropic's older order) and `claude-haiku-3.5` are one model."""


def name_key(name: str) -> str:
    """A loose key: case, spaces and the separators `_ : . / @` do not matter.

    `GPT-4o 2024.11.20`, `gpt-4o-2024-11-20` and `gpt_4o_2024_11_20` share one key, so an
    alias written in any of those styles finds the model.
    """
    return _SEPARATORS.sub("-", name.strip().lower()).strip("-")


def model_key(name: str) -> str:
    """The identity key of a model name: `name_key` with every separator dropped and one word order.

    `gpt-55`, `gpt-5.5` and `GPT 5.5` share `gpt55`; `claude-opus4-7`, `claude-4.7-opus` and
    `claude-opus-4-7` share `claudeopus47`. Two ids with one key are one model unless a curated
    decision keeps them apart.
    """
    loose = name_key(name)
    order = _CLAUDE_ORDER.match(loose)
    if order is not None:
        loose = f"claude-{order.group(2)}-{order.group(1)}{loose[order.end() :]}"
    # Fireworks writes a version's point as `p` (`qwen3p6`, `openhermes-2p5`), and others copy it.
    return _NOT_ALNUM.sub("", _POINT_AS_P.sub("", loose))
