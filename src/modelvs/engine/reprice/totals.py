"""Usage summed over rows: token counts by kind, requests, and the cost the log reports."""

from __future__ import annotations

from decimal import Decimal

ZERO = Decimal(0)


class Totals:
    """What a set of rows adds up to. Mutable while a log is read; rows are added in place."""

    __slots__ = (
        "audio",
        "cached",
        "input",
        "output",
        "reasoning",
        "reported",
        "reported_rows",
        "requests",
        "rows",
        "write",
        "write_1h",
    )

    def __init__(self) -> None:
        self.rows = 0
        self.requests = 0
        self.input = 0
        """Whole prompts: uncached input, cache reads and cache writes."""
        self.cached = 0
        self.write = 0
        self.write_1h = 0
        self.output = 0
        self.reasoning = 0
        self.audio = 0
        self.reported = ZERO
        """The cost the log reports for the rows that report one."""
        self.reported_rows = 0

    def add(self, other: Totals) -> None:
        self.rows += other.rows
        self.requests += other.requests
        self.input += other.input
        self.cached += other.cached
        self.write += other.write
        self.write_1h += other.write_1h
        self.output += other.output
        self.reasoning += other.reasoning
        self.audio += other.audio
        self.reported += other.reported
        self.reported_rows += other.reported_rows

    @property
    def uncached(self) -> int:
        return self.input - self.cached - self.write - self.write_1h

    @property
    def all_reported(self) -> bool:
        """Whether every row reports a cost (a difference with the log is then meaningful)."""
        return self.rows > 0 and self.reported_rows == self.rows


def summed(parts: list[Totals]) -> Totals:
    found = Totals()
    for part in parts:
        found.add(part)
    return found
