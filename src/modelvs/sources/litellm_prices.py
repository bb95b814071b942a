"""LiteLLM's per-token rates as catalog price schedules: one per mode, with context tiers and
per-request fees, converted exactly from USD per token to USD per 1M tokens.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from modelvs.catalog.money import denoise
from modelvs.sources.litellm_entries import Entry

_MODES = {"": "standard", "batches": "batch", "priority": "priority", "flex": "flex"}
"""LiteLLM price key mode suffix -> catalog price mode."""


def price_schedules(entry: Entry) -> tuple[tuple[dict[str, Any], ...] | None, list[str]]:
    """Schedules per mode, and the mode suffixes the catalog has no mode for."""
    by_mode: dict[str, dict[int | None, dict[str, Any]]] = {}
    ttl = "5m" if any(r.component == "cache_write_1h" for r in entry.rates) else "default"
    for rate in entry.rates:
        rates = by_mode.setdefault(rate.mode, {}).setdefault(rate.threshold, {})
        value = per_million(rate.usd_per_token)
        if rate.component == "cache_write":
            rates.setdefault("cache_write", {})[ttl] = value
        elif rate.component == "cache_write_1h":
            rates.setdefault("cache_write", {})["1h"] = value
        elif rate.component != "cache_hit" or "cache_read" not in rates:
            rates["cache_read" if rate.component == "cache_hit" else rate.component] = value
    schedules = []
    for suffix, levels in sorted(by_mode.items()):
        base = levels.get(None, {})
        # A mode exists only where the entry prices its input or output; no inheritance.
        if suffix not in _MODES or not ({"input", "output"} & base.keys()) or not _positive(base):
            continue
        schedule: dict[str, Any] = {"mode": _MODES[suffix]} | base
        tiers = [{"threshold": t, "comparison": ">"} | r for t, r in levels.items() if t is not None]
        if tiers:
            schedule["tiers"] = sorted(tiers, key=lambda t: t["threshold"])
        per_unit = {"request": entry.per_request, "web_search": entry.per_web_search}
        if suffix == "" and any(per_unit.values()):
            schedule["per_unit"] = {unit: fee for unit, fee in per_unit.items() if fee is not None}
        schedules.append(schedule)
    schedules.sort(key=lambda s: list(_MODES.values()).index(s["mode"]))
    unpriced = sorted(m for m in by_mode if m not in _MODES)
    return (tuple(schedules) or None), unpriced


def per_million(usd_per_token: Decimal) -> Decimal:
    """USD per token -> USD per 1M tokens, exact; integers without an exponent (10, not 1E+1)."""
    value = denoise(usd_per_token * 1_000_000).normalize()
    exponent = value.as_tuple().exponent
    return value.quantize(Decimal(1)) if isinstance(exponent, int) and exponent > 0 else value


def _positive(rates: dict[str, Any]) -> bool:
    """Whether any token price is above zero: an all-zero schedule is unpriced, not free."""
    return any(v > 0 for v in rates.values() if isinstance(v, Decimal))
