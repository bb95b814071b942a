import datetime as dt
from decimal import Decimal

import pytest

from modelvs.catalog import tomlio


def test_round_trip_keeps_money_exact() -> None:
    data = {
        "name": 'quote " and \\ back',
        "price": Decimal("0.000000125"),
        "whole": Decimal("4"),
        "day": dt.date(2026, 2, 19),
        "caps": {"vision": True},
        "prices": [{"mode": "batch", "input": Decimal("1.25"), "tiers": [{"threshold": 200000}]}],
    }
    text = tomlio.dumps(data)
    back = tomlio.loads(text)
    assert back["price"] == Decimal("0.000000125")
    assert back["whole"] == Decimal("4")
    assert back["prices"][0]["tiers"][0]["threshold"] == 200000
    assert back == data


def test_output_is_deterministic_and_bookkeeping_last() -> None:
    data = {"provenance": {"name": "md"}, "name": "x", "capabilities": {"vision": False}}
    text = tomlio.dumps(data)
    assert text == tomlio.dumps(dict(reversed(list(data.items()))))
    assert text.index("[capabilities]") < text.index("[provenance]")


def test_floats_are_refused() -> None:
    with pytest.raises(TypeError, match="Decimal"):
        tomlio.dumps({"price": 2.5})
