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


def name_from_id(model: str) -> str:
    """A readable name built from an id.

    `qwen3-235b-a22b-instruct-2507` -> `Qwen3 235B A22B Instruct 2507`.
    """
    words = [w for w in re.split(r"[-_/:\s]+", model) if w]
    shown = []
    for word in words:
        lower = word.lower()
        size = _SIZE.match(lower)
        if lower in _BRANDS:
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
