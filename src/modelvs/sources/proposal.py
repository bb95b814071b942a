"""What an importer hands to sync: offers of values, each tied to one source and locator.

An importer never writes `data/`. It translates its source into a `Proposal`; sync merges
proposals into the catalog, keeps curated values, and reports every change and conflict.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

RecordKind = Literal["lab", "provider", "model", "route"]


@dataclass(frozen=True)
class ProposedRecord:
    """One source's values for one record.

    `values` uses the schema's field names with plain Python values (`Decimal` for money,
    `date` for dates); `capabilities` is a dict of capability id -> bool. Only facts the
    source states are offered: an absent key means the source is silent, not "no".
    """

    kind: RecordKind
    id: str
    """Canonical id: lab id, provider id, `lab/model`, or `provider:lab/model` for routes."""
    values: dict[str, Any]
    locator: str
    """Where in the source the values were read (`openai.models.gpt-4o`)."""
    url: str | None = None
    """Upstream page the values can be checked against."""
    checked: dt.date | None = None
    """The date the source says it checked these values."""
    aliases: tuple[str, ...] = ()
    """Model offers: every id the source uses for this model."""
    prices: tuple[dict[str, Any], ...] | None = None
    """Route offers: price schedules (schema `PriceSchedule` fields, without `citation`)."""
    history: bool = False
    """Route offers: the schedules are dated history to place before current prices."""
    listing: str | None = None
    """Model offers: the provider whose listing the values were read from (its trust decides
    which listing speaks for the model, and whether its capability flags fill gaps)."""
    listed: dt.date | None = None
    """Model offers: the first day the source recorded a price for the model (a first-listed
    stand-in where no source states a release date; never a fact of its own)."""

    def __post_init__(self) -> None:
        # A source's stray whitespace around a name ("DeepSeek V3 (Turbo)\t") is never part of it.
        name = self.values.get("name")
        if isinstance(name, str) and name != name.strip():
            self.values["name"] = name.strip()


@dataclass(frozen=True)
class ProposedResult:
    """One score a source publishes, with the names it gives the model: sync joins them.

    `values` holds `BenchmarkResult` fields other than `benchmark`, `citation` and
    `source_name` (`Decimal` scores, `date` dates).
    """

    benchmark: str
    source_name: str
    """The source's name for the model, exactly (the key of a reviewed join)."""
    names: tuple[str, ...]
    """Names to resolve, most specific first (a dated snapshot id before the undated one)."""
    values: dict[str, Any]
    locator: str
    url: str | None = None
    lab: str | None = None
    """The source's lab for the model: preferred when two names resolve to different labs."""
    snapshot: str | None = None
    """The snapshot the source names (`20241022`): a model dated otherwise does not join."""


@dataclass(frozen=True)
class Proposal:
    """Everything one importer run proposes, and what it skipped and why."""

    source_id: str
    source: dict[str, Any]
    """The `data/sources/<id>.toml` record (name, kind, package, version, license, ...)."""
    offers: tuple[ProposedRecord, ...]
    skipped: tuple[tuple[str, str], ...] = field(default=())
    results: tuple[ProposedResult, ...] = ()
    """Benchmark scores, joined to models by sync after the records merge."""
    """(locator, reason) for entries the importer chose not to propose."""
