"""Every model that meets a set of needs, ranked by what a workload costs on its cheapest route."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from modelvs.catalog import Catalog
from modelvs.engine.monthly import RouteCost, cheapest_route
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
    """Models meeting `needs`, cheapest first at `workload`; models no route can price are left out."""
    ranked = []
    for model_id in catalog.models:
        if not meets(catalog, model_id, needs):
            continue
        cost = cheapest_route(catalog, model_id, workload, on)
        if cost is not None:
            ranked.append(Ranked(model_id, cost))
    ranked.sort(key=lambda r: (r.cost.monthly, r.model))
    return ranked[:limit] if limit is not None else ranked
