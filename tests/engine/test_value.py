"""The value map prices each rated model from one request of the traffic's shape, scaled: always
the route and cost a full ranking at that traffic picks, fee minimums and ties included."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from modelvs.catalog import Catalog, load_catalog
from modelvs.engine.value import _points, _ranked_points
from modelvs.engine.workload import Profile, Workload

ON = dt.date(2026, 11, 24)
WORKLOADS = [
    Workload(0),
    Workload(1),  # OpenRouter's $0.80 fee minimum outweighs its 5.5% here: its routes lose
    Workload(3, (Profile(200, 40),)),
    Workload(987_654_321),
    Workload(2_000, (Profile(3_000, 100, cached_tokens=1_000),), batch_share=Decimal("0.5")),
    Workload(5_000, (Profile(900, 100, share=Decimal("0.25")), Profile(400_000, 50, share=Decimal("0.75")))),
]


@pytest.fixture(scope="module")
def shipped() -> Catalog:
    return load_catalog()


@pytest.mark.parametrize("workload", WORKLOADS, ids=lambda w: f"{w.requests_per_month}")
def test_scaled_points_are_the_rankings(shipped: Catalog, workload: Workload) -> None:
    scaled = {(p.model, p.route, p.monthly) for p in _points(shipped, workload, ON, "overall")}
    ranked = {(p.model, p.route, p.monthly) for p in _ranked_points(shipped, workload, ON, "overall")}
    assert len(ranked) > 50
    assert scaled == ranked
