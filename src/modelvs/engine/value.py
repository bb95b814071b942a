"""Quality per dollar: each rated model's Arena rating against what the reader's workload costs
on its cheapest vetted route, and the frontier of models no other beats on both counts.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from operator import attrgetter

from modelvs.catalog import Catalog
from modelvs.catalog.derived import derived
from modelvs.engine.monthly import RouteSet, fee_amount, model_costs, per_shape, seller
from modelvs.engine.quality import OVERALL, Rating, frontier, rating, ratings
from modelvs.engine.rank import Needs, rank
from modelvs.engine.workload import DEFAULT_WORKLOAD, Workload
from modelvs.schema.vocab import TRUST_RANK


@dataclass(frozen=True)
class ValuePoint:
    model: str
    monthly: Decimal
    """The workload's monthly cost on the model's cheapest vetted route."""
    route: str
    rating: Rating


@dataclass(frozen=True)
class ValueMap:
    """Every current rated model at the workload, the frontier, and the models a page highlights."""

    category: str
    points: tuple[ValuePoint, ...]
    """Cheapest first."""
    frontier: tuple[str, ...]
    """Models no other is both cheaper (or as cheap) than and rated above, cheapest first."""
    highlighted: tuple[str, ...]


def value_map(
    catalog: Catalog,
    workload: Workload,
    on: dt.date,
    highlight: Iterable[str] = (),
    category: str = OVERALL,
) -> ValueMap:
    """The value map of current text models, with `highlight` added even when not current."""
    # Every comparison at the default traffic shows this map: kept, on disk too. Any other traffic
    # is priced from the per-shape options, which is cheaper than a lookup that could push others out.
    if workload == DEFAULT_WORKLOAD:
        base = derived(
            catalog,
            "value-points",
            (workload, on, category),
            lambda: _points(catalog, workload, on, category),
        )
    else:
        base = _points(catalog, workload, on, category)
    points = {p.model: p for p in base}
    marked = tuple(highlight)
    for model in marked:
        if model not in points and (extra := _point(catalog, model, workload, on, category)) is not None:
            points[model] = extra
    ordered = tuple(sorted(points.values(), key=attrgetter("monthly", "model")))
    edge = frontier([(p.model, p.monthly, p.rating.score) for p in ordered])
    return ValueMap(category, ordered, edge, tuple(m for m in marked if m in points))


def _points(catalog: Catalog, workload: Workload, on: dt.date, category: str) -> tuple[ValuePoint, ...]:
    """Each rated model on its cheapest vetted route at `workload`, from the routes' costs of one
    request of the same traffic (`_options`, once per traffic shape): a month's token cost is the
    request count times that, exactly, and fees are computed on it as `route_cost` computes them,
    so the route picked and its cost are the ranking's (`_ranked_points`) at a fraction of the work."""
    unit = dataclasses.replace(workload, requests_per_month=1)
    # Kept per shape of traffic with the answers: among the catalog's derived values, a stream of
    # new token counts would push the day's values out.
    shape = ("value routes", unit, on, category)
    every, direct, weighed = per_shape(
        catalog, shape, lambda: _options(catalog, unit, on, category), bulky=True
    )
    count = Decimal(workload.requests_per_month)
    if not count:
        return tuple(_cheapest(model, rated, routes, count) for model, rated, routes in every)
    # Most models: the first route has no fee, and the sum below of no fees is `+ _ZERO`.
    found = [ValuePoint(model, count * one + _ZERO, route, rated) for model, one, route, rated in direct]
    for model, rated, routes in weighed:
        route, one, fees, _, _ = routes[0]
        tokens = count * one
        if all(least is None or tokens * pct / 100 >= least for pct, least in fees):
            monthly = tokens + sum((tokens * pct / 100 for pct, _ in fees), Decimal(0))
            found.append(ValuePoint(model, monthly, route, rated))
        else:
            found.append(_cheapest(model, rated, routes, count))
    return tuple(found)


def _cheapest(model: str, rated: Rating, routes: tuple[_Option, ...], count: Decimal) -> ValuePoint:
    """The model on whichever of its routes costs least for `count` requests, each route's fees
    and their minimums weighed (the tie rule breaks equal costs)."""
    best: tuple[tuple[Decimal, int, str, str], Decimal] | None = None
    for route, one, fees, trust, provider in routes:
        tokens = count * one
        monthly = tokens + sum((fee_amount(pct, least, tokens) for pct, least in fees), Decimal(0))
        key = (monthly, trust, provider, route)
        if best is None or key < best[0]:
            best = (key, monthly)
    assert best is not None
    return ValuePoint(model, best[1], best[0][3], rated)


_ZERO = Decimal(0)

_Option = tuple[str, Decimal, tuple[tuple[Decimal, Decimal | None], ...], int, str]
"""A route as `_points` weighs it: id, one request's token cost, fees (percent, minimum), trust
rank and provider (the tie rule's keys after cost)."""


_Options = tuple[str, Rating, tuple[_Option, ...]]
"""A rated model, its rating and its routes."""


def _options(
    catalog: Catalog, unit: Workload, on: dt.date, category: str
) -> tuple[tuple[_Options, ...], tuple[tuple[str, Decimal, str, Rating], ...], tuple[_Options, ...]]:
    """Every rated model the ranking prices with its vetted routes that price one request of `unit`,
    cheapest first when no fee minimum binds (by token cost with percentage fees, then the tie rule);
    then the same split for any request count but none: (model, one request's token cost, route,
    rating) of each model whose first route has no fee (any count picks it), and the others."""
    rated = ratings(catalog, category)
    out: list[_Options] = []
    for ranked in rank(catalog, Needs(only=frozenset(rated)), unit, on):
        routes = tuple(
            (
                c.route,
                c.tokens_cost,
                tuple((f.percent, f.minimum_usd) for f in seller(catalog, c.route, on).fees),
                TRUST_RANK[c.trust],
                c.provider,
            )
            for c in model_costs(catalog, ranked.model, unit, on, RouteSet.VETTED)
            if c.tokens_cost is not None
        )
        ordered = sorted(
            routes, key=lambda r: (r[1] * (1 + sum((pct for pct, _ in r[2]), Decimal(0)) / 100), *r[3:], r[0])
        )
        if ordered:
            out.append((ranked.model, rated[ranked.model], tuple(ordered)))
    direct = tuple((m, routes[0][1], routes[0][0], r) for m, r, routes in out if not routes[0][2])
    return tuple(out), direct, tuple(o for o in out if o[2][0][2])


def _ranked_points(
    catalog: Catalog, workload: Workload, on: dt.date, category: str
) -> tuple[ValuePoint, ...]:
    """The same points from a full ranking at `workload` (what `_points` must always equal)."""
    rated = ratings(catalog, category)
    found = []
    # Only the rated models are ranked: the map needs nothing of the others.
    for ranked in rank(catalog, Needs(only=frozenset(rated)), workload, on):
        cost = ranked.cost
        if cost.monthly is not None:
            found.append(ValuePoint(ranked.model, cost.monthly, cost.route, rated[ranked.model]))
    return tuple(found)


def _point(catalog: Catalog, model: str, workload: Workload, on: dt.date, category: str) -> ValuePoint | None:
    rated = rating(catalog, model, category)
    costs = [c for c in model_costs(catalog, model, workload, on, RouteSet.VETTED) if c.monthly is not None]
    if rated is None or not costs:
        return None
    return ValuePoint(model, costs[0].monthly or Decimal(0), costs[0].route, rated)
