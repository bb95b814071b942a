"""Numbers formatted one way everywhere: money, token counts, shares, ratios, parameter counts.

Below the engine (it imports nothing of modelvs), so the engine's figures, the views and the CLI
all print a number the same way. Machine output never goes through here: JSON carries `exact`.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

_CENT = Decimal("0.01")


def exact(value: Decimal) -> str:
    """A Decimal exactly, in plain notation with no trailing zeros: `0.800004`, `1000000`, `4600`."""
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "0") else text


def usd(value: Decimal | str | int) -> str:
    """A rate as published: `$2`, `$2.50`, `$0.075`, `$4,600`; cents shown when there are any."""
    amount = Decimal(value)
    if amount == amount.to_integral_value():
        return f"${amount:,.0f}"
    text = f"{amount.normalize():,f}"
    whole, _, frac = text.partition(".")
    return f"${whole}.{frac.ljust(2, '0')}"


def money(value: Decimal | str | int) -> str:
    """Computed money (bills, gaps, blends): to the cent, or 4 significant digits under a cent
    (`$0.0035`, never `<$0.01`). The sign is dropped: callers say "up" or "down".

    Two amounts that print the same are "effectively equal": a gap inside this rounding is never
    headlined.
    """
    amount = abs(Decimal(value))
    if amount == 0:
        return "$0"
    if amount < _CENT:
        return usd(amount.quantize(Decimal(1).scaleb(amount.adjusted() - 3), ROUND_HALF_UP))
    # `usd` of the amount in cents, in one format call: a page prints hundreds of these.
    text = f"{amount.quantize(_CENT, ROUND_HALF_UP):,f}"
    return "$" + (text[:-3] if text.endswith(".00") else text)


def tokens(count: int) -> str:
    """`1,048,576` as `1.05M`, `128,000` as `128k`, `800` as `800`, `3,000,000,000` as `3B`."""
    for size, places, suffix in ((10**9, 2, "B"), (10**6, 2, "M"), (10**3, 1, "k")):
        shown = round(count / size, places)
        if shown >= 1:  # 999,999,999 rounds to `1B` (never `1000M`)
            return f"{shown:.{places}f}".rstrip("0").rstrip(".") + suffix
    return str(count)


def count(value: int) -> str:
    """Exact counts as specs give them: `1,048,576`."""
    return f"{value:,}"


def plural(n: int, word: str, many: str | None = None) -> str:
    """`1 request`, `2 requests`, `1,000,000 requests`."""
    return f"{n:,} {word if n == 1 else many or word + 's'}"


def _short(value: Decimal, places: int = 2) -> str:
    text = f"{value.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def times(larger: int, smaller: int) -> str:
    """How many times larger: `8.19x`, `4x`, `12.5x`, `2,083x`; never `1x` for two different values."""
    ratio = Decimal(larger) / Decimal(smaller)
    if ratio >= 100:
        return f"{ratio.quantize(Decimal(1), ROUND_HALF_UP):,f}x"
    text = _short(ratio, 1 if ratio >= 10 else 2)
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
