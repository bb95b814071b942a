"""Where a model is in its life on a given day: preview, current, deprecated or retired.

One vocabulary everywhere (data, JSON, pages, CLI). A model is retired once its status says so or
its retirement date has come, deprecated once its status says so or its deprecation date has
come, preview while its status says so; otherwise current. Default rankings, suggestions and
related pairs leave deprecated and retired models out (`is_current`); pages and `cost` say when a
model retired and, where a source says so, what the lab bills its id as now (`lifecycle`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from modelvs.schema.vocab import ModelStatus

if TYPE_CHECKING:
    from modelvs.schema import Model, Route

LIFECYCLE_RULE = (
    "One lifecycle: preview, current, deprecated (date), retired (date). A model is deprecated once its"
    " status says so or its deprecation date has come, retired once its status says so or its retirement"
    " date has come; the labs' deprecation pages, reviewed with their URLs, mark legacy models, and a"
    " model a lab replaced with a newer one and stopped serving is retired. Default rankings and"
    " suggestions leave deprecated and retired models out, and every page marks them with the date and,"
    " where a source says so, the model the lab bills the old id as now."
)


class Stage(StrEnum):
    """A model's (or route's) stage on a day. PREVIEW and CURRENT both count as current."""

    PREVIEW = "preview"
    CURRENT = "current"
    DEPRECATED = "deprecated"
    RETIRED = "retired"


def stage(model: Model | Route, on: dt.date) -> Stage:
    """The model's (or route's) stage on `on`."""
    if model.status is ModelStatus.RETIRED or (
        model.retirement_date is not None and model.retirement_date <= on
    ):
        return Stage.RETIRED
    if model.status is ModelStatus.DEPRECATED or (
        model.deprecation_date is not None and model.deprecation_date <= on
    ):
        return Stage.DEPRECATED
    if model.status is ModelStatus.PREVIEW:
        return Stage.PREVIEW
    return Stage.CURRENT


def is_current(model: Model | Route, on: dt.date) -> bool:
    """Neither deprecated nor retired on `on` (a preview is current)."""
    return stage(model, on) in (Stage.CURRENT, Stage.PREVIEW)


@dataclass(frozen=True)
class Lifecycle:
    """What a page or `cost` says about a model's (or route's) lifecycle on a day."""

    stage: Stage
    deprecated_on: dt.date | None
    """The deprecation date, when one is known."""
    retired_on: dt.date | None
    """The retirement date (past or scheduled), when one is known."""
    billed_as: str | None
    """The model (`lab/model`) the lab bills the id as now, where a source says so."""

    def text(self) -> str:
        """`retired on 2025-10-22, billed as xai/grok-4.3`; `current`; `deprecated`."""
        day = {Stage.RETIRED: self.retired_on, Stage.DEPRECATED: self.deprecated_on}.get(self.stage)
        said = f"{self.stage.value} on {day.isoformat()}" if day else self.stage.value
        return f"{said}, billed as {self.billed_as}" if self.billed_as else said


def lifecycle(model: Model | Route, on: dt.date) -> Lifecycle:
    """The stage of `model` on `on`, with its dates and what the lab bills it as now."""
    return Lifecycle(stage(model, on), model.deprecation_date, model.retirement_date, model.billed_as)


class NotYetReleasedError(ValueError):
    """A date before a model's release: the model had no price, no route and no page then."""

    def __init__(self, model_id: str, name: str, released: dt.date, on: dt.date) -> None:
        self.model_id = model_id
        self.released = released
        self.on = on
        super().__init__(
            f"{name} ({model_id}) was released on {released.isoformat()}, after {on.isoformat()}: "
            f"it had no prices then. Pass a date on or after {released.isoformat()}."
        )


def released_by(model: Model, on: dt.date) -> bool:
    """Whether the model was out on `on` (a model with no known release date counts as out)."""
    return model.release_date is None or model.release_date <= on


def require_released(model_id: str, model: Model, on: dt.date) -> None:
    """Raises `NotYetReleasedError` when `on` is before the model's release date."""
    if not released_by(model, on):
        assert model.release_date is not None
        raise NotYetReleasedError(model_id, model.name, model.release_date, on)
