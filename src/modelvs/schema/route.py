"""A route: one model as sold by one provider, with its limits and price schedules."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from modelvs.schema.base import Sourced, Strict, Text
from modelvs.schema.pricing import PriceSchedule
from modelvs.schema.vocab import Capability, ModelStatus, VariantKind


class PriceCheck(Strict):
    """A person's confirmation that a route's prices are right although they look odd."""

    note: Text
    """What was checked, in one sentence (`the provider sells it at a 60% discount`)."""
    citation: str
    """Key into the route's `citations`: a curated citation of the page checked."""


class Route(Sourced):
    """Model x provider. Id is `provider:lab/model` from the path `routes/<provider>/<lab>/<model>`.

    A variant (the model with thinking on, quantized, in a TEE, another id at its own price) is a
    route of the same model, `provider:lab/model@qualifier` from `<model>@<qualifier>.toml`.
    """

    provider_model_id: str
    """The id the provider's API takes for this model."""
    variant: VariantKind | None = None
    """What this listing changes about the model, for a `@qualifier` route; absent for the plain model."""
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
    billed_as: str | None = None
    """The model (`lab/model`) this route's id is billed as now, where the provider says so."""
    prices: list[PriceSchedule] = Field(default_factory=list)
    """Price schedules by mode and date range."""
    price_check: PriceCheck | None = None
    """A curated confirmation that lifts the sanity check's quarantine of these prices."""
