"""Every model that meets a set of needs, ranked by what a workload costs on its cheapest route,
by its Arena rating, or by rating points per dollar."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from modelvs.catalog import Catalog
from modelvs.catalog.lifecycle import is_current
from modelvs.engine.monthly import RouteCost, RouteSet, all_route_costs, memoised
from modelvs.engine.quality import OVERALL, Rating, per_dollar, ratings
from modelvs.engine.workload import Workload
from modelvs.schema.vocab import Capability, Modality, ModelKind


@dataclass(frozen=True)
class Needs:
    """What a model must have to be ranked. Unknown is not yes: a need must be a known yes."""

    capabilities: frozenset[Capability] = frozenset()
    min_context: int | None = None
    input_modalities: frozenset[Modality] = frozenset()
    kinds: frozenset[ModelKind] = frozenset({ModelKind.TEXT})
    """What the model must do: text generation unless asked for another kind."""
    include_retired: bool = False
    """Whether deprecated and retired models are ranked too (default: current models only)."""
    routes: RouteSet = RouteSet.VETTED
    """Which routes may price a model: vetted ones unless all are asked for."""
    min_rating: Decimal | None = None
    """The lowest Arena rating (in `rating_category`) a model may have; unrated models are left out."""
    rating_category: str = OVERALL
    """The Arena category ratings are read from (`overall`, `coding`, ...)."""

    def describe(self) -> str:
        parts = [c.value for c in sorted(self.capabilities)]
        if self.min_context:
            parts.append(f"context >= {self.min_context:,} tokens")
        parts += [f"{m.value} input" for m in sorted(self.input_modalities)]
        if self.kinds != {ModelKind.TEXT}:
            parts.append("kind " + " or ".join(k.value for k in sorted(self.kinds)))
        if self.include_retired:
            parts.append("deprecated and retired models included")
        if self.routes is RouteSet.ALL:
            parts.append("every route (not only vetted ones)")
        if self.min_rating is not None:
            parts.append(f"Arena rating ({self.rating_category}) >= {self.min_rating:,}")
        return ", ".join(parts) or "none"


class RankOrder(StrEnum):
    """What a ranking sorts by."""

    COST = "cost"
    """Cheapest first."""
    RATING = "rating"
    """Highest Arena rating first (unrated models last)."""
    VALUE = "value"
    """Most rating points per dollar first (unrated or free models last)."""


@dataclass(frozen=True)
class Ranked:
    model: str
    cost: RouteCost
    rating: Rating | None = None
    """The model's Arena rating in the ranking's category, when it has one."""

    @property
    def per_dollar(self) -> Decimal | None:
        """Rating points per dollar a month at the workload."""
        monthly = self.cost.monthly
        return per_dollar(self.rating.score, monthly) if self.rating and monthly is not None else None


def meets(catalog: Catalog, model_id: str, needs: Needs, on: dt.date) -> bool:
    """Whether a model has every need as a known yes (and is current, of a wanted kind)."""
    model = catalog.models[model_id]
    if (model.kind or ModelKind.TEXT) not in needs.kinds:
        return False
    if not needs.include_retired and not is_current(model, on):
        return False
    if any(model.capabilities.get(cap) is not True for cap in needs.capabilities):
        return False
    if needs.min_context is not None and (model.context_window or 0) < needs.min_context:
        return False
    return needs.input_modalities <= set(model.modalities_in)


def rank(
    catalog: Catalog,
    needs: Needs,
    workload: Workload,
    on: dt.date,
    limit: int | None = None,
    order: RankOrder = RankOrder.COST,
) -> list[Ranked]:
    """Models meeting `needs` at `workload`, cheapest first (or by rating, or per dollar); models
    no route can price are left out.

    Each model's cost is on its cheapest route by the tie rule (as `cheapest_route` picks it). The
    ranking is memoised per catalog, needs, workload, day and order.
    """
    key = ("ranked", needs, workload, on, order)
    ranked = memoised(catalog, key, lambda: _ordered(catalog, needs, workload, on, order))
    return list(ranked[:limit] if limit is not None else ranked)


def _ordered(
    catalog: Catalog, needs: Needs, workload: Workload, on: dt.date, order: RankOrder
) -> tuple[Ranked, ...]:
    by_cost = dataclasses.replace(needs, min_rating=None)
    base = memoised(catalog, ("ranked", by_cost, workload, on), lambda: _rank(catalog, by_cost, workload, on))
    rated = ratings(catalog, needs.rating_category)
    found = [dataclasses.replace(r, rating=rated.get(r.model)) for r in base]
    if needs.min_rating is not None:
        floor = needs.min_rating
        found = [r for r in found if r.rating is not None and r.rating.score >= floor]
    if order is RankOrder.RATING:
        found.sort(key=lambda r: (r.rating is None, -(r.rating.score if r.rating else 0)))
    elif order is RankOrder.VALUE:
        found.sort(key=lambda r: (r.per_dollar is None, -(r.per_dollar or 0)))
    return tuple(found)


def _rank(catalog: Catalog, needs: Needs, workload: Workload, on: dt.date) -> tuple[Ranked, ...]:
    costs = all_route_costs(catalog, workload, on)  # every route priced once, in one tight loop
    ranked = []
    for model_id, route_ids in catalog.routes_by_model.items():
        if model_id not in catalog.models or not meets(catalog, model_id, needs, on):
            continue
        usable = [costs[rid] for rid in route_ids if needs.routes is RouteSet.ALL or costs[rid].vetted]
        if not usable:
            continue
        # min() keeps the first of equal keys, as the stable sort in `model_costs` does.
        cost = min(usable, key=RouteCost.sort_key)
        if cost.monthly is not None:
            ranked.append(Ranked(model_id, cost))
    ranked.sort(key=lambda r: (r.cost.monthly, r.model))
    return tuple(ranked)
