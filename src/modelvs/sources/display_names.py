"""Display names: telling a human name from an id, and naming a model from its id when no source does."""

from __future__ import annotations

import re

_ID_LIKE = re.compile(r"^[a-z0-9][a-z0-9._:/@+-]*$")
_LAB_PREFIX = re.compile(r"^[A-Za-z0-9 .&()-]{2,30}: (?=\S)")
"""OpenRouter and its copies prefix names with the lab: `Anthropic: Claude Opus 4.7`."""
_BRANDS = {
    "gpt": "GPT",
    "glm": "GLM",
    "deepseek": "DeepSeek",
    "qwen": "Qwen",
    "qwq": "QwQ",
    "qvq": "QVQ",
    "llama": "Llama",
    "minimax": "MiniMax",
    "kimi": "Kimi",
    "mimo": "MiMo",
    "ernie": "ERNIE",
    "lfm": "LFM",
    "gpt-oss": "gpt-oss",
    "oss": "OSS",
    "vl": "VL",
    "it": "IT",
    "ai": "AI",
    "tts": "TTS",
    "ocr": "OCR",
    "moe": "MoE",
    "hf": "HF",
    "fp8": "FP8",
    "api": "API",
}
_SIZE = re.compile(r"^(a?)(\d+(?:\.\d+)?)([bmkt])$")


def is_id_like(name: str) -> bool:
    """Whether a "name" is really an id: lower case with no space (`gemini-2.5-pro-preview-06-05`)."""
    return bool(_ID_LIKE.match(name)) or "/" in name


def strip_lab_prefix(name: str) -> str:
    """`Anthropic: Claude Opus 4.7` -> `Claude Opus 4.7`."""
    return _LAB_PREFIX.sub("", name, count=1)


_POINT = re.compile(r"(?<=\d)p(?=\d)")
"""Fireworks writes a version's point as `p` (`qwen2p5`): the name has the point."""
_DATES = (
    (
        re.compile(r"(?<![\d.])((?:19|20)\d{2})-?(0[1-9]|1[0-2])-?(0[1-9]|[12]\d|3[01])(?![\d.])"),
        r"(\1-\2-\3)",
    ),
    (re.compile(r"(?<![\d.])(2[3-9])(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?![\d.])"), r"(20\1-\2-\3)"),
    (re.compile(r"(?<![\d.])(0[1-9]|1[0-2])-((?:19|20)\d{2})(?![\d.])"), r"(\1-\2)"),
    (re.compile(r"(?<=[a-z]-)(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$"), r"(\1-\2)"),
)
"""Snapshot dates as a reader writes them: `20241022` and `2024-10-22` -> `(2024-10-22)`, ByteDance's
`250715` -> `(2025-07-15)`, Cohere's `08-2024` -> `(08-2024)`, a trailing `-06-05` -> `(06-05)`."""
_VERSION = re.compile(r"(?<=[a-z]-)\d{1,2}(?:-\d{1,2})+(?=-|$)|(?<=\bv)\d{1,2}(?:-\d{1,2})+(?=-|$)")
"""A version whose point is a separator (`claude-3-5-sonnet`, `llama-3-1-70b`, `v0-2`): `3.5`."""
_TOKENS = re.compile(r"\([^)]*\)|[^-_/:\s]+")


def name_from_id(model: str) -> str:
    """A readable name built from an id, never printing an id's artefacts.

    `qwen3-235b-a22b-instruct-2507` -> `Qwen3 235B A22B Instruct 2507`; `claude-3-5-sonnet-20241022`
    -> `Claude 3.5 Sonnet (2024-10-22)`; `qwen2p5-coder-1p5b` -> `Qwen2.5 Coder 1.5B`.
    """
    text = _POINT.sub(".", model.replace("_", "-"))
    for pattern, replacement in _DATES:
        text = pattern.sub(replacement, text)
    text = _VERSION.sub(lambda m: m.group().replace("-", "."), text)
    words = _TOKENS.findall(text)
    shown = []
    for word in words:
        lower = word.lower()
        size = _SIZE.match(lower)
        if word.startswith("("):
            shown.append(word)
        elif lower in _BRANDS:
            shown.append(_BRANDS[lower])
        elif size:
            shown.append(f"{size.group(1).upper()}{size.group(2)}{size.group(3).upper()}")
        elif re.match(r"^[a-z]+\d", lower):
            prefix = re.match(r"^[a-z]+", lower)
            assert prefix is not None
            head = _BRANDS.get(prefix.group(), prefix.group().capitalize())
            shown.append(head + word[len(prefix.group()) :])
        elif lower.isalpha():
            shown.append(lower.capitalize())
        else:
            shown.append(word)
    return " ".join(shown) or model


def date_label(date: str) -> str:
    """A snapshot date as a name shows it: `(2026-03-09)`, `(03-09)`, `(08-2024)`, `(2411)`."""
    for pattern, replacement in _DATES[:3]:
        if pattern.fullmatch(date):
            return pattern.sub(replacement, date)
    digits = date.replace("-", "")
    return f"({digits[:2]}-{digits[2:]})" if len(digits) == 4 and int(digits[:2]) <= 12 else f"({date})"
