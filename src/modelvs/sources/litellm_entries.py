"""One key of LiteLLM's cost map read into an `Entry`: limits, capability flags, deprecation
date and per-token prices (with their mode suffix and context tier), each field checked.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

_COMPONENTS = {
    "input_cost_per_token": "input",
    "output_cost_per_token": "output",
    "cache_read_input_token_cost": "cache_read",
    "cache_creation_input_token_cost": "cache_write",
    "cache_creation_input_token_cost_above_1hr": "cache_write_1h",
    "output_cost_per_reasoning_token": "reasoning",
    "input_cost_per_audio_token": "input_audio",
    "output_cost_per_audio_token": "output_audio",
    "input_cost_per_image_token": "input_image",
    "output_cost_per_image_token": "output_image",
}
"""LiteLLM per-token price key stem -> schedule component."""
_BASES = sorted(_COMPONENTS, key=len, reverse=True)  # longest first: `..._above_1hr` before its stem
_SUFFIX = re.compile(r"^(?:_above_(\d+)k_tokens)?(?:_([a-z]+))?$")
_SAME_FLAGS = (
    *("vision", "function_calling", "tool_choice", "reasoning", "computer_use", "pdf_input"),
    *("prompt_caching", "audio_input", "audio_output", "video_input", "web_search", "system_messages"),
)
_FLAGS = {f"supports_{c}": c for c in _SAME_FLAGS} | {
    "supports_parallel_function_calling": "parallel_tool_calls",
    "supports_response_schema": "structured_outputs",
}

Fail = Callable[[str, str], ValueError]


@dataclass(frozen=True)
class Rate:
    """One per-token price: its mode suffix (`""`, `batches`, ...), tier threshold, component."""

    mode: str
    threshold: int | None
    component: str
    usd_per_token: Decimal


@dataclass(frozen=True)
class Entry:
    """One key of the cost map, with the fields this importer reads."""

    key: str
    provider: str | None
    mode: str | None
    max_input: int | None
    max_output: int | None
    flags: Mapping[str, bool]
    rates: tuple[Rate, ...]
    per_request: Decimal | None
    per_web_search: Decimal | None
    deprecation_date: dt.date | None
    source: str | None


def read_entry(key: str, data: Any) -> Entry:
    """One key of the cost map, its fields checked; a malformed field raises an error naming the key."""

    def fail(field: str, why: str) -> ValueError:
        return ValueError(f"LiteLLM cost map: {key!r}: field {field!r} {why}")

    if not isinstance(data, dict):
        raise fail("", "entry must be an object")
    if key == "sample_spec":  # documents each field in prose: nothing to read
        return Entry(key, None, None, None, None, {}, (), None, None, None, None)
    for field in ("litellm_provider", "mode", "source"):
        if field in data and not isinstance(data[field], str):
            raise fail(field, "must be a string")
    limits: dict[str, int | None] = {}
    for field in ("max_input_tokens", "max_output_tokens"):
        value = data.get(field)
        if value is not None and (not _is_number(value) or value != int(value) or value < 0):
            raise fail(field, "must be a non-negative integer")
        limits[field] = int(value) if value else None
    flags: dict[str, bool] = {}
    for field, capability in _FLAGS.items():
        if field in data:
            if not isinstance(data[field], bool):
                raise fail(field, "must be true or false")
            flags[capability] = data[field]
    rates = [_rate(field, value, fail) for field, value in data.items()]
    if isinstance(data.get("tiered_pricing"), list):
        rates.extend(_range_rates(data["tiered_pricing"], fail))
    deprecation = None
    if data.get("deprecation_date") is not None:
        try:
            deprecation = dt.date.fromisoformat(str(data["deprecation_date"]))
        except ValueError:
            raise fail("deprecation_date", "is not an ISO date") from None
    return Entry(
        key=key,
        provider=data.get("litellm_provider"),
        mode=data.get("mode"),
        max_input=limits["max_input_tokens"],
        max_output=limits["max_output_tokens"],
        flags=flags,
        rates=tuple(r for r in rates if r is not None),
        per_request=_money(data, "input_cost_per_request", fail),
        per_web_search=_web_search(data.get("search_context_cost_per_query")),
        deprecation_date=deprecation,
        source=data.get("source"),
    )


def _rate(field: str, value: Any, fail: Fail) -> Rate | None:
    """A per-token price key: stem, optional `_above_NNNk_tokens`, optional mode suffix."""
    if field == "input_cost_per_token_cache_hit":  # DeepSeek's older name for a cache read
        return Rate("", None, "cache_hit", _checked(field, value, fail))
    for base in _BASES:
        if field.startswith(base):
            match = _SUFFIX.match(field[len(base) :])
            if match is None:
                continue
            threshold = int(match[1]) * 1000 if match[1] else None
            return Rate(match[2] or "", threshold, _COMPONENTS[base], _checked(field, value, fail))
    return None


def _range_rates(tiers: list[Any], fail: Fail) -> list[Rate]:
    """`tiered_pricing` ranges: LiteLLM bills the whole request at the range it falls in."""
    rates = []
    for i, tier in enumerate(tiers):
        where = f"tiered_pricing[{i}]"
        if not isinstance(tier, dict) or "range" not in tier:
            continue  # per-query tiers of search tools carry no token range
        span = tier["range"]
        if not isinstance(span, list) or len(span) != 2 or not _is_number(span[0]) or span[0] < 0:
            raise fail(f"{where}.range", "must be [start, end] token counts")
        start = int(span[0]) or None

        def fail_here(field: str, why: str, where: str = where) -> ValueError:
            return fail(f"{where}.{field}", why)

        for field, value in tier.items():
            rate = _rate(field, value, fail_here)
            if rate is not None:
                rates.append(Rate("", start, rate.component, rate.usd_per_token))
    return rates


def _checked(field: str, value: Any, fail: Fail) -> Decimal:
    if not _is_number(value) or value < 0:
        raise fail(field, "must be a non-negative number")
    return Decimal(value)


def _money(data: dict[str, Any], field: str, fail: Fail) -> Decimal | None:
    return None if data.get(field) is None else _checked(field, data[field], fail)


def _is_number(value: Any) -> bool:
    if isinstance(value, Decimal):
        return value.is_finite()
    return isinstance(value, int) and not isinstance(value, bool)


def _web_search(value: Any) -> Decimal | None:
    """A per-query search fee, only when every search context size costs the same."""
    if not isinstance(value, dict):
        return None
    prices = {v for v in value.values() if _is_number(v)}
    return Decimal(prices.pop()) if len(prices) == 1 and len(value) == 3 else None
