"""A route: one model as sold by one provider, with its limits and price schedules."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from modelvs.schema.base import Sourced
from modelvs.schema.pricing import PriceSchedule
from modelvs.schema.vocab import Capability, ModelStatus


class Route(Sourced):
    """Model x provider. Id is `provider:lab/model` from the path `routes/<provider>/<lab>/<model>`."""

    provider_model_id: str
    """The id the provider's API takes for this model."""
    status: ModelStatus | None = None
    """The route's own lifecycle, where it differs from the model's."""
    context_window: int | None = Field(default=None, gt=0)
    """Context window this route serves, where it differs from the model's."""
    max_input: int | None = Field(default=None, gt=0)
    """Input limit this route serves, where it differs."""
    max_output: int | None = Field(default=None, gt=0)
    """Output limit this route serves, where it differs."""
    capabilities: dict[Capability, bool] = Field(default_factory=dict)
    """Capability overrides for this route (a feature the provider does not expose)."""
    deprecation_date: dt.date | None = None
    """When the provider deprecates the route."""
    retirement_date: dt.date | None = None
    """When the provider stops serving it."""
    prices: list[PriceSchedule] = Field(default_factory=list)
    """Price schedules by mode and date range."""
