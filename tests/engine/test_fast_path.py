"""The totals-only fast path and memoised rankings give exactly what itemised pricing gives."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

import pytest

from modelvs.catalog import Catalog
from modelvs.catalog.layout import route_model, split_route_id
from modelvs.catalog.trust import is_vetted
from modelvs.engine.monthly import (
    RouteCost,
    RouteSet,
    cheapest_route,
    model_costs,
    rank_routes,
    route_cost,
)
from modelvs.engine.pricing import price_request, request_total, route_limits
from modelvs.engine.rank import Needs, rank
from modelvs.engine.workload import DEFAULT_WORKLOAD, Profile, Request, Workload
from modelvs.schema.vocab import Capability, ModelKind, PriceMode, ProviderTrust
from tests.engine.test_pricing import ON, shipped

D = Decimal
MODES = (PriceMode.STANDARD, PriceMode.BATCH, PriceMode.FLEX)


def requests_for(catalog: Catalog, route_id: str, rng: random.Random) -> list[Request]:
    """Requests that probe a route: around each tier threshold and limit, cached, written, reasoning."""
    route = catalog.routes[route_id]
    limits = route_limits(catalog.models[route_model(route_id)], route)
    limit = limits.max_input or limits.context_window or 1_000_000
    prompts = {0, 1, 800, limit, limit + 1, rng.randint(1, limit)}
    for schedule in route.prices:
        for tier in schedule.tiers:
            prompts.update((tier.threshold - 1, tier.threshold, tier.threshold + 1))
    out_limit = limits.max_output or 100_000
    made = []
    for prompt in sorted(p for p in prompts if p >= 0):
        mode = rng.choice(MODES)
        answer = rng.choice((0, 250, out_limit, out_limit + 1))
        cached = rng.choice((0, prompt // 2, prompt))
        written = rng.choice((0, (prompt - cached) // 3))
        ttl = rng.choice(("default", "5m", "1h"))
        reasoning = rng.choice((0, 0, 1000))
        made.append(Request(prompt, answer, cached, written, reasoning, mode, ttl))
    return made


def test_request_total_is_price_request_total_on_every_route() -> None:
    catalog = shipped()
    rng = random.Random(11)
    checked = impossible = 0
    for route_id in catalog.routes:
        for request in requests_for(catalog, route_id, rng):
            for on in (ON, dt.date(2024, 1, 1)):
                slow = price_request(catalog, route_id, request, on).total
                fast = request_total(catalog, route_id, request, on)
                # Identical Decimals, exponent included: str() is what views print.
                assert (str(fast), type(fast)) == (str(slow), type(slow)), (route_id, request, on)
                checked += 1
                impossible += slow is None
    assert checked > 80_000
    assert 0 < impossible < checked


WORKLOADS = {
    "default": DEFAULT_WORKLOAD,
    "300k prompts": Workload(1_000_000, (Profile(300_000, 250),)),
    "50% cache": Workload(1_000_000, (Profile(800, 250, cached_tokens=400),)),
    "100% batch": Workload(1_000_000, (Profile(800, 250),), batch_share=D(1)),
    "reasoning": Workload(250_000, (Profile(5_000, 500, reasoning_tokens=4_000),)),
    "mixed": Workload(
        3_333,
        (Profile(150_000, 1_000, cached_tokens=7, share=D("0.3")), Profile(900, 90, share=D("0.7"))),
        batch_share=D("0.25"),
    ),
}


def slow_route_cost(catalog: Catalog, route_id: str, workload: Workload, on: dt.date) -> tuple[object, ...]:
    """The monthly figures of the original itemised implementation, as comparable values."""
    priced = []
    total = D(0)
    for profile in workload.profiles:
        count = workload.requests_per_month * profile.share
        for mode, share in (
            (PriceMode.STANDARD, 1 - workload.batch_share),
            (PriceMode.BATCH, workload.batch_share),
        ):
            if share == 0:
                continue
            price = price_request(catalog, route_id, profile.request(mode), on)
            if price.total is None:
                return (route_id, None, None, (), price.why, ())
            priced.append((count * share, price))
            total += count * share * price.total
    provider = catalog.providers[route_id.split(":", 1)[0]]
    fees = []
    for f in provider.fees:
        amount = total * f.percent / 100
        if f.minimum_usd is not None and total > 0:
            amount = max(amount, f.minimum_usd)
        fees.append(str(amount))
    monthly = total + sum((D(a) for a in fees), D(0))
    return (route_id, str(total), str(monthly), tuple(fees), None, tuple(priced))


def figures(cost: RouteCost) -> tuple[object, ...]:
    monthly = None if cost.monthly is None else str(cost.monthly)
    tokens = None if cost.tokens_cost is None else str(cost.tokens_cost)
    fees = tuple(str(f.amount) for f in cost.fees)
    return (cost.route, tokens, monthly, fees, cost.why, cost.requests)


def slow_sort_key(catalog: Catalog, slow: tuple[object, ...]) -> tuple[object, ...]:
    route_id = str(slow[0])
    provider_id, model_id = split_route_id(route_id)
    provider = catalog.providers[provider_id]
    trust = provider.trust
    if trust is ProviderTrust.FIRST_PARTY and provider.lab != model_id.split("/", 1)[0]:
        trust = ProviderTrust.ESTABLISHED
    monthly = slow[2]
    cost = D(0) if monthly is None else D(str(monthly))
    return (monthly is None, cost, list(ProviderTrust).index(trust), provider_id, route_id)


@pytest.mark.parametrize("name", WORKLOADS)
def test_rankings_equal_the_slow_path_on_the_shipped_catalog(name: str) -> None:
    catalog = shipped()
    workload = WORKLOADS[name]
    slow = {rid: slow_route_cost(catalog, rid, workload, ON) for rid in catalog.routes}
    expected = sorted(slow.values(), key=lambda s: slow_sort_key(catalog, s))
    ranked = rank_routes(catalog, workload, ON, RouteSet.ALL)
    assert [figures(c) for c in ranked] == expected
    assert rank_routes(catalog, workload, ON, RouteSet.ALL) == ranked  # memoised, same answer
    vetted = {rid for rid in catalog.routes if is_vetted(catalog, rid, ON)}
    assert [c.route for c in rank_routes(catalog, workload, ON)] == [
        c.route for c in ranked if c.route in vetted
    ]
    # Per model, and the ranking of models (cheapest route each, then by cost and id).
    by_model: dict[str, list[tuple[object, ...]]] = {}
    for s in expected:  # in ranked order, so each model's routes stay in order
        by_model.setdefault(route_model(str(s[0])), []).append(s)
    best: list[tuple[Decimal, str, str]] = []
    for model_id in catalog.models:
        routes = by_model.get(model_id, [])
        costs = model_costs(catalog, model_id, workload, ON, RouteSet.ALL)
        assert [figures(c) for c in costs] == routes
        cheapest = cheapest_route(catalog, model_id, workload, ON, RouteSet.ALL)
        if routes and routes[0][2] is not None:
            assert cheapest is not None
            assert cheapest.route == routes[0][0]
            best.append((D(str(routes[0][2])), model_id, str(routes[0][0])))
        else:
            assert cheapest is None
    best.sort()
    everything = Needs(kinds=frozenset(ModelKind), include_retired=True, routes=RouteSet.ALL)
    assert [(r.cost.monthly, r.model, r.cost.route) for r in rank(catalog, everything, workload, ON)] == best
    vision = Needs(
        capabilities=frozenset({Capability.VISION}),
        min_context=100_000,
        kinds=frozenset(ModelKind),
        include_retired=True,
        routes=RouteSet.ALL,
    )
    assert [(r.model, r.cost.route) for r in rank(catalog, vision, workload, ON, limit=20)] == [
        (m, rid)
        for _, m, rid in best
        if catalog.models[m].capabilities.get(Capability.VISION) is True
        and (catalog.models[m].context_window or 0) >= 100_000
    ][:20]


def test_route_cost_matches_the_slow_path_and_builds_lines_on_demand() -> None:
    catalog = shipped()
    workload = WORKLOADS["mixed"]
    for route_id in list(catalog.routes)[::50]:
        assert figures(route_cost(catalog, route_id, workload, ON)) == slow_route_cost(
            catalog, route_id, workload, ON
        )


def test_memoised_results_are_fresh_lists() -> None:
    catalog = shipped()
    first = rank(catalog, Needs(), DEFAULT_WORKLOAD, ON)
    first.clear()
    assert rank(catalog, Needs(), DEFAULT_WORKLOAD, ON)
    costs = model_costs(catalog, "openai/gpt-4o-2024-11-20", DEFAULT_WORKLOAD, ON)
    costs.pop()
    assert len(model_costs(catalog, "openai/gpt-4o-2024-11-20", DEFAULT_WORKLOAD, ON)) == len(costs) + 1
