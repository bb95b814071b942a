"""The one pass over a log: rows summed into groups that price alike, so a million rows price as a
few thousand groups.

Rows of one request each are grouped by what decides their bill on every route being priced: the
log's provider and model, the day (prices change), the mode, the context window the log names,
whether they read or write the cache or carry audio, and the band their prompt and answer sizes
fall in between the `Points` of every route (a tier threshold or a limit sits only on a band's
edge, so every row of a group is billed at the same rates, or is impossible, alike). A row that
holds the totals of several requests (a usage report's bucket) is a group of its own: its tier is
decided from its totals where they allow it (`engine.reprice.cards`).
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from modelvs.engine.reprice.served import Points, Served
from modelvs.engine.reprice.totals import Totals
from modelvs.schema.vocab import PriceMode
from modelvs.usage.record import UsageRecord

LINES_KEPT = 50
"""Lines remembered per group, to name rows that cannot be priced (counts are kept for all)."""
LISTED = 1000
"""Rows a re-priced log lists by line among those it cannot price."""
BUCKET = -1
"""The band of a row holding several requests (each such row is a group of its own)."""

Line = tuple[str | None, int]
"""(file, line) of a row."""


@dataclass(eq=False)
class Group:
    """Rows that price alike: their totals, a sample row's sizes, and the first lines."""

    served: Served
    day: dt.date
    mode: PriceMode
    window: str | None
    band: int
    """The prompt band (`BUCKET` for a row of several requests)."""
    answer_band: int
    prompt: int
    """The prompt of the first row (all rows of a one-request group share its band)."""
    answer: int
    """Output and reasoning tokens of the first row."""
    totals: Totals = field(default_factory=Totals)
    lines: list[Line] = field(default_factory=list)

    @property
    def bucket(self) -> bool:
        return self.band == BUCKET


@dataclass
class Grouped:
    """A log read into groups, with what reading it found."""

    groups: list[Group]
    served: list[Served]
    days: tuple[dt.date, ...]
    """Every day with usage, in order."""
    rows: int


def group(
    records: Iterable[UsageRecord],
    resolve: Callable[[int, str | None, str], Served],
    points: Callable[[Served], Points],
) -> Grouped:
    """Read `records` once into groups. `resolve` names each new (provider, model) pair;
    `points(served)` are the sizes that split groups of that pair."""
    by_name: dict[tuple[str | None, str], tuple[Served, tuple[int, ...], tuple[int, ...]]] = {}
    groups: dict[tuple[object, ...], Group] = {}
    key: tuple[object, ...]
    served_list: list[Served] = []
    buckets = 0
    rows = 0
    standard = PriceMode.STANDARD
    doomed = 0
    for record in records:
        rows += 1
        (line, day, provider, model, prompt, cached, written, written_1h, output, reasoning, requests, mode,
         cost, window, audio, file) = record  # fmt: skip
        found = by_name.get((provider, model))
        if found is None:
            served = resolve(len(served_list), provider, model)
            served_list.append(served)
            edges = points(served)
            found = by_name[(provider, model)] = (served, edges.prompt, edges.answer)
        served, prompt_edges, answer_edges = found
        answer = output + reasoning
        if cached or written or written_1h or audio:
            flags = (cached > 0) | ((written + written_1h > 0) << 1) | ((audio > 0) << 2)
        else:
            flags = 0
        if requests == 1:
            band = bisect_right(prompt_edges, prompt)
            answer_band = bisect_right(answer_edges, answer)
        else:
            buckets += 1
            band, answer_band = BUCKET, buckets
        # Not the mode itself: an enum member hashes in Python, a million times.
        key = (served.key, day, 0 if mode is standard else mode._value_, window, flags, band, answer_band)
        found_group = groups.get(key)
        if found_group is None:
            found_group = groups[key] = Group(served, day, mode, window, band, answer_band, prompt, answer)
        totals = found_group.totals
        totals.rows = seen = totals.rows + 1
        totals.requests += requests
        totals.input += prompt
        if flags:
            totals.cached += cached
            totals.write += written
            totals.write_1h += written_1h
            totals.audio += audio
        totals.output += output
        totals.reasoning += reasoning
        if cost is not None:
            totals.reported += cost
            totals.reported_rows += 1
        if seen <= LINES_KEPT:
            found_group.lines.append((file, line))
        elif served.why is not None and doomed < LISTED:
            # Rows no route can price as logged (an unknown model): listed by line, up to LISTED.
            doomed += 1
            found_group.lines.append((file, line))
    days = tuple(sorted({g.day for g in groups.values()}))
    return Grouped(list(groups.values()), served_list, days, rows)


def reported(groups: Iterable[Group]) -> Decimal | None:
    """The cost the log reports for `groups`, or None when no row of them reports one."""
    total = Decimal(0)
    any_reported = False
    for g in groups:
        if g.totals.reported_rows:
            any_reported = True
            total += g.totals.reported
    return total if any_reported else None
