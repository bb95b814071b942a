"""Numbers formatted one way everywhere: money, token counts, ratios."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


def exact(value: Decimal) -> str:
    """A Decimal exactly, in plain notation with no trailing zeros: `0.800004`, `1000000`, `4600`."""
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "0") else text


def usd(value: Decimal | str | int) -> str:
    """`$2`, `$2.50`, `$0.075`, `$4,600`: cents shown when there are any, never float noise."""
    amount = Decimal(value)
    if amount == amount.to_integral_value():
        return f"${amount:,.0f}"
    text = f"{amount.normalize():,f}"
    whole, _, frac = text.partition(".")
    return f"${whole}.{frac.ljust(2, '0')}"


def usd_amount(value: Decimal | str | int) -> str:
    """A bill, to the cent: `$4,600`, `$4,747.50`, `$0.72`; under a cent shows `<$0.01`."""
    amount = Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if amount == 0 and Decimal(value) > 0:
        return "<$0.01"
    return usd(amount)


def tokens(count: int) -> str:
    """`1,048,576` as `1.05M`, `128,000` as `128k`, `800` as `800`."""
    if count >= 1_000_000:
        text = f"{count / 1_000_000:.2f}".rstrip("0").rstrip(".")
        return f"{text}M"
    if count >= 1_000:
        text = f"{count / 1_000:.1f}".rstrip("0").rstrip(".")
        return f"{text}k"
    return str(count)
