"""Each compared model's routes priced at the workload: the inputs every price fact reads.

The headline route of a model is its cheapest route at the workload (fees included, ties by
`TIE_RULE`); every rate, blend and break-even on the page is read from it, so no price claim can
disagree with the monthly cost. The lab's own API (a first-party provider whose `lab` is the
model's lab) is kept beside it because list prices are what readers check against.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from modelvs.catalog import Catalog
from modelvs.catalog.sourcing import SourceRef, source_ref
from modelvs.engine.monthly import RouteCost, RouteSet, model_costs
from modelvs.engine.pricing import schedule_for
from modelvs.engine.workload import Workload
from modelvs.schema import PriceSchedule
from modelvs.schema.vocab import PriceMode

from .types import Basis


@dataclass(frozen=True)
class Offer:
    """One model's routes at the workload, cheapest first."""

    model: str
    costs: tuple[RouteCost, ...]
    headline: RouteCost | None
    """The cheapest route that can run the workload; None when no route can."""
    lab_route: RouteCost | None
    """The lab's own API route, when one serves the model and can run the workload."""

    def by_provider(self) -> dict[str, RouteCost]:
        return {c.provider: c for c in self.costs}


def offer(
    catalog: Catalog, model_id: str, workload: Workload, on: dt.date, routes: RouteSet = RouteSet.VETTED
) -> Offer:
    costs = tuple(model_costs(catalog, model_id, workload, on, routes))
    priced = [c for c in costs if c.monthly is not None]
    lab = model_id.split("/", 1)[0]
    own = [c for c in priced if catalog.providers[c.provider].lab == lab]
    return Offer(model_id, costs, priced[0] if priced else None, own[0] if own else None)


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
