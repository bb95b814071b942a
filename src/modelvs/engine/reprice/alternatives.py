"""The same usage on other models: the routes to price it on, the bill, and the suggestions.

`--as MODEL` prices on the model's lab API (`lab`), or on the cheapest of its vetted routes for the
whole log (`vetted`: fewest rows it cannot price first, then lowest cost, then the tie rule).
Without a model asked for, the models on the quality-per-dollar frontier (`engine.value`) at the
log's own traffic that can run every row are suggested, cheapest first.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from modelvs.catalog import Catalog
from modelvs.catalog.layout import route_provider, route_qualifier
from modelvs.catalog.trust import is_vetted, lab_route, route_tie, route_trust
from modelvs.engine.monthly import kept
from modelvs.engine.quality import ratings
from modelvs.engine.reprice.bill import Bill, bill
from modelvs.engine.reprice.cards import Refusal
from modelvs.engine.reprice.groups import Group
from modelvs.engine.reprice.served import Points, merged, route_points
from modelvs.engine.reprice.totals import Totals
from modelvs.engine.value import value_map
from modelvs.engine.workload import Profile, Workload
from modelvs.schema.vocab import PriceMode, ProviderTrust


class AltRoutes(StrEnum):
    """Which route of another model prices the usage."""

    LAB = "lab"
    """The model's lab API: prices a reader can check on the lab's page."""
    VETTED = "vetted"
    """The cheapest vetted route for the whole log."""


@dataclass(frozen=True)
class Target:
    """A model to price the usage on, and the routes that may."""

    model: str
    routes: tuple[str, ...]
    suggested: bool = False
    rating: Decimal | None = None
    note: str | None = None


def target(catalog: Catalog, model: str, routes: AltRoutes) -> Target:
    """The routes that may price `model` (its lab API, or every plain route trusted enough to be vetted)."""
    own = lab_route(catalog, model)
    if routes is AltRoutes.LAB and own is not None:
        return Target(model, (own,))
    plain = tuple(
        r
        for r in catalog.routes_by_model.get(model, ())
        if route_qualifier(r) is None
        and catalog.providers[route_provider(r)].trust is not ProviderTrust.RESELLER
    )
    note = (
        None
        if routes is AltRoutes.VETTED
        else "the lab sells it on no API of its own: priced on its cheapest vetted route"
    )
    return Target(model, plain, note=note)


@dataclass(frozen=True)
class Chosen:
    route: str | None
    bill: Bill | None


def choose(
    catalog: Catalog,
    groups: Sequence[Group],
    found: Target,
    limit_of: Callable[[Group], int | None],
    on: dt.date,
) -> Chosen:
    """The route of `found` that prices the log best, with its bill."""
    candidates = found.routes
    if len(candidates) > 1:
        vetted = tuple(r for r in candidates if is_vetted(catalog, r, on))
        candidates = vetted or candidates
    best: tuple[tuple[object, ...], str, Bill] | None = None
    for route in candidates:
        priced = bill(catalog, groups, lambda g, route=route: route, limit_of)  # type: ignore[misc]
        refused = sum(
            g.totals.rows for g, d in zip(groups, priced.decisions, strict=True) if isinstance(d, Refusal)
        )
        key = (refused, priced.total, *route_tie(route_trust(catalog, route), route_provider(route), route))
        if best is None or key < best[0]:
            best = (key, route, priced)
    if best is None:
        return Chosen(None, None)
    return Chosen(best[1], best[2])


def suggestion_points(catalog: Catalog, routes: AltRoutes) -> Points:
    """The sizes that split the groups of a log for every model a suggestion may come from."""

    def make() -> Points:
        found = [
            route_points(catalog, r)
            for model in ratings(catalog)
            for r in target(catalog, model, routes).routes
        ]
        return merged(found)

    result: Points = kept(catalog, ("reprice-suggestion-points", routes), lambda: make())
    return result


def suggestions(
    catalog: Catalog, totals: Totals, batch: int, on: dt.date, exclude: set[str], routes: AltRoutes
) -> list[Target]:
    """The models on the quality-per-dollar frontier at the log's traffic, cheapest first, but the
    log's own; each with its rating."""
    workload = usage_workload(totals, batch)
    found = value_map(catalog, workload, on)
    rated = {p.model: p.rating.score for p in found.points}
    return [
        Target(m, target(catalog, m, routes).routes, suggested=True, rating=rated.get(m))
        for m in found.frontier
        if m not in exclude
    ]


def usage_workload(totals: Totals, batch: int) -> Workload:
    """The log as a workload: its requests (one per row where it counts none) and their average sizes."""
    requests = totals.requests or totals.rows or 1
    prompt = round(totals.input / requests)
    cached = min(round(totals.cached / requests), prompt)
    profile = Profile(prompt, round(totals.output / requests), cached, round(totals.reasoning / requests))
    share = Decimal(min(batch, requests)) / Decimal(requests)
    return Workload(requests, (profile,), share)


def batch_requests(groups: Sequence[Group]) -> int:
    return sum(g.totals.requests or g.totals.rows for g in groups if g.mode is PriceMode.BATCH)
