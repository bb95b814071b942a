"""Prices as sources write them: exact Decimals, without the noise a float left in the source's text."""

from __future__ import annotations

from decimal import Context, Decimal

_SIGNIFICANT = 12
"""More significant digits than any list price has; a longer value is a float's rounding error."""
_ROUND = Context(prec=_SIGNIFICANT)


def denoise(value: Decimal) -> Decimal:
    """`3.5999999999999996` -> `3.6`, `75.00003000000001` -> `75.00003`; exact values unchanged.

    Some sources compute prices in floating point and publish the result (`0.6 * 6`). A value
    with more than 12 significant digits is rounded to 12; when that leaves a short decimal,
    the short decimal is the price the source meant.
    """
    digits = value.as_tuple().digits
    if len(digits) <= _SIGNIFICANT:
        return value
    rounded = _ROUND.plus(value).normalize()
    return rounded if len(rounded.as_tuple().digits) < _SIGNIFICANT - 2 else value


def is_noisy(value: Decimal) -> bool:
    """Whether a value still carries float noise (what `check` refuses in the catalog)."""
    return denoise(value) != value
