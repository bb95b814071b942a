"""Reading what a model id's trailing words say: a snapshot date, a price mode, a serving variant.

`deepseek-v4-flash:free` is DeepSeek V4 Flash's free tier, `claude-opus-4-7-thinking` Claude Opus
4.7 with thinking on, `qwen3-32b-fp8` a quantized serving of Qwen3 32B. None of them is a model of
its own. This module only parses (pure, per id); whether a parsed suffix folds into the base
model depends on the whole catalog and is decided in `sync.identity`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from modelvs.schema.vocab import PriceMode, VariantKind


class Fold(Enum):
    """When a suffix folds its id into the base model."""

    ALWAYS = "always"
    """It never names a model of its own (a free tier, a quantization, a TEE)."""
    UNLESS_LAB_SELLS = "unless_lab_sells"
    """Folds unless the lab's own API sells the full id as a model (Qwen's `-thinking-2507` models,
    xAI's `-non-reasoning` ones are the lab's own products)."""
    DECORATION = "decoration"
    """A host's label for the plain model (`-maas`, Vertex's `@default`): dropped."""


@dataclass(frozen=True)
class Suffix:
    """One trailing word (or words) and what it means."""

    pattern: re.Pattern[str]
    fold: Fold
    mode: PriceMode | None = None
    variant: VariantKind | None = None
    qualifier: str | None = None
    """The route qualifier; None: the matched word itself (`fp8`, `effort-high`)."""


def _s(
    pattern: str,
    fold: Fold,
    *,
    mode: PriceMode | None = None,
    variant: VariantKind | None = None,
    qualifier: str | None = None,
) -> Suffix:
    return Suffix(re.compile(rf"[-:@](?:{pattern})$"), fold, mode, variant, qualifier)


SUFFIXES: tuple[Suffix, ...] = (
    _s(r"free", Fold.ALWAYS, mode=PriceMode.FREE),
    _s(r"batch", Fold.ALWAYS, mode=PriceMode.BATCH),
    _s(r"maas|default", Fold.DECORATION),
    _s(
        r"fp8|fp4|nvfp4|fp16|bf16|int8|int4|awq|gptq|gguf|mlx|[2-8]-?bit|mlx-[2-8]-?bit|iq4[-_]xs|q[4-8]_0",
        Fold.ALWAYS,
        variant=VariantKind.QUANTIZED,
    ),
    _s(r"tee", Fold.ALWAYS, variant=VariantKind.TEE, qualifier="tee"),
    # A thinking budget in tokens (`claude-opus-4-1-thinking:32768`): a setting, never a model.
    _s(r"thinking-(?:\d{5,6}|1024|2048|4096|8192)", Fold.ALWAYS, variant=VariantKind.THINKING),
    _s(r"customtools", Fold.ALWAYS, variant=VariantKind.ALIAS, qualifier="customtools"),
    _s(r"latest", Fold.ALWAYS, variant=VariantKind.ALIAS, qualifier="latest"),
    _s(r"extended", Fold.ALWAYS, variant=VariantKind.EXTENDED, qualifier="extended"),
    _s(r"online", Fold.ALWAYS, variant=VariantKind.ONLINE, qualifier="online"),
    _s(r"exacto", Fold.ALWAYS, variant=VariantKind.ALIAS, qualifier="exacto"),
    _s(
        r"non-thinking|nothink|no-think|non-reasoning",
        Fold.UNLESS_LAB_SELLS,
        variant=VariantKind.NON_THINKING,
        qualifier="non-thinking",
    ),
    _s(r"thinking|think", Fold.UNLESS_LAB_SELLS, variant=VariantKind.THINKING, qualifier="thinking"),
    _s(r"fast", Fold.UNLESS_LAB_SELLS, variant=VariantKind.FAST, qualifier="fast"),
    _s(r"beta", Fold.UNLESS_LAB_SELLS, variant=VariantKind.SELF_MODERATED, qualifier="beta"),
)
EFFORT = re.compile(r"[-:@](minimal|low|medium|high|xhigh|max)$")
"""Reasoning effort words; they fold only for labs whose models take an effort setting."""
EFFORT_LABS = frozenset({"openai", "anthropic", "google", "xai"})
DATE = re.compile(
    r"[-@](\d{4}-\d{2}-\d{2}|\d{8}|2\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])|\d{2}-\d{4}|\d{2}-\d{2}|\d{4})$"
)
"""A snapshot date: `-2024-11-20`, `-20241120`, `-250715`, `-08-2025`, `-06-05`, `-0709` or `-2507`."""


def parse_date(text: str) -> tuple[int | None, int, int] | None:
    """(year or None, month, day) of a snapshot date with a day in it, however it is written.

    `2026-03-09`, `20260309`, `260309` (YYMMDD) and `0309` (MMDD) all read as March 9 (the last
    without a year); `2507` (Qwen's and Mistral's YYMM) and `08-2025` (a month) have no day: None.
    """
    digits = text.replace("-", "")
    if len(digits) == 8:
        year, month, day = int(digits[:4]), int(digits[4:6]), int(digits[6:])
    elif len(digits) == 6 and "-" not in text:
        year, month, day = 2000 + int(digits[:2]), int(digits[2:4]), int(digits[4:])
    elif len(digits) == 4 and (len(text) == 4 or text[2] == "-"):
        year, month, day = None, int(digits[:2]), int(digits[2:])
    else:
        return None
    return (year, month, day) if 1 <= month <= 12 and 1 <= day <= 31 else None


def sort_date(text: str) -> tuple[int, int, int] | None:
    """A date to find the newest snapshot by: `parse_date`'s with a year, or YYMM (`2512`) as
    that month; None when the year is unknown."""
    parsed = parse_date(text)
    if parsed is not None and parsed[0] is not None:
        return (parsed[0], parsed[1], parsed[2])
    if len(text) == 4 and text.isdigit() and 23 <= int(text[:2]) <= 39 and 1 <= int(text[2:]) <= 12:
        return (2000 + int(text[:2]), int(text[2:]), 0)
    return None


@dataclass(frozen=True)
class Word:
    """One trailing word of an id and what it means."""

    text: str
    suffix: Suffix
    rest: str
    """The id without this word (and without every word after it)."""


def words(model_id: str, lab: str = "") -> tuple[Word, ...]:
    """The trailing variant and mode words of an id, from the last one inwards.

    Reading stops at a snapshot date: `claude-3-7-sonnet-20250219-thinking` has one word
    (`thinking`), `qwen3-235b-a22b-thinking-2507` none, since a dated release named "thinking"
    is a model of its own.
    """
    rest = model_id
    found: list[Word] = []
    while (word := _word(rest, lab)) is not None:
        text, suffix = word
        rest = rest[: -len(text) - 1]
        found.append(Word(text, suffix, rest))
    return tuple(found)


def split_date(model_id: str) -> tuple[str, str | None]:
    """(the id without its snapshot date, the date as written), or (the id, None)."""
    match = DATE.search(model_id)
    if match is None or match.start() == 0:
        return model_id, None
    return model_id[: match.start()], match.group(1)


def _word(text: str, lab: str) -> tuple[str, Suffix] | None:
    for suffix in SUFFIXES:
        match = suffix.pattern.search(text)
        if match is not None and match.start() > 0:
            return text[match.start() + 1 :], suffix
    if lab in EFFORT_LABS:
        match = EFFORT.search(text)
        if match is not None and match.start() > 0:
            effort = Suffix(EFFORT, Fold.UNLESS_LAB_SELLS, variant=VariantKind.EFFORT)
            return match.group(1), effort
    return None


def qualifier(word: str, suffix: Suffix) -> str:
    """The route qualifier a folded word gives: `thinking`, `fp8`, `effort-high`."""
    if suffix.qualifier is not None:
        return suffix.qualifier
    if suffix.variant is VariantKind.EFFORT:
        return f"effort-{word}"
    return re.sub(r"[^a-z0-9]+", "-", word.lower()).strip("-")
