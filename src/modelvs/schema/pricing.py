"""Price schedules: per mode and date range, components per 1M tokens, cliff tiers."""

from __future__ import annotations

import datetime as dt
from typing import Self

from pydantic import Field, model_validator

from modelvs.schema.base import Money, Strict
from modelvs.schema.in_effect import InEffect
from modelvs.schema.vocab import PriceMode, ThresholdComparison, Unit

TOKEN_COMPONENTS = (
    "input",
    "output",
    "cache_read",
    "reasoning",
    "input_audio",
    "output_audio",
    "input_image",
    "output_image",
)
"""Per-1M-token components a schedule or tier can price (cache writes are per TTL)."""


class Rates(Strict):
    """USD per 1M tokens for each component; absent means not priced by the source."""

    input: Money | None = None
    """Uncached input (prompt) tokens."""
    output: Money | None = None
    """Output (completion) tokens."""
    cache_read: Money | None = None
    """Input tokens read from the prompt cache."""
    cache_write: dict[str, Money] = Field(default_factory=dict)
    """Input tokens written to the cache, by time-to-live (`5m`, `1h`, `default`)."""
    reasoning: Money | None = None
    """Reasoning (thinking) tokens; when absent they bill at the output rate."""
    input_audio: Money | None = None
    """Audio input tokens."""
    output_audio: Money | None = None
    """Audio output tokens."""
    input_image: Money | None = None
    """Image input tokens."""
    output_image: Money | None = None
    """Image output tokens."""


class PriceTier(Rates):
    """A cliff: above the threshold, every component of the request bills at these rates.

    Components a tier does not list keep the schedule's base rate.
    """

    threshold: int = Field(gt=0)
    """Prompt tokens (uncached + cache read + cache write) compared with the threshold."""
    comparison: ThresholdComparison = ThresholdComparison.GT
    """`>` or `>=`: providers differ on whether the threshold itself is in the tier."""


class PriceSchedule(Rates, InEffect):
    """The prices of one route in one mode over one date range."""

    mode: PriceMode = PriceMode.STANDARD
    """Standard, batch, flex, priority or free."""
    provider_model_id: str | None = None
    """The id to call for this mode, where it differs from the route's (`...:free`, `...:batch`)."""
    effective_from: dt.date | None = None
    """First day these prices apply; absent means since the route began."""
    effective_until: dt.date | None = None
    """First day they no longer apply (exclusive); absent means still current."""
    per_unit: dict[Unit, Money] = Field(default_factory=dict)
    """Fees per unit that is not a token (per request, per web search, per image)."""
    tiers: list[PriceTier] = Field(default_factory=list)
    """Long-context cliff tiers, in ascending threshold order."""
    citation: str
    """Key into the route's `citations`: every price names its source."""

    @model_validator(mode="after")
    def _dates_in_order(self) -> Self:
        if (
            self.effective_from is not None
            and self.effective_until is not None
            and self.effective_until <= self.effective_from
        ):
            raise ValueError("effective_until must be after effective_from")
        return self
