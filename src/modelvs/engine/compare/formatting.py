"""Figures as the page shows them, built on `views.format` so every number reads one way.

These extend `modelvs.views.format` (usd, tokens) for what a comparison adds: rounded money,
ratios, shares and exact token counts. They belong in `views/format.py` once this package is
merged; they live here because this package may not edit files outside itself.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from modelvs.views.format import tokens, usd

__all__ = ["count", "io_ratio", "money", "params", "percent", "times", "tokens", "usd"]

_CENT = Decimal("0.01")


def money(value: Decimal) -> str:
    """Computed money (monthly costs, blends, gaps): to the cent, or 4 significant digits under 1 cent.

    Two amounts that print the same are "effectively equal": a gap inside this rounding is never
    headlined (seed defect 10).
    """
    if value == 0:
        return "$0"
    if abs(value) < _CENT:
        return usd(abs(value).quantize(Decimal(1).scaleb(abs(value).adjusted() - 3), ROUND_HALF_UP))
    return usd(abs(value).quantize(_CENT, ROUND_HALF_UP))


def count(value: int) -> str:
    """Exact token counts as specs give them: `1,048,576`."""
    return f"{value:,}"


def _short(value: Decimal, places: int = 2) -> str:
    text = f"{value.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def times(larger: int, smaller: int) -> str:
    """How many times larger: `8.19x`, `4x`; never `1x` for two different values."""
    text = _short(Decimal(larger) / Decimal(smaller))
    if text == "1" and larger != smaller:
        return "1.00x"
    return f"{text}x"


def io_ratio(ratio: Decimal) -> str:
    """An input:output token ratio: `4:1`, `1:4`, `2.5:1`."""
    if ratio >= 1:
        return f"{_short(ratio)}:1"
    return f"1:{_short(1 / ratio)}"


def percent(share: Decimal) -> str:
    """A share as a percentage: `76.2%`, `50%`; under 1%, two decimals (`0.04%`), never a bare `0%`."""
    value = share * 100
    if value == 0:
        return "0%"
    if abs(value) < 1:
        text = _short(value, 2)
        return f"{text}%" if text not in ("0", "-0") else "under 0.01%"
    return f"{_short(value, 1)}%"


def params(value: int) -> str:
    """A disclosed parameter count: `7B`, `1.5B`, `671B`, `350M`."""
    if value >= 1_000_000_000:
        return f"{_short(Decimal(value) / 1_000_000_000, 1)}B"
    return f"{_short(Decimal(value) / 1_000_000, 1)}M"
