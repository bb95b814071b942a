"""`rank()`: its float pre-rank with exact re-pricing gives exactly the ranking exact pricing gives."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

import pytest

from modelvs.catalog import Catalog
from modelvs.engine import monthly, prerank, value
from modelvs.engine.monthly import RouteCost, RouteSet, all_route_costs
from modelvs.engine.rank import Needs, Ranked, meets, rank, ranking
from modelvs.engine.value import value_map
from modelvs.engine.workload import DEFAULT_WORKLOAD, Profile, Workload
from modelvs.schema.vocab import ModelKind
from tests.engine.test_pricing import ON, build, route, shipped

D = Decimal
NEEDS = {
    "default": Needs(),
    "every route": Needs(routes=RouteSet.ALL),
    "everything": Needs(kinds=frozenset(ModelKind), include_retired=True, routes=RouteSet.ALL),
}


def exact_ranking(
    catalog: Catalog, needs: Needs, workload: Workload, on: dt.date
) -> list[tuple[object, ...]]:
    """Every route priced exactly; each model's cheapest by the tie rule; by cost, then model id."""
    costs = all_route_costs(catalog, workload, on)
    found = []
    for model_id, route_ids in catalog.routes_by_model.items():
        if model_id not in catalog.models or not meets(catalog, model_id, needs, on):
            continue
        usable = [costs[r] for r in route_ids if needs.routes is RouteSet.ALL or costs[r].vetted]
        if usable:
            best = sorted(usable, key=RouteCost.sort_key)[0]
            if best.monthly is not None:
                found.append((best.monthly, model_id, best.route, str(best.monthly), str(best.tokens_cost)))
    found.sort(key=lambda row: (row[0], row[1]))
    return [row[1:] for row in found]


def figures(ranked: list[Ranked]) -> list[tuple[object, ...]]:
    return [(r.model, r.route, str(r.cost.monthly), str(r.cost.tokens_cost)) for r in ranked]


def random_workload(rng: random.Random) -> Workload:
    """Traffic that crosses tiers, limits and gaps: long and short prompts, cache, reasoning, batch."""
    profiles = []
    shares = [D(1)] if rng.random() < 0.7 else [D("0.25"), D("0.75")]
    for share in shares:
        prompt = rng.choice(
            (0, 1, 800, 20_000, 128_000, 128_001, 200_000, 200_001, 1_000_000, rng.randint(1, 2 * 10**6))
        )
        cached = rng.choice((0, 0, prompt // 2, prompt))
        profiles.append(
            Profile(prompt, rng.choice((0, 250, 4_000, 70_000)), cached, rng.choice((0, 0, 3_000)), share)
        )
    requests = rng.choice((0, 1, 999, 1_000_000, rng.randint(1, 10**12)))
    return Workload(requests, tuple(profiles), rng.choice((D(0), D(0), D("0.5"), D(1))))


@pytest.mark.parametrize("seed", range(8))
def test_rank_equals_exact_pricing_on_random_workloads(seed: int) -> None:
    catalog = shipped()
    rng = random.Random(seed)
    for _ in range(6):
        workload = random_workload(rng)
        needs = NEEDS[rng.choice(list(NEEDS))]
        expected = exact_ranking(catalog, needs, workload, ON)
        assert figures(rank(catalog, needs, workload, ON)) == expected, (workload, needs)


def test_a_new_workload_prices_few_routes_exactly(monkeypatch: pytest.MonkeyPatch) -> None:
    catalog = shipped()
    priced: list[Decimal | None] = []
    exact = prerank.month_of

    def counted(*args: Any) -> Decimal | None:
        priced.append(exact(*args))
        return priced[-1]

    monkeypatch.setattr(prerank, "month_of", counted)
    workload = Workload(1_234_567, (Profile(900, 300),))  # round numbers: many models cost the same
    ranked = rank(catalog, Needs(), workload, ON)
    assert len(ranked) > 1000
    # Equal rates are told apart without pricing, and each other bill is priced once: only costs
    # that floats cannot order are priced exactly, most of them exact ties between other rates.
    assert 0 < len(priced) < len(ranked) / 4
    assert len(set(priced)) < len(priced)
    assert figures(ranked) == exact_ranking(catalog, Needs(), workload, ON)


FLAT = {"input": "2", "output": "10"}
LAB = {"name": "Lab", "kind": "first-party", "lab": "lab", "trust": "first_party"}


def ranked_routes(
    catalog: Catalog, workload: Workload = DEFAULT_WORKLOAD
) -> list[tuple[str, str, Decimal | None]]:
    return [(r.model, r.route, r.cost.monthly) for r in rank(catalog, Needs(), workload, ON)]


def test_a_price_too_close_for_floats_is_decided_exactly() -> None:
    # 2 and 2 + 1e-20 are one float: exact pricing finds the reseller cheaper than the lab.
    hair = {"input": "1.99999999999999999999", "output": "10"}
    catalog = build(
        {
            "lab:lab/m": route(FLAT),
            "host:lab/m": route(hair),
            "lab:lab/n": route(hair),
            "lab:lab/o": route(FLAT),
        },
        providers={"lab": LAB},
    )
    assert ranked_routes(catalog) == [
        ("lab/m", "host:lab/m", D("4099.999999999999999992")),
        ("lab/n", "lab:lab/n", D("4099.999999999999999992")),
        ("lab/o", "lab:lab/o", D(4100)),
    ]


@pytest.mark.parametrize("requests", [1, 1_000, 987_654_321])
def test_models_at_one_float_estimate_are_one_row_only_when_billed_alike(requests: int) -> None:
    # lab/a and lab/c bill alike (rates equal in value); lab/b a hair below, the same as floats:
    # b is first, exactly, and a and c tie, in model id order, at every request count.
    hair = {"input": "1.99999999999999999999", "output": "10"}
    catalog = build(
        {
            "lab:lab/a": route(FLAT),
            "lab:lab/b": route(hair),
            "lab:lab/c": route({"input": "2.0", "output": "10.00"}),
        },
        providers={"lab": LAB},
    )
    workload = Workload(requests, (Profile(800, 250),))
    expected = exact_ranking(catalog, Needs(), workload, ON)
    assert [model for model, *_ in expected] == ["lab/b", "lab/a", "lab/c"]
    assert figures(rank(catalog, Needs(), workload, ON)) == expected


def test_equal_rates_written_differently_tie_by_the_rule() -> None:
    catalog = build(
        {
            "host:lab/m": route({"input": "2.50", "output": "10.0"}),
            "lab:lab/m": route({"input": "2.5", "output": "10"}),
        },
        providers={"lab": LAB},
    )
    assert ranked_routes(catalog) == [("lab/m", "lab:lab/m", D(4500))]


def test_a_fee_minimum_decides_the_order() -> None:
    fee = {
        "kind": "credit_purchase",
        "percent": "5",
        "minimum_usd": "50",
        "description": "d",
        "citation": "c",
    }
    aggregator = {
        "name": "Agg",
        "kind": "aggregator",
        "trust": "established",
        "fees": [fee],
        "citations": {"c": {"source": "test"}},
    }
    catalog = build(
        {
            "agg:lab/m": route({"input": "1", "output": "1"}),
            "lab:lab/n": route({"input": "1.06", "output": "1.06"}),
        },
        providers={"agg": aggregator, "lab": LAB},
    )
    small = Workload(100_000, (Profile(800, 250),))  # $105 of tokens: 5% is less than the $50 minimum
    assert ranked_routes(catalog, small) == [
        ("lab/n", "lab:lab/n", D("111.3")),
        ("lab/m", "agg:lab/m", D(155)),
    ]
    large = Workload(10_000_000, (Profile(800, 250),))
    assert [m for m, _, _ in ranked_routes(catalog, large)] == ["lab/m", "lab/n"]


def _aggregator(name: str, percent: str, minimum: str | None) -> dict[str, Any]:
    fee = {"kind": "credit_purchase", "percent": percent, "description": "d", "citation": "c"}
    if minimum is not None:
        fee["minimum_usd"] = minimum
    return {
        "name": name,
        "kind": "aggregator",
        "trust": "established",
        "fees": [fee],
        "citations": {"c": {"source": "test"}},
    }


@pytest.mark.parametrize("requests", [1, 7, 1_000, 793_650, 793_651, 10**7, 10**12])
def test_a_models_routes_with_and_without_fees_at_any_count_rank_as_exact_pricing(requests: int) -> None:
    # lab/m: the lab's route; an aggregator's, cheaper before its 5% fee, whose $50 minimum binds
    # up to 793,650 requests; one whose 10% fee always makes it dearer than the lab's. lab/n: the
    # lab's, a cloud's billing alike (the tie rule decides) and the aggregator's at the lab's rates.
    catalog = build(
        {
            "lab:lab/m": route({"input": "1.06", "output": "1.06"}),
            "agg:lab/m": route({"input": "1", "output": "1"}),
            "dear:lab/m": route({"input": "0.97", "output": "0.97"}),
            "lab:lab/n": route({"input": "1.06", "output": "1.06"}),
            "cloud:lab/n": route({"input": "1.060", "output": "1.06"}),
            "agg:lab/n": route({"input": "1.06", "output": "1.06"}),
        },
        providers={"agg": _aggregator("Agg", "5", "50"), "dear": _aggregator("Dear", "10", None), "lab": LAB},
    )
    workload = Workload(requests, (Profile(800, 250),))
    expected = exact_ranking(catalog, Needs(), workload, ON)
    assert figures(rank(catalog, Needs(), workload, ON)) == expected
    cheapest = "lab:lab/m" if requests <= 793_650 else "agg:lab/m"
    assert [route for _, route, *_ in expected] == [cheapest, "lab:lab/n"]


@pytest.mark.parametrize(
    "workload",
    [
        Workload(10**40, (Profile(800, 250),)),  # more requests than floats keep exact enough
        Workload(1, (Profile(800, 250, share=D("1e-40")), Profile(800, 250, share=1 - D("1e-40")))),
    ],
)
def test_traffic_outside_the_estimates_range_is_ranked_exactly(workload: Workload) -> None:
    catalog = build(
        {"lab:lab/m": route(FLAT), "host:lab/m": route({"input": "1", "output": "10"})},
        providers={"lab": LAB},
    )
    assert not prerank.estimable(workload)
    assert figures(rank(catalog, Needs(), workload, ON)) == exact_ranking(catalog, Needs(), workload, ON)


def test_a_rate_outside_the_estimates_range_is_ranked_exactly() -> None:
    tiny = {"input": "1e-40", "output": "1e-40"}
    catalog = build(
        {
            "lab:lab/m": route(tiny),
            "host:lab/m": route({"input": "2e-40", "output": "0"}),
            "lab:lab/n": route(FLAT),
        },
        providers={"lab": LAB},
    )
    assert prerank.cheapest_first(catalog, Needs(), DEFAULT_WORKLOAD, ON) is None
    assert figures(rank(catalog, Needs(), DEFAULT_WORKLOAD, ON)) == exact_ranking(
        catalog, Needs(), DEFAULT_WORKLOAD, ON
    )


def test_ranked_costs_are_priced_when_read_and_kept() -> None:
    catalog = build({"lab:lab/m": route(FLAT)}, providers={"lab": LAB})
    first = rank(catalog, Needs(), DEFAULT_WORKLOAD, ON)[0]
    assert (first.model, first.route) == ("lab/m", "lab:lab/m")
    assert first.cost is first.cost
    assert first.cost.monthly == D(4100)
    assert first == Ranked("lab/m", "lab:lab/m", (catalog, DEFAULT_WORKLOAD, ON), None)
    assert rank(catalog, Needs(), DEFAULT_WORKLOAD, ON, limit=0) == []


@pytest.mark.parametrize(
    "workload",
    [Workload(77_777, (Profile(30_000, 1_000, cached_tokens=20_000),)), Workload(10**31)],
    ids=["estimated", "priced exactly"],
)
def test_a_ranking_makes_its_records_when_read_and_keeps_them(workload: Workload) -> None:
    catalog = shipped()
    lazy = ranking(catalog, Needs(), workload, ON)
    expected = exact_ranking(catalog, Needs(), workload, ON)
    assert len(lazy) == len(expected) > 20
    picks = [len(lazy) - 1, 0, 7, -3, 7]  # any order, from either end
    assert [figures([lazy[i]])[0] for i in picks] == [expected[i] for i in picks]
    assert lazy[7] is lazy[7]
    assert figures(lazy[3:9]) == expected[3:9]
    assert figures(lazy[-4:]) == expected[-4:]
    assert figures(list(lazy)) == expected
    with pytest.raises(IndexError):
        lazy[len(lazy)]
    assert figures(rank(catalog, Needs(), workload, ON, limit=5)) == expected[:5]


def test_a_route_that_ties_on_rates_still_wins_where_it_alone_can_price() -> None:
    # The cloud bills as the lab does, with a longer window and a cheaper cache: the lab's API
    # wins the ties, the cloud a prompt only it can take and a cached one.
    cloud = {"name": "Cloud", "kind": "cloud", "trust": "major_cloud"}
    catalog = build(
        {
            "lab:lab/m": route({"input": "2", "output": "10", "cache_read": "1"}),
            "cloud:lab/m": route({"input": "2", "output": "10", "cache_read": "0.5"}, context_window=400_000),
        },
        providers={"lab": LAB, "cloud": cloud},
        models={"lab/m": {"name": "m", "context_window": 200_000}},
    )
    short = Workload(1000, (Profile(800, 250),))
    long = Workload(1000, (Profile(300_000, 250),))
    cached = Workload(1000, (Profile(800, 250, cached_tokens=400),))
    assert [route for _, route, _ in ranked_routes(catalog, short)] == ["lab:lab/m"]
    assert [route for _, route, _ in ranked_routes(catalog, long)] == ["cloud:lab/m"]
    assert [route for _, route, _ in ranked_routes(catalog, cached)] == ["cloud:lab/m"]


def test_a_stream_of_new_workloads_keeps_the_days_offers(monkeypatch: pytest.MonkeyPatch) -> None:
    catalog = shipped()
    rank(catalog, Needs(), Workload(4_242), ON)
    sellers: list[str] = []
    make = monthly._seller

    def counted(catalog: Catalog, route_id: str, on: dt.date) -> monthly.Seller:
        sellers.append(route_id)
        return make(catalog, route_id, on)

    monkeypatch.setattr(monthly, "_seller", counted)
    for requests in range(1, 700):  # more answers than the memo of answers keeps
        monthly.model_costs(catalog, "openai/gpt-5.5", Workload(requests), ON)  # a current model: ranked
    rank(catalog, Needs(), Workload(4_243), ON)
    assert sellers == []  # who sells each route was worked out once for the day, and kept


def test_one_traffic_shape_at_many_request_counts_equals_exact_pricing() -> None:
    # One request's estimates are kept per shape of traffic: every request count must still rank exactly.
    catalog = shipped()
    for profile in (Profile(800, 250), Profile(30_000, 1_000, cached_tokens=20_000, reasoning_tokens=500)):
        for requests in (1, 3, 999, 77_777, 10**6, 987_654_321, 10**12):
            workload = Workload(requests, (profile,))
            for needs in (NEEDS["default"], NEEDS["every route"]):
                expected = exact_ranking(catalog, needs, workload, ON)
                assert figures(rank(catalog, needs, workload, ON)) == expected, (workload, needs)


def test_a_stream_of_new_workloads_keeps_the_catalogs_derived_values(monkeypatch: pytest.MonkeyPatch) -> None:
    catalog = shipped()
    value_map(
        catalog, Workload(5), ON
    )  # the value map's options for this shape of traffic: derived, in memory
    made: list[object] = []
    make = value._options

    def counted(*args: Any) -> Any:
        made.append(args)
        return make(*args)

    monkeypatch.setattr(value, "_options", counted)
    for requests in range(1, 300):  # more than the catalog's derived values kept in memory
        rank(catalog, Needs(), Workload(1_000 + requests), ON)
    value_map(catalog, Workload(6), ON)
    assert made == []  # a ranking at a new workload is an answer, not one of the catalog's values
