"""Every model that meets a set of needs, ranked by what a workload costs on its cheapest route,
by its Arena rating, or by rating points per dollar.

The cost order comes from float estimates made exact where they are close (`engine.prerank`), so a
first ranking of a new workload prices only the models a reader sees: each `Ranked` prices its
exact cost when it is first read.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence
from decimal import Decimal
from enum import StrEnum
from typing import overload

from modelvs.catalog import Catalog
from modelvs.catalog.derived import derived
from modelvs.engine.monthly import RouteCost, all_route_costs, memoised, route_cost
from modelvs.engine.needs import Needs, meets
from modelvs.engine.prerank import Placed, cheapest_first
from modelvs.engine.quality import OVERALL, Rating, per_dollar, ratings
from modelvs.engine.rank_offers import eligible
from modelvs.engine.workload import DEFAULT_WORKLOAD, Workload

__all__ = ["RANK_BASIS", "Needs", "RankOrder", "Ranked", "meets", "rank"]

RANK_BASIS = (
    "Rankings and the calculator price each model on its cheapest vetted route at your traffic, fees"
    " included, where the comparison pages headline the lab's own list price."
)


class RankOrder(StrEnum):
    """What a ranking sorts by."""

    COST = "cost"
    """Cheapest first."""
    RATING = "rating"
    """Highest Arena rating first (unrated models last)."""
    VALUE = "value"
    """Most rating points per dollar first (unrated or free models last)."""


class Ranked:
    """A model and its cheapest route at the workload, with the exact cost on that route."""

    __slots__ = ("_cost", "_priced_as", "model", "rating", "route")

    def __init__(
        self,
        model: str,
        route: str,
        priced_as: tuple[Catalog, Workload, dt.date],
        cost: RouteCost | None,
        rating: Rating | None = None,
    ) -> None:
        self.model = model
        self.route = route
        self._priced_as = priced_as
        self._cost = cost
        self.rating = rating
        """The model's Arena rating in the ranking's category, when it has one."""

    @property
    def per_dollar(self) -> Decimal | None:
        """Rating points per dollar a month at the workload."""
        monthly = self.cost.monthly
        return per_dollar(self.rating.score, monthly) if self.rating and monthly is not None else None

    @property
    def cost(self) -> RouteCost:
        """The exact monthly cost on `route` (priced on first read, then kept)."""
        if self._cost is None:
            catalog, workload, on = self._priced_as
            self._cost = route_cost(catalog, self.route, workload, on)
        return self._cost

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Ranked) and (self.model, self.route) == (other.model, other.route)

    def __hash__(self) -> int:
        return hash((self.model, self.route))

    def __repr__(self) -> str:
        return f"Ranked(model={self.model!r}, route={self.route!r})"


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

    Each model's cost is on its cheapest route by the tie rule (as `cheapest_route` picks it);
    equal costs are in model id order. The ranking is memoised per catalog, needs, workload, day
    and order.
    """
    ranked = ranking(catalog, needs, workload, on, order)
    return list(ranked[:limit] if limit is not None else ranked)


def ranking(
    catalog: Catalog, needs: Needs, workload: Workload, on: dt.date, order: RankOrder = RankOrder.COST
) -> Sequence[Ranked]:
    """`rank()` as a sequence whose records are made when read: a page of a ranking reads fifty of
    some 1,100 (memoised as `rank()`)."""
    by_cost = dataclasses.replace(needs, min_rating=None, rating_category=OVERALL)

    def make() -> _Placed:
        if workload == DEFAULT_WORKLOAD:  # what `modelvs rank` and the value map ask: kept on disk
            key = (by_cost, workload, on)
            placed = derived(
                catalog, "cheapest-first", key, lambda: cheapest_first(catalog, by_cost, workload, on)
            )
        else:  # memoised below: kept with the day's values, a stream of new workloads would push those out
            placed = cheapest_first(catalog, by_cost, workload, on)
        if placed is None:  # prices or traffic outside what float estimates are sure of
            return _rank_exactly(catalog, by_cost, workload, on)
        return tuple(placed), None

    base = memoised(catalog, ("ranked", by_cost, workload, on), make)
    key = ("ranked", needs, workload, on, order)
    return memoised(catalog, key, lambda: _ordered(catalog, base, needs, order, (catalog, workload, on)))


_Placed = tuple[tuple[Placed, ...], tuple[RouteCost, ...] | None]
"""(model, its cheapest route) in cost order, and the exact cost on each when the ranking priced them."""


def _ordered(
    catalog: Catalog,
    base: _Placed,
    needs: Needs,
    order: RankOrder,
    priced_as: tuple[Catalog, Workload, dt.date],
) -> Sequence[Ranked]:
    """The cost ranking with ratings, filtered by the lowest rating and sorted by `order`."""
    rating = ratings(catalog, needs.rating_category).get
    placed, costs = base
    if needs.min_rating is None and order is RankOrder.COST:
        return _Ranking(placed, costs, priced_as, rating)
    if costs is None:
        found = [Ranked(m, route, priced_as, None, rating(m)) for m, route in placed]
    else:
        found = [Ranked(m, r, priced_as, cost, rating(m)) for (m, r), cost in zip(placed, costs, strict=True)]
    if needs.min_rating is not None:
        floor = needs.min_rating
        found = [r for r in found if r.rating is not None and r.rating.score >= floor]
    if order is RankOrder.RATING:
        found.sort(key=lambda r: (r.rating is None, -(r.rating.score if r.rating else 0)))
    elif order is RankOrder.VALUE:
        found.sort(key=lambda r: (r.per_dollar is None, -(r.per_dollar or 0)))
    return tuple(found)


class _Ranking(Sequence[Ranked]):
    """The cost ranking, each `Ranked` made when first read and then kept."""

    __slots__ = ("_costs", "_made", "_placed", "_priced_as", "_rating")

    def __init__(
        self,
        placed: tuple[Placed, ...],
        costs: tuple[RouteCost, ...] | None,
        priced_as: tuple[Catalog, Workload, dt.date],
        rating: Callable[[str], Rating | None],
    ) -> None:
        self._placed = placed
        self._costs = costs
        self._priced_as = priced_as
        self._rating = rating
        self._made: list[Ranked | None] = [None] * len(placed)

    def __len__(self) -> int:
        return len(self._placed)

    @overload
    def __getitem__(self, index: int) -> Ranked: ...

    @overload
    def __getitem__(self, index: slice) -> list[Ranked]: ...

    def __getitem__(self, index: int | slice) -> Ranked | list[Ranked]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self._placed)))]
        found = self._made[index]  # IndexError past the end, as a sequence must
        if found is None:
            model, route = self._placed[index]
            cost = self._costs[index] if self._costs is not None else None
            found = self._made[index] = Ranked(model, route, self._priced_as, cost, self._rating(model))
        return found


def _rank_exactly(catalog: Catalog, needs: Needs, workload: Workload, on: dt.date) -> _Placed:
    """The ranking with every usable route priced exactly."""
    costs = all_route_costs(catalog, workload, on)
    found = []
    for model_id, offers, _ in eligible(catalog, needs, on):
        # min() keeps the first of equal keys, as the stable sort in `model_costs` does.
        cost = min((costs[o.route] for o in offers), key=RouteCost.sort_key)
        if cost.monthly is not None:
            found.append((cost.monthly, model_id, cost))
    found.sort(key=lambda row: (row[0], row[1]))
    return tuple((model_id, cost.route) for _, model_id, cost in found), tuple(cost for *_, cost in found)
