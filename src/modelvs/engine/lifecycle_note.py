"""Where a model is in its life, as every page says it: `retired on 2026-01-05`, `deprecated,
retires on 2027-01-14`, and what the lab bills instead where the data says so.

One wording for the comparison pages, the model pages and `modelvs cost`; the stage comes from
`catalog.lifecycle.stage`, so the note follows whatever status vocabulary the catalog uses.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from modelvs.catalog import Catalog
from modelvs.catalog.lifecycle import Stage, stage
from modelvs.schema.vocab import ModelStatus

if TYPE_CHECKING:
    from modelvs.schema import Model

LIFECYCLE_NOTE_RULE = (
    "A retired or deprecated model says so wherever it is shown (retired on its retirement date,"
    " deprecated with the date it retires), with the model its lab bills instead where the catalog"
    " records one; retired models leave rankings, search suggestions, related comparisons and the"
    " default list of models, and their pages stay."
)


def lifecycle_note(model: Model, on: dt.date, billed_as: str | None = None) -> str:
    """`retired on D`, `deprecated, retires on D` or `deprecated on D`, with `; the lab bills it as X
    now` when `billed_as` names X; for a current model `in preview`, `retires on D` or `to be
    deprecated on D` (announced), or empty."""
    now = stage(model, on)
    retires = model.retirement_date
    if now is Stage.RETIRED:
        note = f"retired on {retires.isoformat()}" if retires is not None and retires <= on else "retired"
    elif now is Stage.DEPRECATED:
        if retires is not None and retires > on:
            note = f"deprecated, retires on {retires.isoformat()}"
        elif model.deprecation_date is not None:
            note = f"deprecated on {model.deprecation_date.isoformat()}"
        else:
            note = "deprecated"
    else:
        parts = ["in preview"] if model.status is ModelStatus.PREVIEW else []
        if retires is not None:
            parts.append(f"retires on {retires.isoformat()}")
        elif model.deprecation_date is not None:
            parts.append(f"to be deprecated on {model.deprecation_date.isoformat()}")
        return ", ".join(parts)
    if billed_as:
        note += f"; the lab bills it as {billed_as} now"
    return note


def billed_as(catalog: Catalog, model_id: str) -> str | None:
    """The name of the model the lab bills a retired or deprecated model as, where the catalog
    records it (a model's `billed_as`: the id of the model whose prices apply)."""
    target = getattr(catalog.models[model_id], "billed_as", None)  # a fact the catalog may carry
    if isinstance(target, str) and target in catalog.models:
        return catalog.models[target].name
    return None


def model_note(catalog: Catalog, model_id: str, on: dt.date) -> str:
    """`lifecycle_note` of a catalog model, with what its lab bills instead."""
    return lifecycle_note(catalog.models[model_id], on, billed_as(catalog, model_id))


def ended(model: Model, on: dt.date) -> bool:
    """Deprecated or retired on `on`: a note readers must see first."""
    return stage(model, on) in (Stage.DEPRECATED, Stage.RETIRED)
