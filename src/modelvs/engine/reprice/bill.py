"""A log's groups billed on routes: each group's route, its card, and the sums by day and model.

Groups that bill alike on the route at hand are merged first (the `Points` of one route split
fewer bands than those of every route read for), so a card is decided once per merged group.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from modelvs.catalog import Catalog
from modelvs.engine.pricing import Line
from modelvs.engine.reprice.cards import IMPOSSIBLE, UNKNOWN, Card, Refusal, Sizes, decide
from modelvs.engine.reprice.groups import Group
from modelvs.engine.reprice.served import route_points
from modelvs.engine.reprice.totals import Totals

ZERO = Decimal(0)
WINDOWS = {"0-200k": (0, 200_000), "200k-1M": (200_001, 1_000_000)}
"""The prompt bounds of each request in a bucket billed in a named context window (Anthropic)."""

Decision = Card | Refusal


@dataclass
class Bill:
    """What a set of groups costs on the routes they were billed on."""

    total: Decimal = ZERO
    priced: Totals = field(default_factory=Totals)
    lines: dict[tuple[str, Decimal], Line] = field(default_factory=dict)
    """Itemised: (component, rate) -> tokens and cost summed."""
    by_day: dict[dt.date, Decimal] = field(default_factory=dict)
    by_served: dict[int, Decimal] = field(default_factory=dict)
    by_lab: dict[str, Decimal] = field(default_factory=dict)
    """What the rows of each lab's models cost here (the log's models' labs)."""
    assumed: Totals = field(default_factory=Totals)
    """Rows priced below a tier their totals could not rule out."""
    notes: set[str] = field(default_factory=set)
    decisions: list[Decision] = field(default_factory=list)
    """Each group's card or refusal, in the order of the groups billed."""
    routes: set[str] = field(default_factory=set)
    costs: list[Decimal | None] = field(default_factory=list)
    """Each group's cost (None when refused), in the order of the groups billed."""


def bill(
    catalog: Catalog,
    groups: Sequence[Group],
    route_of: Callable[[Group], str | Refusal],
    limit_of: Callable[[Group], int | None],
) -> Bill:
    """Bill `groups`, each on `route_of(group)` (or refused with its reason); `limit_of(group)` is the
    largest prompt a request of the group can have had (the limit of the model that served it)."""
    found = Bill()
    merged: dict[tuple[object, ...], tuple[list[int], Totals]] = {}
    routes: list[str | Refusal] = []
    for i, g in enumerate(groups):
        route = route_of(g)
        routes.append(route)
        if isinstance(route, Refusal):
            continue
        if g.bucket:
            key: tuple[object, ...] = (route, i)
        else:
            edges = route_points(catalog, route)
            t = g.totals
            flags = (t.cached > 0, t.write + t.write_1h > 0, t.audio > 0)
            key = (
                route,
                g.served.key,
                g.day,
                g.mode,
                g.window,
                flags,
                bisect_right(edges.prompt, g.prompt),
                bisect_right(edges.answer, g.answer),
            )
        entry = merged.get(key)
        if entry is None:
            entry = merged[key] = ([], Totals())
        entry[0].append(i)
        entry[1].add(g.totals)
    decisions: list[Decision | None] = [r if isinstance(r, Refusal) else None for r in routes]
    # Day by day: the trust rules (which decide completeness gaps) are memoised per day.
    for members, totals in sorted(merged.values(), key=lambda entry: groups[entry[0][0]].day):
        first = groups[members[0]]
        route = routes[members[0]]
        assert isinstance(route, str)
        decision = decide(catalog, route, first.day, first.mode, _sizes(first, totals, limit_of(first)))
        for i in members:
            decisions[i] = decision
    found.decisions = [d for d in decisions if d is not None]
    assert len(found.decisions) == len(groups)
    found.costs = [None] * len(groups)
    for i, (g, decision) in enumerate(zip(groups, found.decisions, strict=True)):
        if isinstance(decision, Card):
            found.costs[i] = _add(found, decision, g)
    return found


def _add(found: Bill, card: Card, first: Group) -> Decimal:
    totals = first.totals
    cost, lines = card.cost(totals)
    found.total += cost
    found.priced.add(totals)
    found.routes.add(card.route)
    found.by_day[first.day] = found.by_day.get(first.day, ZERO) + cost
    found.by_served[first.served.key] = found.by_served.get(first.served.key, ZERO) + cost
    lab = (first.served.model or "").split("/", 1)[0]
    found.by_lab[lab] = found.by_lab.get(lab, ZERO) + cost
    for line in lines:
        key = (line.component, line.rate)
        seen = found.lines.get(key)
        found.lines[key] = (
            line
            if seen is None
            else Line(line.component, seen.tokens + line.tokens, line.rate, seen.cost + line.cost)
        )
    if card.assumed:
        found.assumed.add(totals)
    found.notes.update(card.notes)
    return cost


def _sizes(first: Group, totals: Totals, limit: int | None) -> Sizes:
    flags = {
        "cached": totals.cached > 0,
        "written": totals.write + totals.write_1h > 0,
        "audio": totals.audio > 0,
    }
    if not first.bucket:
        return Sizes(first.prompt, first.prompt, first.prompt, first.answer, 1, False, **flags)
    low, high = WINDOWS.get(first.window or "", (0, totals.input))
    high = min(high, totals.input, *((limit,) if limit is not None else ()))
    requests = totals.requests
    average = -(-totals.input // requests) if requests else None
    answer = -(-(totals.output + totals.reasoning) // requests) if requests else None
    return Sizes(min(low, high), high, average, answer, requests, True, **flags)


def refused_kinds(bill_: Bill, groups: Sequence[Group]) -> dict[str, Totals]:
    """Rows refused by kind (`IMPOSSIBLE`, `UNKNOWN`, `UNDECIDED`)."""
    kinds: dict[str, Totals] = {}
    for g, d in zip(groups, bill_.decisions, strict=True):
        if isinstance(d, Refusal):
            kinds.setdefault(d.kind, Totals()).add(g.totals)
    return kinds


__all__ = ["IMPOSSIBLE", "UNKNOWN", "Bill", "Decision", "bill", "refused_kinds"]
