"""Like for like: headlines on the labs' own APIs where they sell the model, the cheapest route
beside each as a saving; open weights without a lab API on their cheapest host."""

from __future__ import annotations

import json

import jsonschema

from modelvs.catalog import Catalog
from modelvs.engine.compare import compare, comparison_to_dict
from modelvs.engine.compare.jsonschema import SCHEMA_PATH
from modelvs.engine.monthly import RouteSet
from modelvs.engine.workload import DEFAULT_WORKLOAD
from tests.minicatalog import in_memory

from .conftest import ON


def price(input_rate: float | str, output_rate: float | str) -> dict[str, float | str]:
    return {"input": input_rate, "output": output_rate}


CATALOG = in_memory(
    {
        "acme/closed": {"name": "Closed"},
        "open/weights": {"name": "Weights", "open_weights": True},
        "beta/small": {"name": "Small"},
    },
    {
        "acme:acme/closed": price(5, 25),  # $10,250 a month at the default traffic
        "host:acme/closed": price(4.5, 22.5),  # $9,225: 10% less
        "cloud:open/weights": price(1, 2),
        "host:open/weights": price("0.8", 2),
        "beta:beta/small": price(1, 1) | {"context_window": 500},  # too small for 800 + 250 tokens
        "host:beta/small": price(2, 2),
    },
)


def headlines(catalog: Catalog, ids: list[str], routes: RouteSet = RouteSet.VETTED) -> dict[str, object]:
    c = compare(catalog, ids, DEFAULT_WORKLOAD, ON, routes)
    return {x.model: (x.route, x.monthly.text if x.monthly else None) for x in c.facts.monthly.costs}


def test_the_labs_own_api_is_the_headline_and_a_cheaper_route_its_saving() -> None:
    c = compare(CATALOG, ["acme/closed", "open/weights"], DEFAULT_WORKLOAD, ON)
    costs = {x.model: (x.route, x.monthly.text if x.monthly else None) for x in c.facts.monthly.costs}
    assert costs["acme/closed"] == ("acme:acme/closed", "$10,250")
    [saving] = [s for s in c.facts.monthly.savings if s.model == "acme/closed"]
    assert saving.phrase() == "host: $9,225, 10% less"
    assert (saving.route, saving.amount.text, saving.label) == (
        "host:acme/closed",
        "$1,025",
        "the cheapest vetted route",
    )
    assert c.facts.monthly.picked[0] == "the lab's own API"
    # Rates on the page are the lab's list prices, like the monthly cost.
    assert [r.text for r in c.facts.rates[0].rates if r] == ["$5", "$0.80"]


def test_open_weights_without_a_lab_api_headline_their_cheapest_host() -> None:
    c = compare(CATALOG, ["acme/closed", "open/weights"], DEFAULT_WORKLOAD, ON)
    weights = next(x for x in c.facts.monthly.costs if x.model == "open/weights")
    assert weights.route == "host:open/weights"
    assert "open/weights" not in {s.model for s in c.facts.monthly.savings}
    assert c.facts.monthly.picked[1] == (
        "host, the cheapest vetted route (the lab sells no route that prices this traffic)"
    )


def test_a_lab_api_that_cannot_run_the_traffic_gives_way_to_the_cheapest_route_that_can() -> None:
    assert headlines(CATALOG, ["beta/small", "acme/closed"])["beta/small"][0] == "host:beta/small"  # type: ignore[index]


def test_with_every_route_the_headline_stays_the_lab_api() -> None:
    c = compare(CATALOG, ["acme/closed", "open/weights"], DEFAULT_WORKLOAD, ON, RouteSet.ALL)
    assert c.facts.monthly.costs[0].route == "acme:acme/closed"
    assert c.facts.monthly.savings[0].label == "the cheapest route"


def test_the_saving_is_said_once_in_prose_and_the_json_is_schema_valid() -> None:
    c = compare(CATALOG, ["acme/closed", "open/weights"], DEFAULT_WORKLOAD, ON)
    sentences = c.prose.sentences()
    assert "On the cheapest vetted route, Closed costs $9,225 on host (10% less)." in sentences
    data = json.loads(json.dumps(comparison_to_dict(c)))
    jsonschema.validate(data, json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))
    assert data["facts"]["monthly"]["savings"][0]["monthly"] == {"value": "9225", "text": "$9,225"}


# --- Claude Opus 4.7 vs GPT-5.5 on the shipped catalog (issue 15) -----------------------------------


def test_opus_and_gpt_5_5_headline_on_their_labs_apis_with_the_saving(catalog: Catalog) -> None:
    c = compare(catalog, ["anthropic/claude-opus-4-7", "openai/gpt-5.5"], DEFAULT_WORKLOAD, ON)
    providers = [catalog.providers[x.route.split(":")[0]].lab for x in c.facts.monthly.costs if x.route]
    assert providers == ["anthropic", "openai"]
    assert [x.monthly.text for x in c.facts.monthly.costs if x.monthly] == ["$10,250", "$11,500"]
    assert "$1,250 (10.9%) cheaper" in c.prose.verdict
    [saving] = c.facts.monthly.savings
    assert saving.model == "anthropic/claude-opus-4-7"
    assert saving.phrase() == "GMI Cloud: $9,225, 10% less"
    inputs = [r.text for r in c.facts.rates[0].rates if r]
    assert inputs == ["$5", "$5"]  # Anthropic's list price, not a reseller's $4.50
