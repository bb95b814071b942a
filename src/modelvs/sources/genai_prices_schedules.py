"""genai-prices' dated prices and price variants as catalog price schedules, per mode over time.

genai-prices resolves a price as: the base prices in force on the day (the last
`ConditionalPrice` whose constraint holds), then every `price_variant` whose `when` matches the
request context and whose constraint holds, first to last, each price key taken from the first
such variant that sets it (`ModelInfo.get_prices`). So a variant's partial prices inherit the
base prices, of that day, for every component it does not set: Gemini's batch variant sets
input and output only, and batch cache reads keep the standard rate.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Context, Decimal, Inexact
from typing import Any

_MODES = {
    ("processing", "batch"): "batch",
    ("service_tier", "flex"): "flex",
    ("service_tier", "priority"): "priority",
    # An explicit default tier is the standard price (every such variant is empty today).
    ("service_tier", "default"): "standard",
    # OpenAI's `fast` tier is priority processing by another name (genai-prices repeats the
    # priority rates for it): read as priority only where no priority variant exists.
    ("service_tier", "fast"): "priority",
}
_MODE_ORDER = ("standard", "batch", "flex", "priority")
_RATES: dict[str, tuple[str, ...]] = {
    "input_mtok": ("input",),
    "output_mtok": ("output",),
    "cache_read_mtok": ("cache_read",),
    "cache_write_mtok": ("cache_write", "default"),
    "cache_write_5m_mtok": ("cache_write", "5m"),
    "cache_write_1h_mtok": ("cache_write", "1h"),
    "output_reasoning_mtok": ("reasoning",),
    "input_audio_mtok": ("input_audio",),
    "output_audio_mtok": ("output_audio",),
    "input_image_mtok": ("input_image",),
    "output_image_mtok": ("output_image",),
}
"""genai-prices price key per 1M tokens -> our component (and cache TTL)."""
_UNITS = {
    "requests_kcount": ("request", 1000),
    "web_searches_kcount": ("web_search", 1000),
    "audio_hours": ("audio_second", 3600),
    "input_audio_hours": ("audio_second", 3600),
}
"""genai-prices per-count price key -> our per-unit fee and the count it is priced per."""
_EXACT = Context(traps=[Inexact])
"""Divides only when the quotient is exact: money is never rounded."""


@dataclass(frozen=True)
class Tiered:
    """A cliff price: `base`, or a tier's price once total input tokens exceed its start."""

    base: Decimal
    tiers: tuple[tuple[int, Decimal], ...]


Value = Decimal | Tiered
Prices = tuple[tuple[str, Value], ...]
"""genai-prices price key -> value, as read."""


@dataclass(frozen=True)
class Dated:
    """Prices with their condition: a start date, a daily UTC window in minutes, or none."""

    prices: Prices
    start: dt.date | None = None
    window: tuple[int, int] | None = None
    when: tuple[tuple[str, str], ...] = ()
    """Request context the prices need (price variants only)."""


def price_schedules(
    base_prices: tuple[Dated, ...],
    price_variants: tuple[Dated, ...],
    locator: str,
    skipped: list[tuple[str, str]],
) -> tuple[dict[str, Any], ...] | None:
    """Every mode's schedules over time, from an entry's dated prices and price variants; what
    cannot be expressed goes to `skipped`."""
    base = [d for d in base_prices if d.window is None]
    timed = [d for d in base_prices if d.window is not None]
    off_peak: list[Dated] = []
    if timed:
        windows = ", ".join(_window(d) for d in timed)
        if len({d.prices for d in timed}) == 1:
            # DeepSeek bills a peak rate in daily windows and half of it at all other hours:
            # the peak rate is the list price a reader checks against; the other is off-peak.
            off_peak, base = base, [Dated(timed[0].prices)]
            skipped.append((locator, f"peak price at {windows}; the rest of the day is the off_peak mode"))
        else:
            skipped.append((locator, f"time-of-day price at {windows}: time of day is not representable"))
    variants: dict[str, list[Dated]] = {}
    for v in price_variants:
        mode = _MODES.get(v.when[0]) if len(v.when) == 1 else None
        if mode is None or v.window is not None:
            condition = ", ".join(f"{k}={x}" for k, x in v.when) + (f" at {_window(v)}" if v.window else "")
            skipped.append((locator, f"price variant for {condition}: no matching price mode"))
        elif v.when[0][1] != "fast" or not any(
            w.when == (("service_tier", "priority"),) for w in price_variants
        ):
            variants.setdefault(mode, []).append(v)
    schedules: list[dict[str, Any]] = []
    unknown: set[str] = set()
    timelines = [(m, _timeline(base, variants.get(m, []), m == "standard")) for m in _MODE_ORDER]
    if off_peak:
        timelines.append(("off_peak", _timeline(off_peak, [], True)))
    for mode, timeline in timelines:
        for start, until, prices in timeline:
            schedule = _schedule(mode, start, until, prices, unknown)
            if set(schedule) - {"mode", "effective_from", "effective_until"}:  # it prices something
                schedules.append(schedule)
    skipped.extend(
        (f"{locator}.prices.{key}", "price component with no field (or no exact conversion)")
        for key in sorted(unknown)
    )
    return tuple(schedules) or None


def _window(d: Dated) -> str:
    start, end = d.window or (0, 0)
    return f"{start // 60:02d}:{start % 60:02d}-{end // 60:02d}:{end % 60:02d} UTC"


def _active(d: Dated, day: dt.date | None) -> bool:
    return d.start is None or (day is not None and d.start <= day)


def _timeline(
    base: list[Dated], variants: list[Dated], standard: bool
) -> list[tuple[dt.date | None, dt.date | None, dict[str, Value]]]:
    """(from, until, prices) per stretch of days over which the resolved prices do not change.

    Before the earliest start date only unconstrained prices count (genai-prices would fall
    back to its first price; a price that starts on a date is not proposed for days before it).
    A batch/flex/priority stretch exists only while one of its variants is in force.
    """
    days: list[dt.date | None] = [None, *sorted({d.start for d in (*base, *variants) if d.start})]
    found: list[tuple[dt.date | None, dt.date | None, dict[str, Value]]] = []
    for i, day in enumerate(days):
        active = [v for v in variants if _active(v, day)]
        current = next((d for d in reversed(base) if _active(d, day)), None)
        if current is None or not (standard or active):
            continue
        prices = dict(current.prices)
        overrides: dict[str, Value] = {}
        for v in active:
            for key, value in v.prices:
                overrides.setdefault(key, value)
        prices |= overrides
        until = days[i + 1] if i + 1 < len(days) else None
        if found and found[-1][1] == day and found[-1][2] == prices:
            found[-1] = (found[-1][0], until, prices)
        else:
            found.append((day, until, prices))
    return found


def _schedule(
    mode: str, start: dt.date | None, until: dt.date | None, prices: dict[str, Value], unknown: set[str]
) -> dict[str, Any]:
    """A `PriceSchedule` dict; a tier row carries every tiered component at the price in force above it."""
    schedule: dict[str, Any] = {"mode": mode}
    if start:
        schedule["effective_from"] = start
    if until:
        schedule["effective_until"] = until
    tiered = {k: v for k, v in prices.items() if k in _RATES and isinstance(v, Tiered)}
    starts = sorted({s for v in tiered.values() for s, _ in v.tiers})
    # genai-prices bills a tier when total input tokens `> start`.
    tiers: list[dict[str, Any]] = [{"threshold": s, "comparison": ">"} for s in starts]
    for key, value in sorted(prices.items()):
        base = value.base if isinstance(value, Tiered) else value
        if key in _UNITS and not isinstance(value, Tiered):
            unit, per = _UNITS[key]
            try:
                schedule.setdefault("per_unit", {})[unit] = _EXACT.divide(base, per)
                continue
            except Inexact:
                pass
        if key not in _RATES:
            unknown.add(key)
            continue
        _put(schedule, _RATES[key], base)
        steps = value.tiers if isinstance(value, Tiered) else ()
        for row in tiers:
            in_force = [price for s, price in steps if s <= row["threshold"]]
            if in_force:
                _put(row, _RATES[key], in_force[-1])
    if tiers:
        schedule["tiers"] = tiers
    return schedule


def _put(target: dict[str, Any], path: tuple[str, ...], value: Decimal) -> None:
    if len(path) == 1:
        target[path[0]] = value
    else:
        target.setdefault(path[0], {})[path[1]] = value
