"""Re-price a usage log: as it was (each row on the model and provider the log names, at the prices
of its day), and on other models. Pure: the records and the stated tokenizer ratios are passed in.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from decimal import Decimal

from modelvs.catalog import Catalog
from modelvs.catalog.layout import route_model
from modelvs.engine.plans import route_limits
from modelvs.engine.pricing import Line
from modelvs.engine.reprice.alternatives import (
    AltRoutes,
    Target,
    batch_requests,
    choose,
    suggestion_points,
    suggestions,
    target,
)
from modelvs.engine.reprice.bill import Bill, bill
from modelvs.engine.reprice.cards import UNKNOWN, Card, Refusal
from modelvs.engine.reprice.groups import LISTED, Group, Grouped, group
from modelvs.engine.reprice.result import (
    Alternative,
    DayCost,
    ModelUsage,
    Reason,
    Repricing,
    TokenizerNote,
    Tokens,
    Unpriced,
    Versus,
)
from modelvs.engine.reprice.served import Points, Served, merged, route_points, serve
from modelvs.engine.reprice.totals import Totals, summed
from modelvs.usage.record import UsageRecord
from modelvs.usage.tokenizers import StatedRatio

SUGGESTED = 5
ASSUMED = (
    "{rows} bucketed rows on routes with a long-context tier were priced below the tier: their totals"
    " cannot rule out that single requests crossed it."
)
CACHE_RULE = (
    "On other models, cached input stays cached (at their cache-read rate, else their input rate) and"
    " cache writes are billed at their cache-write rate for the same time to live, else their default"
    " write rate, else their input rate."
)
EMPTY = "The log holds no usage rows: there is nothing to price."
BUCKETS = (
    "Rows that hold many requests (a usage report's buckets) are priced on their totals. A long-context"
    " tier is decided where the totals allow it: the context window the log names (Anthropic's"
    " context_window), or prompts that cannot reach the threshold (the bucket's whole input, the"
    " model's window); otherwise the rows are priced below the tier when their average prompt is"
    " below it, and not priced when it is above. Limits are checked on the average request."
)


def reprice(
    catalog: Catalog,
    records: Iterable[UsageRecord],
    *,
    log_format: str,
    alternatives: Sequence[str] = (),
    routes: AltRoutes = AltRoutes.LAB,
    suggest: int = SUGGESTED,
    ratios: Sequence[StatedRatio] = (),
    notes: Iterable[str] = (),
) -> Repricing:
    """Price `records` as they were and on `alternatives` (canonical model ids); without any, on
    the `suggest` models of the quality-per-dollar frontier that run every row."""
    asked = [target(catalog, m, routes) for m in dict.fromkeys(alternatives)]
    wide = merged([route_points(catalog, r) for t in asked for r in t.routes])
    if not asked and suggest:
        wide = merged([wide, suggestion_points(catalog, routes)])
    memo: dict[int, Points] = {}

    def points(served: Served) -> Points:
        found = memo.get(served.key)
        if found is None:
            own = [route_points(catalog, served.route)] if served.route else []
            found = memo[served.key] = merged([*own, wide])
        return found

    grouped = group(records, lambda key, provider, name: serve(catalog, key, provider, name), points)
    groups = grouped.groups
    limits = _limits(catalog, grouped)

    def limit_of(g: Group) -> int | None:
        return limits.get(g.served.key)

    own = bill(catalog, groups, _own_route, limit_of)
    said = set(notes) | own.notes
    if not groups:
        said.add(EMPTY)
        return _result(log_format, grouped, own, [], routes, said)
    last = grouped.days[-1]
    if not asked and suggest:
        exclude = {s.model for s in grouped.served if s.model}
        totals = summed([g.totals for g in groups])
        asked = suggestions(catalog, totals, batch_requests(groups), last, exclude, routes)
        limit = suggest
    else:
        limit = len(asked)
    found_alternatives: list[tuple[Alternative, Bill | None]] = []
    for t in asked:
        if len(found_alternatives) >= limit:
            break
        alternative, priced = _alternative(catalog, groups, t, limit_of, last, own, ratios)
        if alternative.suggested and (alternative.unpriced_rows or not alternative.priced_rows):
            continue  # a suggestion must run every row
        found_alternatives.append((alternative, priced))
    if any(g.bucket for g in groups):
        said.add(BUCKETS)
    if own.assumed.rows:
        said.add(ASSUMED.format(rows=f"{own.assumed.rows:,}"))
    if found_alternatives:
        said.add(CACHE_RULE)
    said.update(s.note for s in grouped.served if s.note)
    return _result(log_format, grouped, own, found_alternatives, routes, said)


def _own_route(g: Group) -> str | Refusal:
    return g.served.route if g.served.route is not None else Refusal(g.served.why or "no route", UNKNOWN)


def _limits(catalog: Catalog, grouped: Grouped) -> dict[int, int]:
    """The prompt limit of the route that served each pair: no request of theirs was larger."""
    found = {}
    for s in grouped.served:
        if s.route is not None:
            limits = route_limits(catalog.models[route_model(s.route)], catalog.routes[s.route])
            limit = limits.max_input or limits.context_window
            if limit is not None:
                found[s.key] = limit
    return found


def _alternative(
    catalog: Catalog,
    groups: list[Group],
    found: Target,
    limit_of: object,
    on: dt.date,
    own: Bill,
    ratios: Sequence[StatedRatio],
) -> tuple[Alternative, Bill | None]:
    chosen = choose(catalog, groups, found, limit_of, on)  # type: ignore[arg-type]
    name = catalog.models[found.model].name
    notes = [found.note] if found.note else []
    if chosen.bill is None or chosen.route is None:
        rows = sum(g.totals.rows for g in groups)
        requests = sum(g.totals.requests for g in groups)
        reason = Reason(f"{name} has no route to price it on", UNKNOWN, rows, requests)
        empty = Alternative(
            found.model,
            name,
            None,
            Decimal(0),
            0,
            rows,
            requests,
            (reason,),
            (),
            tuple(notes),
            (),
            None,
            None,
            found.suggested,
            found.rating,
        )
        return empty, None
    priced = chosen.bill
    reasons, listed, refused = _refusals(groups, priced.decisions)
    notes += sorted(priced.notes)
    if priced.assumed.rows:
        notes.append(ASSUMED.format(rows=f"{priced.assumed.rows:,}"))
    alternative = Alternative(
        model=found.model,
        name=name,
        route=chosen.route,
        total=priced.total,
        priced_rows=priced.priced.rows,
        unpriced_rows=refused.rows,
        unpriced_requests=refused.requests,
        reasons=reasons,
        unpriced=listed,
        notes=tuple(notes),
        lines=_lines(priced),
        versus_log=_versus(groups, own, priced),
        tokenizer=_tokenizer(catalog, found.model, groups, priced, ratios),
        suggested=found.suggested,
        rating=found.rating,
    )
    return alternative, priced


def _versus(groups: list[Group], before: Bill, after: Bill) -> Versus | None:
    """`before` against `after` on the groups both price."""
    rows = requests = 0
    first = second = Decimal(0)
    for g, a, b in zip(groups, before.costs, after.costs, strict=True):
        if a is not None and b is not None:
            rows += g.totals.rows
            requests += g.totals.requests
            first += a
            second += b
    return Versus(rows, requests, first, second) if rows else None


def _tokenizer(
    catalog: Catalog, model: str, groups: list[Group], priced: Bill, ratios: Sequence[StatedRatio]
) -> TokenizerNote | None:
    stated = next((r for r in ratios if r.model == model), None)
    if stated is None:
        return None
    applies = Decimal(0)
    for g, cost in zip(groups, priced.costs, strict=True):
        served = g.served.model
        if cost is not None and served and served != model and served.split("/", 1)[0] == stated.versus_lab:
            applies += cost
    if not applies:
        return None
    rest = priced.total - applies
    return TokenizerNote(stated, applies, rest + applies * stated.low, rest + applies * stated.high)


def _refusals(
    groups: list[Group], decisions: Sequence[Card | Refusal]
) -> tuple[tuple[Reason, ...], tuple[Unpriced, ...], Totals]:
    """Each reason with its counts, the first rows refused by line, and their totals."""
    counts: dict[tuple[str, str], Totals] = defaultdict(Totals)
    lines: list[Unpriced] = []
    refused = Totals()
    for g, d in zip(groups, decisions, strict=True):
        if isinstance(d, Refusal):
            counts[(d.reason, d.kind)].add(g.totals)
            refused.add(g.totals)
            lines.extend(Unpriced(file, line, g.served.name, d.reason) for file, line in g.lines)
    lines.sort(key=lambda u: (u.file or "", u.line))
    reasons = tuple(
        Reason(reason, kind, t.rows, t.requests)
        for (reason, kind), t in sorted(counts.items(), key=lambda item: (-item[1].rows, item[0]))
    )
    return reasons, tuple(lines[:LISTED]), refused


def _lines(priced: Bill) -> tuple[Line, ...]:
    order = ("input", "cache_read", "cache_write", "cache_write_1h", "output", "reasoning", "request")
    return tuple(sorted(priced.lines.values(), key=lambda line: (order.index(line.component), line.rate)))


def _tokens(t: Totals) -> Tokens:
    return Tokens(t.input, t.cached, t.write, t.write_1h, t.output, t.reasoning)


def _result(
    log_format: str,
    grouped: Grouped,
    own: Bill,
    alternatives: list[tuple[Alternative, Bill | None]],
    routes: AltRoutes,
    notes: set[str],
) -> Repricing:
    groups = grouped.groups
    everything = summed([g.totals for g in groups])
    reasons, listed, refused = _refusals(groups, own.decisions)
    return Repricing(
        format=log_format,
        rows=grouped.rows,
        requests=everything.requests,
        priced_rows=own.priced.rows,
        unpriced_rows=refused.rows,
        unpriced=listed,
        reasons=reasons,
        reported_total=everything.reported if everything.reported_rows else None,
        repriced_total=own.total,
        compared=_compared(groups, own),
        tokens=_tokens(everything),
        by_model=_by_model(grouped, own),
        by_day=_by_day(grouped, own, [b for _, b in alternatives]),
        alternatives=tuple(a for a, _ in alternatives),
        routes=routes.value,
        notes=tuple(sorted(notes)),
        first_day=grouped.days[0] if grouped.days else None,
        last_day=grouped.days[-1] if grouped.days else None,
    )


def _compared(groups: Sequence[Group], own: Bill) -> Versus | None:
    """The log's reported cost against the re-priced one, on the groups priced whose every row reports."""
    rows = requests = 0
    reported = repriced = Decimal(0)
    for g, cost in zip(groups, own.costs, strict=True):
        if cost is not None and g.totals.all_reported:
            rows += g.totals.rows
            requests += g.totals.requests
            reported += g.totals.reported
            repriced += cost
    return Versus(rows, requests, reported, repriced) if rows else None


def _by_model(grouped: Grouped, own: Bill) -> tuple[ModelUsage, ...]:
    members: dict[int, list[int]] = defaultdict(list)
    for i, g in enumerate(grouped.groups):
        members[g.served.key].append(i)
    found = []
    for served in grouped.served:
        indexes = members.get(served.key, [])
        groups = [grouped.groups[i] for i in indexes]
        totals = summed([g.totals for g in groups])
        priced = summed([g.totals for g, i in zip(groups, indexes, strict=True) if own.costs[i] is not None])
        lines: dict[tuple[str, Decimal], Line] = {}
        for g, i in zip(groups, indexes, strict=True):
            decision = own.decisions[i]
            if isinstance(decision, Card):
                for line in decision.cost(g.totals)[1]:
                    seen = lines.get((line.component, line.rate))
                    lines[(line.component, line.rate)] = (
                        line
                        if seen is None
                        else Line(line.component, seen.tokens + line.tokens, line.rate, seen.cost + line.cost)
                    )
        sub = Bill(costs=[own.costs[i] for i in indexes], lines=lines)
        found.append(
            ModelUsage(
                name=served.name,
                provider=served.provider_name,
                model=served.model,
                route=served.route,
                rows=totals.rows,
                requests=totals.requests,
                tokens=_tokens(totals),
                reported=totals.reported if totals.reported_rows else None,
                repriced=own.by_served.get(served.key, Decimal(0)),
                priced_rows=priced.rows,
                unpriced_rows=totals.rows - priced.rows,
                lines=_lines(sub),
                compared=_compared(groups, sub),
            )
        )
    return tuple(found)


def _by_day(grouped: Grouped, own: Bill, alternatives: list[Bill | None]) -> tuple[DayCost, ...]:
    reported: dict[dt.date, Totals] = defaultdict(Totals)
    for g in grouped.groups:
        reported[g.day].add(g.totals)
    zero = Decimal(0)
    return tuple(
        DayCost(
            day,
            reported[day].reported if reported[day].reported_rows else None,
            own.by_day.get(day, zero),
            tuple((b.by_day.get(day, zero) if b is not None else zero) for b in alternatives),
        )
        for day in grouped.days
    )
