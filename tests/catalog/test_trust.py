"""Route trust: vetted routes, price sanity and completeness against the lab's own route."""

from __future__ import annotations

import datetime as dt
from typing import Any

from modelvs.catalog import Catalog
from modelvs.catalog.trust import assess, is_vetted, lab_route
from modelvs.schema import Route
from modelvs.schema.vocab import ProviderTrust
from tests.engine.test_pricing import build

ON = dt.date(2026, 11, 24)
LAB = {"name": "Lab API", "kind": "first-party", "lab": "lab", "trust": "first_party"}


def route(price: dict[str, Any] | None = None, **fields: Any) -> Route:
    schedule = {"input": "2", "output": "12", "citation": "t"} | (price or {})
    return Route.model_validate(
        {"provider_model_id": "m", "prices": [schedule], "citations": {"t": {"source": "test"}}} | fields
    )


def catalog(
    routes: dict[str, Route], models: dict[str, dict[str, Any]] | None = None, **providers: Any
) -> Catalog:
    return build(routes, models=models, providers={"lab": LAB, **providers})


TIERED = {"cache_read": "0.2", "tiers": [{"threshold": 200_000, "input": "4", "output": "18"}]}


def test_the_labs_own_route_is_the_reference_and_the_worldwide_api_comes_first() -> None:
    cat = catalog(
        {"lab:lab/m": route(), "lab-cn:lab/m": route({"input": "1"}), "host:lab/m": route()},
        **{
            "lab-cn": {
                "name": "Lab China",
                "kind": "first-party",
                "lab": "lab",
                "trust": "first_party",
                "region": "cn",
            }
        },
    )
    assert lab_route(cat, "lab/m") == "lab:lab/m"
    assert assess(cat, "host:lab/m", ON).reference == "the lab's own route"


def test_prices_far_from_the_labs_list_price_are_quarantined() -> None:
    cat = catalog(
        {
            "lab:lab/m": route(),
            "cheap:lab/m": route({"input": "0.5", "output": "3"}),
            "dear:lab/m": route({"input": "2", "output": "40"}),
            "near:lab/m": route({"input": "1.7", "output": "10.2"}),
            "slip:lab/m": route({"input": "2000000", "output": "12000000"}),
        }
    )
    assert assess(cat, "cheap:lab/m", ON).flag == "input $0.5 per 1M tokens is 0.25x the reference $2"
    assert assess(cat, "dear:lab/m", ON).quarantined
    assert not assess(cat, "near:lab/m", ON).flag
    assert "above any list price" in (assess(cat, "slip:lab/m", ON).flag or "")
    assert not is_vetted(cat, "cheap:lab/m", ON)
    assert is_vetted(cat, "near:lab/m", ON)


def test_a_currency_slip_is_named() -> None:
    cat = catalog({"lab:lab/m": route(), "cn:lab/m": route({"input": "14.2", "output": "85.2"})})
    assert "yuan" in (assess(cat, "cn:lab/m", ON).flag or "")


def test_open_weights_may_be_cheap_but_not_absurdly_dear() -> None:
    weights = {"lab/m": {"name": "m", "open_weights": True}}
    cat = catalog(
        {
            "lab:lab/m": route(),
            "host:lab/m": route({"input": "0.3", "output": "2"}),
            "gpu:lab/m": route({"input": "30", "output": "150"}),
        },
        weights,
    )
    assert assess(cat, "host:lab/m", ON).flag is None
    assert assess(cat, "gpu:lab/m", ON).flag is not None


def test_a_reviewed_price_check_lifts_the_quarantine() -> None:
    checked = route(
        {"input": "0.5", "output": "3"},
        price_check={"note": "a launch discount", "citation": "r"},
        citations={"t": {"source": "test"}, "r": {"source": "test"}},
    )
    cat = catalog({"lab:lab/m": route(), "promo:lab/m": checked})
    found = assess(cat, "promo:lab/m", ON)
    assert found.flag is not None
    assert found.confirmed
    assert not found.quarantined
    assert is_vetted(cat, "promo:lab/m", ON)


def test_trust_and_variants_decide_what_is_vetted() -> None:
    cat = catalog(
        {"lab:lab/m": route(), "resold:lab/m": route(), "host:lab/m@fp8": route(variant="quantized")},
        resold={"name": "Resold", "kind": "aggregator", "trust": "reseller"},
    )
    assert assess(cat, "resold:lab/m", ON).trust is ProviderTrust.RESELLER
    assert not is_vetted(cat, "resold:lab/m", ON)
    assert not is_vetted(cat, "host:lab/m@fp8", ON)
    assert is_vetted(cat, "lab:lab/m", ON)


def test_another_labs_api_is_an_established_host_for_a_model() -> None:
    cat = catalog(
        {"lab:lab/m": route(), "other:lab/m": route()},
        other={"name": "Other lab", "kind": "first-party", "lab": "other", "trust": "first_party"},
    )
    assert assess(cat, "other:lab/m", ON).trust is ProviderTrust.ESTABLISHED


def test_a_retired_route_is_not_vetted() -> None:
    cat = catalog({"lab:lab/m": route(), "host:lab/m": route(retirement_date=dt.date(2026, 1, 1))})
    assert not is_vetted(cat, "host:lab/m", ON)


def test_gaps_are_what_the_labs_route_prices_and_this_one_does_not() -> None:
    lab = route(TIERED)
    lab_with_batch = lab.model_copy(
        update={"prices": [*lab.prices, route({"mode": "batch", "input": "1", "output": "6"}).prices[0]]}
    )
    cat = catalog({"lab:lab/m": lab_with_batch, "bare:lab/m": route(), "full:lab/m": route(TIERED)})
    gaps = assess(cat, "bare:lab/m", ON).gaps
    assert (gaps.tier_above, gaps.cache_read, gaps.batch) == (200_000, True, True)
    full = assess(cat, "full:lab/m", ON).gaps
    assert (full.tier_above, full.cache_read, full.batch) == (None, False, True)
    assert not assess(cat, "lab:lab/m", ON).gaps
