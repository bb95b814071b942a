"""Every model that meets a set of needs, ranked by what a workload costs on its cheapest route.

The order comes from float estimates made exact where they are close (`engine.prerank`), so a
first ranking of a new workload prices only the models a reader sees: each `Ranked` prices its
exact cost when it is first read.
"""

from __future__ import annotations

import datetime as dt

from modelvs.catalog import Catalog
from modelvs.engine.monthly import RouteCost, all_route_costs, memoised, route_cost
from modelvs.engine.needs import Needs, meets
from modelvs.engine.prerank import cheapest_first
from modelvs.engine.rank_offers import eligible
from modelvs.engine.workload import Workload

__all__ = ["Needs", "Ranked", "meets", "rank"]


class Ranked:
    """A model and its cheapest route at the workload, with the exact cost on that route."""

    __slots__ = ("_cost", "_priced_as", "model", "route")

    def __init__(
        self, model: str, route: str, priced_as: tuple[Catalog, Workload, dt.date], cost: RouteCost | None
    ) -> None:
        self.model = model
        self.route = route
        self._priced_as = priced_as
        self._cost = cost

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
) -> list[Ranked]:
    """Models meeting `needs`, cheapest first at `workload`; models no route can price are left out.

    Each model's cost is on its cheapest route by the tie rule (as `cheapest_route` picks it);
    equal costs are in model id order. The ranking is memoised per catalog, needs, workload and day.
    """

    def make() -> tuple[Ranked, ...]:
        placed = cheapest_first(catalog, needs, workload, on)
        if placed is None:  # prices or traffic outside what float estimates are sure of
            return _rank_exactly(catalog, needs, workload, on)
        priced_as = (catalog, workload, on)
        return tuple(Ranked(model_id, route, priced_as, None) for model_id, route in placed)

    ranked = memoised(catalog, ("ranked", needs, workload, on), make)
    return list(ranked[:limit] if limit is not None else ranked)


def _rank_exactly(catalog: Catalog, needs: Needs, workload: Workload, on: dt.date) -> tuple[Ranked, ...]:
    """The ranking with every usable route priced exactly."""
    costs = all_route_costs(catalog, workload, on)
    found = []
    for model_id, offers, _ in eligible(catalog, needs, on):
        # min() keeps the first of equal keys, as the stable sort in `model_costs` does.
        cost = min((costs[o.route] for o in offers), key=RouteCost.sort_key)
        if cost.monthly is not None:
            found.append((cost.monthly, model_id, cost))
    found.sort(key=lambda row: (row[0], row[1]))
    return tuple(Ranked(model_id, cost.route, (catalog, workload, on), cost) for _, model_id, cost in found)
