"""Every model that meets a set of needs, ranked by what a workload costs on its cheapest route."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from modelvs.catalog import Catalog
from modelvs.catalog.lifecycle import is_current
from modelvs.engine.monthly import RouteCost, RouteSet, all_route_costs, memoised
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
        return ", ".join(parts) or "none"


@dataclass(frozen=True)
class Ranked:
    model: str
    cost: RouteCost


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
