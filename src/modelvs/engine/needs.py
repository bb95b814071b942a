"""What a model must have to be ranked, and whether it has it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from modelvs.catalog import Catalog
from modelvs.catalog.lifecycle import is_current, released_by
from modelvs.engine.monthly import RouteSet
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
    rating_category: str = "overall"
    """The Arena category ratings are read from (`overall`, `coding`, ...)."""
    only: frozenset[str] | None = None
    """Only these models (the value map ranks just the rated ones); None for every model."""

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


def meets(catalog: Catalog, model_id: str, needs: Needs, on: dt.date) -> bool:
    """Whether a model has every need as a known yes (and is out by `on`, current, of a wanted kind)."""
    if needs.only is not None and model_id not in needs.only:
        return False
    model = catalog.models[model_id]
    if (model.kind or ModelKind.TEXT) not in needs.kinds:
        return False
    if not needs.include_retired and not is_current(model, on):
        return False
    if not released_by(model, on):  # a ranking of the past leaves later models out
        return False
    if any(model.capabilities.get(cap) is not True for cap in needs.capabilities):
        return False
    if needs.min_context is not None and (model.context_window or 0) < needs.min_context:
        return False
    return needs.input_modalities <= set(model.modalities_in)
