"""Where a model is in its life on a given day: current, deprecated, or retired.

A model is retired once its status says so or its retirement date has come, deprecated once its
status says so or its deprecation date has come; default rankings and suggestions leave both out.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from modelvs.schema import Model, Route
from modelvs.schema.vocab import ModelStatus

LIFECYCLE_RULE = (
    "A model is deprecated once its status says so or its deprecation date has come, retired once its"
    " status says so or its retirement date has come; default rankings and suggestions leave both out,"
    " and every page marks them."
)


class Stage(StrEnum):
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
    return Stage.CURRENT


def is_current(model: Model | Route, on: dt.date) -> bool:
    return stage(model, on) is Stage.CURRENT


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
