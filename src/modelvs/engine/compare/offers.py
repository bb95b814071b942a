"""Each compared model's routes priced at the workload: the inputs every price fact reads.

Like for like: a model's headline route is its lab's own API (a first-party provider whose `lab`
is the model's lab) where the lab sells the model and that route can run the workload, since
list prices are what readers check on the lab's page; otherwise (an open-weights model no lab API
serves, say) its cheapest route at the workload (fees included, ties by `TIE_RULE`). Every rate,
blend and break-even on the page is read from the headline, so no price claim can disagree with
the monthly cost; the cheapest route is kept beside it, shown as a saving where it costs less.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from modelvs.catalog import Catalog
from modelvs.catalog.sourcing import SourceRef, source_ref
from modelvs.engine.monthly import RouteCost, RouteSet, model_costs, route_cost, sold_routes
from modelvs.engine.pricing import schedule_for
from modelvs.engine.workload import Workload
from modelvs.schema.vocab import PriceMode

from .types import Basis

if TYPE_CHECKING:
    from modelvs.schema import PriceSchedule

HEADLINE_RULE = (
    "Like for like: a comparison's verdict, headline costs and scorecard prices are each lab's own API"
    " where the lab sells the model (its list price, which you can check on the lab's page), with the"
    " cheapest vetted route beside each as a saving where it costs less; a model no lab API sells (open"
    " weights on hosts) headlines its cheapest vetted route."
)


@dataclass(frozen=True)
class ModelRoutes:
    """One model's routes at the workload, cheapest first."""

    model: str
    costs: tuple[RouteCost, ...]
    headline: RouteCost | None
    """The lab's own API where it can run the workload, else the cheapest route that can; None
    when no route can."""
    lab_route: RouteCost | None
    """The lab's own API route, when one serves the model and can run the workload."""
    cheapest: RouteCost | None = None
    """The cheapest route that can run the workload (`TIE_RULE`)."""

    def by_provider(self) -> dict[str, RouteCost]:
        return {c.provider: c for c in self.costs}


def offer(
    catalog: Catalog, model_id: str, workload: Workload, on: dt.date, routes: RouteSet = RouteSet.VETTED
) -> ModelRoutes:
    costs = tuple(model_costs(catalog, model_id, workload, on, routes))
    priced = [c for c in costs if c.monthly is not None]
    lab = model_id.split("/", 1)[0]
    own = next((c for c in priced if catalog.providers[c.provider].lab == lab), None)
    cheapest = priced[0] if priced else None
    return ModelRoutes(model_id, costs, own or cheapest, own, cheapest)


def headline_cost(
    catalog: Catalog, model_id: str, workload: Workload, on: dt.date, routes: RouteSet = RouteSet.VETTED
) -> RouteCost | None:
    """`offer(...).headline`, pricing only the lab's own routes when one of them runs the workload
    (a what-if needs no other route: most of a much-served model's routes are resellers')."""
    lab = model_id.split("/", 1)[0]
    own = [
        route_cost(catalog, rid, workload, on)
        for rid, sold in sold_routes(catalog, model_id, on, routes)
        if catalog.providers[sold.provider].lab == lab
    ]
    # The tie rule's order, as `model_costs` sorts all of them: a subset keeps its order within the whole.
    found = next((c for c in sorted(own, key=RouteCost.sort_key) if c.monthly is not None), None)
    return found if found is not None else offer(catalog, model_id, workload, on, routes).headline


def standard_schedule(catalog: Catalog, route_id: str, on: dt.date) -> PriceSchedule | None:
    return schedule_for(catalog.routes[route_id], PriceMode.STANDARD, on)


def price_source(catalog: Catalog, route_id: str, schedule: PriceSchedule) -> SourceRef | None:
    route = catalog.routes[route_id]
    citation = route.citations.get(schedule.citation)
    return source_ref(catalog, citation) if citation is not None else None


def rate_basis(
    catalog: Catalog, model: str, route_id: str, schedule: PriceSchedule, field: str, text: str
) -> Basis:
    return Basis(
        model,
        f"prices.{schedule.mode.value}.{field}",
        text,
        price_source(catalog, route_id, schedule),
        route_id,
    )


def provider_name(catalog: Catalog, cost: RouteCost | None) -> str | None:
    return catalog.providers[cost.provider].name if cost is not None else None


def rate(schedule: PriceSchedule | None, component: str) -> Decimal | None:
    if schedule is None:
        return None
    value: Decimal | None = getattr(schedule, component)
    return value
