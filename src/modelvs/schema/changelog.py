"""What the syncs of one day changed, and what they held for review: `data/changes/<YYYY-MM-DD>.toml`.

Sync writes it beside the records it changed (in the same swap), so `/changes`, its feed and
`modelvs check` read what each refresh did from the catalog itself.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import Field

from modelvs.schema.base import Strict
from modelvs.schema.vocab import PriceMode


class LoggedPrice(Strict):
    """One component of a route's current price, changed by a sync."""

    route: str
    """The route id (`openai:openai/gpt-4o`)."""
    mode: PriceMode
    """The price mode whose current schedule changed."""
    component: str
    """`input`, `output`, `cache_read`, `cache_write.5m`, `per_unit.request`, `tier>200000.input`..."""
    old: Decimal | None = None
    """USD before (per 1M tokens, or per unit); absent when the component was not priced."""
    new: Decimal | None = None
    """USD after; absent when the component is no longer priced."""
    source: str | None = None
    """The source whose snapshot gave the new price."""


class LoggedRecord(Strict):
    """A model or route a sync added or removed."""

    id: str
    """The model id or route id."""
    change: Literal["added", "removed"]
    """What happened to it."""
    name: str | None = None
    """Its name, for models."""


class LoggedLifecycle(Strict):
    """A lifecycle value (status, deprecation or retirement date) a sync changed."""

    id: str
    """The model id or route id."""
    field: Literal["status", "deprecation_date", "retirement_date"]
    """Which lifecycle value."""
    old: str | None = None
    """The value before, as text; absent when unset."""
    new: str | None = None
    """The value after, as text; absent when removed."""


class HeldChange(Strict):
    """A change a sync did not publish: the catalog keeps the old value until a reviewer accepts it
    (`modelvs sync --accept ID`)."""

    id: str
    """The route or model id the change is about."""
    what: str
    """The change, in words (`standard input 2.5 -> 0.25`, `removed`)."""
    reason: str
    """Why it is held (the rule it tripped)."""


class ChangeLog(Strict):
    """The change report of the syncs that wrote the catalog on one day (the file's date)."""

    snapshots: dict[str, str] = Field(default_factory=dict)
    """Source id -> the version (package version or live snapshot id) the day's syncs read."""
    prices: list[LoggedPrice] = Field(default_factory=list)
    """Price changes on routes that exist before and after."""
    models: list[LoggedRecord] = Field(default_factory=list)
    """Models added and removed."""
    routes: list[LoggedRecord] = Field(default_factory=list)
    """Routes added and removed."""
    lifecycle: list[LoggedLifecycle] = Field(default_factory=list)
    """Status, deprecation and retirement changes of models and routes."""
    held: list[HeldChange] = Field(default_factory=list)
    """Changes held for review at the day's last sync (pending until accepted or withdrawn)."""
