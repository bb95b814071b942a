"""A model's headline route found from the lab's own routes is the one its whole offer picks."""

from __future__ import annotations

from decimal import Decimal

from modelvs.catalog import Catalog
from modelvs.engine.compare.offers import headline_cost, offer
from modelvs.engine.monthly import RouteSet
from modelvs.engine.workload import Profile, Workload

from .conftest import ON

WORKLOADS = [
    Workload(1_000),
    Workload(1_000, batch_share=Decimal(1)),  # many labs' routes have no batch prices
    Workload(300, (Profile(8_000, 400, cached_tokens=4_000),)),
    Workload(20, (Profile(900_000, 2_000),)),  # over most context windows
]


def test_headline_cost_is_the_offers_headline(catalog: Catalog) -> None:
    models = sorted(m for m in catalog.models if catalog.routes_by_model.get(m))[::25]
    assert len(models) > 40
    fallbacks = 0
    for model in models:
        lab = model.split("/", 1)[0]
        for workload in WORKLOADS:
            for routes in RouteSet:
                whole = offer(catalog, model, workload, ON, routes)
                found = headline_cost(catalog, model, workload, ON, routes)
                assert found == whole.headline, (model, workload)
                fallbacks += whole.headline is not None and whole.lab_route is None
                assert whole.lab_route is None or catalog.providers[whole.lab_route.provider].lab == lab
    assert fallbacks > 0  # models no lab route prices: their cheapest route is the headline
