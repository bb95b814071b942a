"""Quality per dollar: each rated model's Arena rating against what the reader's workload costs
on its cheapest vetted route, and the frontier of models no other beats on both counts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from modelvs.catalog import Catalog
from modelvs.catalog.derived import derived
from modelvs.engine.monthly import RouteSet, model_costs
from modelvs.engine.quality import OVERALL, Rating, frontier, rating, ratings
from modelvs.engine.rank import Needs, rank
from modelvs.engine.workload import DEFAULT_WORKLOAD, Workload


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
    # Every comparison at the default traffic shows this map: kept on disk for the next process.
    base = derived(
        catalog,
        "value-points",
        (workload, on, category),
        lambda: _points(catalog, workload, on, category),
        persist=workload == DEFAULT_WORKLOAD,
    )
    points = {p.model: p for p in base}
    marked = tuple(highlight)
    for model in marked:
        if model not in points and (extra := _point(catalog, model, workload, on, category)) is not None:
            points[model] = extra
    ordered = tuple(sorted(points.values(), key=lambda p: (p.monthly, p.model)))
    edge = frontier([(p.model, p.monthly, p.rating.score) for p in ordered])
    return ValueMap(category, ordered, edge, tuple(m for m in marked if m in points))


def _points(catalog: Catalog, workload: Workload, on: dt.date, category: str) -> tuple[ValuePoint, ...]:
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
