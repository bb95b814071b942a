"""LiteLLM per-token rates as price schedules: the conversion to USD per 1M tokens is exact."""

from __future__ import annotations

from decimal import Decimal

from modelvs.sources.litellm_prices import per_million


def test_per_million_is_exact() -> None:
    assert str(per_million(Decimal("0.00001"))) == "10"
    assert str(per_million(Decimal("2E-7"))) == "0.2"
    # A float's rounding error in the source's text is not part of the price.
    assert str(per_million(Decimal("0.000015000020000000002"))) == "15.00002"
    assert str(per_million(Decimal("8.000000000000001e-07"))) == "0.8"
    assert str(per_million(Decimal(0))) == "0"
