"""Arena ratings, ties by interval, the frontier, and rankings by rating or per dollar."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any

from modelvs.catalog import Catalog
from modelvs.engine.quality import ahead, frontier, leaders, per_dollar, plus_minus, rating, tied
from modelvs.engine.rank import Needs, RankOrder, rank
from modelvs.engine.value import value_map
from modelvs.engine.workload import Workload
from modelvs.schema import Benchmark
from modelvs.schema.results import ResultSet
from tests.engine.test_pricing import ON, build, route

D = Decimal
ARENA = Benchmark.model_validate(
    {
        "name": "Arena",
        "description": "votes",
        "metric": "rating",
        "categories": [{"id": "overall", "name": "Overall"}, {"id": "coding", "name": "Coding"}],
    }
)
WORKLOAD = Workload(1000)  # 1,000 requests of the default profile


def result(
    score: str, low: str, high: str, votes: int = 1000, category: str = "overall", **more: Any
) -> dict[str, Any]:
    return {
        "benchmark": "lmarena",
        "category": category,
        "score": score,
        "low": low,
        "high": high,
        "samples": votes,
        "date": "2026-10-20",
        "self_reported": False,
        "citation": "a",
        **more,
    }


def rated(prices: dict[str, str], results: dict[str, list[dict[str, Any]]]) -> Catalog:
    """Models `lab/<x>` on route `p:lab/<x>` at an input and output price of `prices[x]`, rated as given."""
    catalog = build({f"p:lab/{m}": route({"input": p, "output": p}) for m, p in prices.items()})
    sets = {
        f"lmarena:lab/{m}": ResultSet.model_validate({"results": rs, "citations": {"a": {"source": "test"}}})
        for m, rs in results.items()
    }
    fields = {
        f.name: getattr(catalog, f.name)
        for f in dataclasses.fields(Catalog)
        if f.init and f.name != "name_index"
    }
    return Catalog(**{**fields, "benchmarks": {"lmarena": ARENA}, "results": sets})


def test_a_model_s_rating_is_its_row_with_most_votes_and_ties_are_interval_overlaps() -> None:
    catalog = rated(
        {"a": "1", "b": "2", "c": "3"},
        {
            "a": [result("1500", "1495", "1505", 10), result("1490", "1488", "1492", 900)],
            "b": [result("1480", "1476", "1484")],
            "c": [result("1487", "1484", "1490"), result("1530", "1520", "1540", category="coding")],
        },
    )
    a, b, c = (rating(catalog, f"lab/{m}") for m in "abc")
    assert a is not None
    assert b is not None
    assert c is not None
    assert a.score == D("1490")  # the row with 900 votes
    assert ahead(a, b)
    assert not ahead(b, a)
    assert tied(a, c)
    assert tied(c, a)
    assert leaders([a, b, c]) == ("lab/a", "lab/c")
    assert leaders([a, b]) == ("lab/a",)
    assert leaders([a, None]) == ()
    assert plus_minus(a) == "1,490 ± 2.0"
    coding = rating(catalog, "lab/c", "coding")
    assert coding is not None
    assert coding.score == D("1530")


def test_the_frontier_keeps_models_no_other_beats_on_cost_and_rating() -> None:
    points = [
        ("cheap", D(1), D(1400)),
        ("mid", D(5), D(1450)),
        ("worse", D(6), D(1420)),
        ("top", D(9), D(1500)),
    ]
    assert frontier(points) == ("cheap", "mid", "top")
    assert frontier([("x", D(2), D(1400)), ("y", D(2), D(1450))]) == ("y",)  # as cheap and better
    assert per_dollar(D(1500), D(0)) is None
    assert per_dollar(D(1500), D(3)) == D(500)


def test_rank_filters_by_a_minimum_rating_and_sorts_by_rating_or_per_dollar() -> None:
    catalog = rated(
        {"a": "1", "b": "4", "c": "8", "unrated": "0.5"},
        {
            "a": [result("1400", "1395", "1405")],
            "b": [result("1480", "1475", "1485")],
            "c": [result("1500", "1495", "1505", category="coding"), result("1450", "1445", "1455")],
        },
    )
    by_cost = [r.model for r in rank(catalog, Needs(), WORKLOAD, ON)]
    assert by_cost == ["lab/unrated", "lab/a", "lab/b", "lab/c"]
    floor = [r.model for r in rank(catalog, Needs(min_rating=D(1440)), WORKLOAD, ON)]
    assert floor == ["lab/b", "lab/c"]
    best = [r.model for r in rank(catalog, Needs(), WORKLOAD, ON, order=RankOrder.RATING)]
    assert best == ["lab/b", "lab/c", "lab/a", "lab/unrated"]
    coding = rank(catalog, Needs(rating_category="coding"), WORKLOAD, ON, order=RankOrder.RATING)
    assert coding[0].model == "lab/c"
    assert coding[0].rating is not None
    assert coding[0].rating.category == "coding"
    value = rank(catalog, Needs(), WORKLOAD, ON, order=RankOrder.VALUE)
    assert [r.model for r in value] == ["lab/a", "lab/b", "lab/c", "lab/unrated"]
    assert value[0].per_dollar is not None
    assert value[0].per_dollar > value[1].per_dollar


def test_the_value_map_holds_rated_models_the_frontier_and_the_highlighted() -> None:
    catalog = rated(
        {"a": "1", "b": "4", "c": "8"},
        {
            "a": [result("1400", "1395", "1405")],
            "b": [result("1480", "1475", "1485")],
            "c": [result("1450", "1445", "1455")],
        },
    )
    found = value_map(catalog, WORKLOAD, ON, ["lab/c", "lab/none"])
    assert [p.model for p in found.points] == ["lab/a", "lab/b", "lab/c"]
    assert found.frontier == ("lab/a", "lab/b")  # c costs more than b and is rated lower
    assert found.highlighted == ("lab/c",)
