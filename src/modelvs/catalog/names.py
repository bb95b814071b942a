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


_ARTEFACT = re.compile(
    r"(?<![\w.(-])\d{1,2} \d{1,2}(?![\w.)])"  # a version point written as a space: `3 5`, `V2 0`
    r"|\dp\d"  # Fireworks' point: `1p5`
    r"|(?<![\w(-])(?:19|20)\d{6}(?![\w)])"  # a bare date: `20241022`
    r"|(?<![\w(-])2\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?![\w)])",  # a bare `250715`
    re.IGNORECASE,
)


def has_id_artefact(name: str) -> bool:
    """Whether a display name prints an id's artefacts instead of what a reader writes.

    `Claude 3 5 Sonnet 20241022 V2 0`, `Qwen1p5 72B Chat` and `Claude Fable 5 5` do;
    `Claude 3.5 Sonnet (2024-10-22)` and `Qwen3 235B A22B Instruct 2507` (the lab's own name) do not.
    """
    return _ARTEFACT.search(name) is not None
