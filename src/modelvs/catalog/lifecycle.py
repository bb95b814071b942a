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
