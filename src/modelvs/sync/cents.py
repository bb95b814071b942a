"""Prices a unit conversion left a residue on: `$2.99999` is Databricks' $3 per 1M tokens.

Some providers price in their own units (Databricks in DBUs per token) and sources publish the
converted figure, five or more decimals long and a hair off a round price. Such a price, within
less than $0.00005 from a whole cent or a tenth of a cent per 1M tokens, is that round price; the source's
figure stays as an alternative with its citation. Reviewed prices are never touched, and sub-cent
list prices (`$0.01875`, `$0.09375`) are not near a round one, so they stay as written.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from modelvs.schema.pricing import TOKEN_COMPONENTS
from modelvs.sources.registry import IMPORTED
from modelvs.sync.fields import Records, add_alternative

CENTS_RULE = (
    "A price with five or more decimals less than $0.00005 from a whole cent or a tenth of a cent per 1M"
    " tokens is a unit conversion's residue (Databricks' $2.99999 is $3): the round price is shown,"
    " and the source's figure is kept beside it with its source."
)
_NEAR = Decimal("0.00005")
_STEPS = (Decimal("0.01"), Decimal("0.001"))


def rounded(value: Decimal) -> Decimal | None:
    """The round price `value` is a conversion residue of, or None when it is a price as written."""
    exponent = value.as_tuple().exponent
    if not isinstance(exponent, int) or exponent > -5:
        return None
    for step in _STEPS:
        near = value.quantize(step)
        if near != value and abs(value - near) < _NEAR and near > 0:
            short = near.normalize()  # `0.50` -> `0.5`, and `30.00` -> `3E+1`, written back as `30`
            return short.quantize(Decimal(1)) if short.as_tuple().exponent > 0 else short  # type: ignore[operator]
    return None


def round_conversions(records: Records) -> None:
    """Round every imported price that is a conversion residue (records change in place)."""
    for (kind, _), raw in records.items():
        if kind != "route":
            continue
        citations = raw.get("citations", {})
        for schedule in raw.get("prices", []):
            if citations.get(schedule["citation"], {}).get("source") not in IMPORTED:
                continue  # a reviewer's price is as the page says
            where = f"prices.{schedule.get('mode', 'standard')}"
            _round(raw, schedule, where, schedule["citation"])
            for tier in schedule.get("tiers", []):
                _round(raw, tier, f"{where}.tiers.{tier['threshold']}", schedule["citation"])


def _round(raw: dict[str, Any], rates: dict[str, Any], where: str, citation: str) -> None:
    for component in TOKEN_COMPONENTS:
        value = rates.get(component)
        near = rounded(value) if isinstance(value, Decimal) else None
        if near is not None:
            add_alternative(raw, f"{where}.{component}", value, citation)
            rates[component] = near
