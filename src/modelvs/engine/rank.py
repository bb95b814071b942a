"""Every model that meets a set of needs, ranked by what a workload costs on its cheapest route."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from modelvs.catalog import Catalog
from modelvs.engine.monthly import RouteCost, all_route_costs, memoised
from modelvs.engine.workload import Workload
from modelvs.schema.vocab import Capability, Modality


@dataclass(frozen=True)
class Needs:
    """What a model must have to be ranked. Unknown is not yes: a need must be a known yes."""

    capabilities: frozenset[Capability] = frozenset()
    min_context: int | None = None
    input_modalities: frozenset[Modality] = frozenset()

    def describe(self) -> str:
        parts = [c.value for c in sorted(self.capabilities)]
        if self.min_context:
            parts.append(f"context >= {self.min_context:,} tokens")
        parts += [f"{m.value} input" for m in sorted(self.input_modalities)]
        return ", ".join(parts) or "none"


@dataclass(frozen=True)
class Ranked:
    model: str
    cost: RouteCost


def meets(catalog: Catalog, model_id: str, needs: Needs) -> bool:
    """Whether a model has every need as a known yes."""
    model = catalog.models[model_id]
    if any(model.capabilities.get(cap) is not True for cap in needs.capabilities):
        return False
    if needs.min_context is not None and (model.context_window or 0) < needs.min_context:
        return False
    return needs.input_modalities <= set(model.modalities_in)


def rank(
    catalog: Catalog, needs: Needs, workload: Workload, on: dt.date, limit: int | None = None
) -> list[Ranked]:
    """Models meeting `needs`, cheapest first at `workload`; models no route can price are left out.

    Each model's cost is on its cheapest route by the tie rule (as `cheapest_route` picks it). The
    ranking is memoised per catalog, needs, workload and day.
    """
    ranked = memoised(catalog, ("ranked", needs, workload, on), lambda: _rank(catalog, needs, workload, on))
    return list(ranked[:limit] if limit is not None else ranked)


def _rank(catalog: Catalog, needs: Needs, workload: Workload, on: dt.date) -> tuple[Ranked, ...]:
    costs = all_route_costs(catalog, workload, on)  # every route priced once, in one tight loop
    ranked = []
    for model_id, route_ids in catalog.routes_by_model.items():
        if model_id not in catalog.models or not meets(catalog, model_id, needs):
            continue
        # min() keeps the first of equal keys, as the stable sort in `model_costs` does.
        cost = min((costs[rid] for rid in route_ids), key=RouteCost.sort_key)
        if cost.monthly is not None:
            ranked.append(Ranked(model_id, cost))
    ranked.sort(key=lambda r: (r.cost.monthly, r.model))
    return tuple(ranked)
