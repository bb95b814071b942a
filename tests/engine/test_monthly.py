"""A month of traffic on a route, provider fees, and the cheapest route with its tie rule."""

from __future__ import annotations

from decimal import Decimal

from modelvs.engine.monthly import RouteSet, cheapest_route, model_costs, month_requests, route_cost
from modelvs.engine.pricing import price_request
from modelvs.engine.workload import DEFAULT_WORKLOAD, Profile, Workload
from modelvs.schema.vocab import ProviderKind, ProviderTrust
from tests.engine.test_pricing import GEMINI, GPT4O, ON, build, route, shipped

D = Decimal
FLAT = {"input": "2", "output": "10"}


def test_reference_monthly_costs_on_first_party_routes() -> None:
    assert route_cost(shipped(), GEMINI, DEFAULT_WORKLOAD, ON).monthly == D(4600)
    assert route_cost(shipped(), GPT4O, DEFAULT_WORKLOAD, ON).monthly == D(4500)


def test_openrouter_credit_fee_is_part_of_the_monthly_cost() -> None:
    cost = route_cost(shipped(), "openrouter:openai/gpt-4o-2024-11-20", DEFAULT_WORKLOAD, ON)
    assert cost.tokens_cost == D(4500)
    assert [(f.percent, f.amount) for f in cost.fees] == [(D("5.5"), D("247.5"))]
    assert cost.monthly == D("4747.50")


def test_equal_gpt4o_routes_go_by_trust_then_provider_id() -> None:
    every = model_costs(shipped(), "openai/gpt-4o-2024-11-20", DEFAULT_WORKLOAD, ON, RouteSet.ALL)
    at_4500 = [(c.provider, c.trust) for c in every if c.monthly == 4500]
    assert at_4500[0] == ("openai", ProviderTrust.FIRST_PARTY)
    assert at_4500 == sorted(at_4500, key=lambda pt: (list(ProviderTrust).index(pt[1]), pt[0]))
    assert {t for _, t in at_4500} >= {ProviderTrust.MAJOR_CLOUD, ProviderTrust.RESELLER}
    vetted = model_costs(shipped(), "openai/gpt-4o-2024-11-20", DEFAULT_WORKLOAD, ON)
    assert vetted
    assert all(c.vetted and c.trust is not ProviderTrust.RESELLER for c in vetted)
    cheapest = cheapest_route(shipped(), "openai/gpt-4o-2024-11-20", DEFAULT_WORKLOAD, ON)
    assert cheapest is not None
    assert cheapest.route == GPT4O


def test_another_labs_api_is_not_first_party_for_a_model() -> None:
    # Perplexity sells Grok at xAI's price; "perplexity" < "xai", so only the kind can pick xAI.
    costs = model_costs(shipped(), "xai/grok-4.3", DEFAULT_WORKLOAD, ON)
    tied = {c.route: c.provider_kind for c in costs if c.monthly == costs[0].monthly}
    assert tied["perplexity:xai/grok-4.3"] is ProviderKind.CLOUD
    assert costs[0].route == "xai:xai/grok-4.3"


def test_tie_rule_on_a_small_catalog() -> None:
    routes = {f"{pid}:lab/m": route(FLAT) for pid in ("zeta", "alpha", "lab", "other-lab", "agg", "cloud")}
    routes["cheap:lab/m"] = route({"input": "1.5", "output": "10"})  # 0.75x the lab's: within the band
    routes["none:lab/m"] = route({"input": "1", "output": "1", "effective_from": "2027-01-01"})
    catalog = build(
        routes,
        providers={
            "lab": {"name": "Lab", "kind": "first-party", "lab": "lab", "trust": "first_party"},
            "other-lab": {"name": "Other", "kind": "first-party", "lab": "other", "trust": "first_party"},
            "cloud": {"name": "Cloud", "kind": "cloud", "trust": "major_cloud"},
            "agg": {"name": "Agg", "kind": "aggregator", "trust": "established"},
            "cheap": {"name": "Cheap", "kind": "aggregator", "trust": "established"},
            "zeta": {"name": "Zeta", "kind": "aggregator", "trust": "reseller"},
        },
    )
    order = [c.provider for c in model_costs(catalog, "lab/m", DEFAULT_WORKLOAD, ON, RouteSet.ALL)]
    # Cheapest first whatever its trust; then equal costs by trust (another lab's API counts as an
    # established host), then provider id; unpriced last.
    assert order == ["cheap", "lab", "cloud", "agg", "alpha", "other-lab", "zeta", "none"]
    vetted = [c.provider for c in model_costs(catalog, "lab/m", DEFAULT_WORKLOAD, ON)]
    assert vetted == ["cheap", "lab", "cloud", "agg", "alpha", "other-lab", "none"]


def test_batch_share_splits_requests_between_modes() -> None:
    catalog = build({"p:lab/m": route(FLAT, {"mode": "batch", "input": "1", "output": "5"})})
    workload = Workload(1_000_000, batch_share=D("0.25"))
    cost = route_cost(catalog, "p:lab/m", workload, ON)
    # 750k requests at $0.0041 and 250k at $0.00205.
    assert cost.monthly == D("3075") + D("512.5")
    assert [count for count, _ in cost.requests] == [D(750_000), D(250_000)]


def test_profiles_are_weighed_by_share() -> None:
    catalog = build({"p:lab/m": route(FLAT)})
    workload = Workload(100, (Profile(1000, 0, share=D("0.5")), Profile(0, 1000, share=D("0.5"))))
    assert route_cost(catalog, "p:lab/m", workload, ON).monthly == D("0.1") + D("0.5")


def test_credit_fee_minimum_applies_to_a_small_spend() -> None:
    fee = {
        "kind": "credit_purchase",
        "percent": "5.5",
        "minimum_usd": "0.8",
        "description": "fee",
        "citation": "t",
    }
    provider = {"name": "Agg", "kind": "aggregator", "fees": [fee], "citations": {"t": {"source": "test"}}}
    catalog = build({"agg:lab/m": route(FLAT)}, providers={"agg": provider})
    small = route_cost(catalog, "agg:lab/m", Workload(1000), ON)  # $4.10 of tokens: 5.5% is $0.2255
    assert (small.tokens_cost, small.monthly) == (D("4.1"), D("4.9"))
    none = route_cost(catalog, "agg:lab/m", Workload(0), ON)
    assert none.monthly == 0  # no spend, no purchase, no fee


def test_one_impossible_profile_makes_the_route_impossible() -> None:
    catalog = build({"p:lab/m": route(FLAT)}, models={"lab/m": {"name": "m", "context_window": 128_000}})
    workload = Workload(10, (Profile(800, 250, share=D("0.5")), Profile(300_000, 250, share=D("0.5"))))
    cost = route_cost(catalog, "p:lab/m", workload, ON)
    assert (cost.monthly, cost.impossible) == (
        None,
        "a prompt of 300,000 tokens is over the 128,000-token limit",
    )
    assert cheapest_route(catalog, "lab/m", workload, ON) is None


def test_notes_are_collected_once() -> None:
    catalog = build({"p:lab/m": route(FLAT)})
    workload = Workload(
        10,
        (
            Profile(800, 250, cached_tokens=100, share=D("0.5")),
            Profile(80, 25, cached_tokens=10, share=D("0.5")),
        ),
        batch_share=D("0.5"),
    )
    assert route_cost(catalog, "p:lab/m", workload, ON).notes == (
        "no cache-read price: cached tokens billed at the input rate",
        "no batch price on this route: billed at the standard rate",
    )


def test_vetted_routes_are_the_vetted_part_of_all_routes_whichever_is_priced_first() -> None:
    catalog, model = shipped(), "google/gemini-3.1-pro-preview"
    every_id = catalog.routes_by_model[model]
    for n, vetted_first in ((1_234_567, True), (7_654_321, False)):
        workload = Workload(n)
        if vetted_first:
            vetted = model_costs(catalog, model, workload, ON, RouteSet.VETTED)
        every = model_costs(catalog, model, workload, ON, RouteSet.ALL)
        if not vetted_first:
            vetted = model_costs(catalog, model, workload, ON, RouteSet.VETTED)
        assert sorted(c.route for c in every) == sorted(every_id)
        assert 0 < len(vetted) < len(every)  # some routes of this model are not vetted
        assert vetted == [c for c in every if c.vetted]


def test_a_models_costs_are_its_routes_priced_one_by_one_at_every_workload() -> None:
    # A model's routes and sellers are kept per day; each workload prices them anew.
    catalog = shipped()
    models = ["anthropic/claude-sonnet-4-6", "google/gemini-3.1-pro-preview", "openai/gpt-4o-2024-11-20"]
    workloads = [Workload(3), Workload(40_000_000, (Profile(300_000, 900, cached_tokens=1_000),), Decimal(1))]
    for model in models:
        for workload in workloads:
            for routes in RouteSet:
                ids = [
                    rid
                    for rid in catalog.routes_by_model[model]
                    if routes is RouteSet.ALL or route_cost(catalog, rid, workload, ON).vetted
                ]
                one_by_one = sorted(
                    (route_cost(catalog, rid, workload, ON) for rid in ids), key=lambda c: c.sort_key()
                )
                assert model_costs(catalog, model, workload, ON, routes) == one_by_one, (model, routes)


def test_itemised_requests_are_kept_per_request_and_equal_pricing_anew() -> None:
    catalog = shipped()
    shapes = [Profile(800, 250), Profile(300_000, 900, cached_tokens=1_000), Profile(5, 0)]
    for profile in shapes:
        for requests, batch in ((1, Decimal(0)), (987_654_321, Decimal(0)), (40, Decimal("0.5"))):
            cost = route_cost(catalog, GEMINI, Workload(requests, (profile,), batch), ON)
            expected = [
                (n, price_request(catalog, GEMINI, r, ON)) for n, r in month_requests(cost.priced_as[1])
            ]
            assert list(cost.requests) == expected, (profile, requests)
    one, other = (route_cost(catalog, GEMINI, Workload(n), ON).requests[0][1] for n in (5, 6))
    assert one is other  # one request's itemised price is the same at every count
