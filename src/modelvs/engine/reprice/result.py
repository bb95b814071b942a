"""What re-pricing a log answers: the log priced as it was, and on other models."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from modelvs.engine.pricing import Line
from modelvs.usage.tokenizers import StatedRatio


@dataclass(frozen=True)
class Tokens:
    """Token counts by kind over some rows."""

    input: int
    """Whole prompts: uncached input, cache reads and cache writes."""
    cached_input: int
    cache_write: int
    """Written to the cache with the default time to live (5 minutes on Anthropic)."""
    cache_write_1h: int
    output: int
    reasoning: int


@dataclass(frozen=True)
class Unpriced:
    """A row that could not be priced, and why."""

    file: str | None
    line: int
    model: str
    """The model as the log names it."""
    reason: str


@dataclass(frozen=True)
class Reason:
    """A reason rows could not be priced, with how many."""

    reason: str
    kind: str
    """`impossible` (the route cannot serve it), `unknown` (no price, name or route) or `undecided`."""
    rows: int
    requests: int


@dataclass(frozen=True)
class Versus:
    """Two costs of the same rows: those priced both ways."""

    rows: int
    requests: int
    before: Decimal
    """The first cost: what the log reports, or the log re-priced."""
    after: Decimal
    """The second: the log re-priced, or the alternative."""

    @property
    def difference(self) -> Decimal:
        return self.after - self.before


@dataclass(frozen=True)
class ModelUsage:
    """One model of the log (as a provider and model name pair), priced as it was."""

    name: str
    """The model as the log names it."""
    provider: str | None
    """The provider as the log names it."""
    model: str | None
    """Canonical model id, when the name resolves."""
    route: str | None
    """The route billed, when known."""
    rows: int
    requests: int
    tokens: Tokens
    reported: Decimal | None
    """What the log reports for these rows (those that report a cost), if any do."""
    repriced: Decimal
    """What the priced rows cost at the catalog's prices of their days."""
    priced_rows: int
    unpriced_rows: int
    lines: tuple[Line, ...]
    """Itemised by component and rate."""
    compared: Versus | None
    """Reported against repriced, on the rows priced that report a cost."""


@dataclass(frozen=True)
class TokenizerNote:
    """A stated ratio, applied to the part of an alternative's cost it concerns, as a range."""

    ratio: StatedRatio
    applies_to: Decimal
    """The alternative's cost of the rows from models the statement is made against."""
    low_total: Decimal
    high_total: Decimal


@dataclass(frozen=True)
class Alternative:
    """The same usage on another model."""

    model: str
    name: str
    route: str | None
    """The route priced: the lab's own API, or the cheapest vetted one (`None`: none prices any row)."""
    total: Decimal
    """What the rows it can price cost there."""
    priced_rows: int
    unpriced_rows: int
    unpriced_requests: int
    reasons: tuple[Reason, ...]
    unpriced: tuple[Unpriced, ...]
    notes: tuple[str, ...]
    lines: tuple[Line, ...]
    versus_log: Versus | None
    """The log re-priced against this alternative, on the rows both price."""
    tokenizer: TokenizerNote | None
    suggested: bool
    """Suggested from the quality-per-dollar frontier, rather than asked for."""
    rating: Decimal | None = None
    """The Arena rating that put a suggestion on the frontier."""


@dataclass(frozen=True)
class DayCost:
    day: dt.date
    reported: Decimal | None
    repriced: Decimal
    alternatives: tuple[Decimal, ...]
    """Each alternative's cost that day, in the order of `Repricing.alternatives`."""


@dataclass(frozen=True)
class Repricing:
    """A usage log priced as it was, and on other models."""

    format: str
    rows: int
    requests: int
    priced_rows: int
    unpriced_rows: int
    unpriced: tuple[Unpriced, ...]
    """The first rows that could not be priced (at most `LISTED`), by line."""
    reasons: tuple[Reason, ...]
    reported_total: Decimal | None
    repriced_total: Decimal
    compared: Versus | None
    """The log's reported cost against the re-priced cost, on the rows priced that report one."""
    tokens: Tokens
    by_model: tuple[ModelUsage, ...]
    by_day: tuple[DayCost, ...]
    alternatives: tuple[Alternative, ...]
    routes: str
    """How alternatives chose their route: `lab` or `vetted`."""
    notes: tuple[str, ...]
    first_day: dt.date | None
    last_day: dt.date | None
