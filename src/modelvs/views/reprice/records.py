"""A re-priced usage log as JSON: the records the CLI prints, the API answers and `/openapi.json`
documents. Money is exact decimal text; strings from the log are data (each renderer escapes them).
"""

from __future__ import annotations

from decimal import Decimal

from typing_extensions import TypedDict

from modelvs.engine.pricing import Line
from modelvs.engine.reprice import Alternative, Reason, Repricing, Tokens, Unpriced, Versus
from modelvs.formatting import exact
from modelvs.views.records import record

VIEW_VERSION = "1"


@record
class RepriceTokens(TypedDict):
    input: int
    """Whole prompts: uncached input, cache reads and cache writes."""
    cached_input: int
    cache_write: int
    """Written to the cache with the default time to live (5 minutes on Anthropic)."""
    cache_write_1h: int
    output: int
    reasoning: int
    """Billed on top of output."""


@record
class RepriceLine(TypedDict):
    component: str
    """input (uncached), cache_read, cache_write, cache_write_1h, output, reasoning or request."""
    tokens: int
    """Tokens (requests, for `request`)."""
    rate: str
    """USD per 1M tokens (per request, for `request`)."""
    cost: str


@record
class RepriceUnpriced(TypedDict):
    file: str | None
    """The file, when several were read."""
    line: int
    model: str
    """The model as the log names it."""
    reason: str


@record
class RepriceReason(TypedDict):
    reason: str
    kind: str
    """impossible (the route cannot serve it), unknown (no price, name or route) or undecided (a tier
    that totals cannot decide)."""
    rows: int
    requests: int


@record
class RepriceDifference(TypedDict):
    """Two costs of the same rows."""

    rows: int
    requests: int
    before: str
    """The log's reported cost (or the log re-priced, for an alternative)."""
    after: str
    """The log re-priced (or the alternative)."""
    difference: str
    """after - before."""


@record
class RepriceModel(TypedDict):
    """One model of the log, as a provider and model name pair, priced as it was."""

    model: str | None
    """Canonical model id, when the log's name resolves."""
    name: str
    """The model as the log names it."""
    provider: str | None
    """The provider as the log names it."""
    route: str | None
    """The route billed."""
    rows: int
    requests: int
    tokens: RepriceTokens
    reported: str | None
    """What the log reports for these rows, where it reports a cost."""
    repriced: str
    """What its priced rows cost at the prices of their days."""
    priced_rows: int
    unpriced_rows: int
    lines: list[RepriceLine]
    difference: RepriceDifference | None
    """Reported against re-priced, on the priced rows that report a cost."""


@record
class RepriceDay(TypedDict):
    day: str
    reported: str | None
    repriced: str
    alternatives: list[str]
    """Each alternative's cost that day, in the order of `alternatives`."""


@record
class RepriceMeasured(TypedDict):
    text: str
    url: str
    checked: str


@record
class RepriceTokenizer(TypedDict):
    """A lab's statement that this model counts the same text as more (or fewer) tokens."""

    low: str
    high: str
    versus: str
    statement: str
    source: str
    checked: str
    measured: list[RepriceMeasured]
    applies_to: str
    """This alternative's cost of the rows from the models the statement is made against."""
    low_total: str
    high_total: str
    """The total with those rows' tokens scaled by `low` and `high`: a range, not a conversion."""


@record
class RepriceAlternative(TypedDict):
    """The same usage on another model."""

    model: str
    """Canonical model id."""
    name: str
    route: str | None
    total: str
    """What the rows it can run cost there."""
    priced_rows: int
    unpriced_rows: int
    """Rows it cannot run or price (each reason in `reasons`)."""
    unpriced_requests: int
    reasons: list[RepriceReason]
    unpriced: list[RepriceUnpriced]
    notes: list[str]
    lines: list[RepriceLine]
    versus_log: RepriceDifference | None
    """The log re-priced against this model, on the rows both price."""
    tokenizer: RepriceTokenizer | None
    suggested: bool
    """Suggested from the quality-per-dollar frontier rather than asked for."""
    rating: str | None
    """The Arena rating that put a suggestion on the frontier."""


@record
class RepriceView(TypedDict):
    """A usage log priced as it was, at the prices of each row's day, and on other models."""

    version: str
    format: str
    """The log's format (otel, openai-usage, anthropic-usage, openrouter-activity, litellm-spend,
    ccusage, usage-csv, columns)."""
    first_day: str | None
    last_day: str | None
    rows: int
    """Records read."""
    requests: int
    priced_rows: int
    unpriced_rows: int
    unpriced: list[RepriceUnpriced]
    """The first rows that could not be priced, by line (all are counted in `unpriced_rows`)."""
    unpriced_reasons: list[RepriceReason]
    reported_total: str | None
    """What the log reports, where it reports costs."""
    repriced_total: str
    """The priced rows on the models and providers the log names."""
    difference: RepriceDifference | None
    """Reported against re-priced, on the priced rows that report a cost."""
    tokens: RepriceTokens
    by_model: list[RepriceModel]
    by_day: list[RepriceDay]
    alternatives: list[RepriceAlternative]
    routes: str
    """lab (each alternative on its lab's API) or vetted (its cheapest vetted route)."""
    notes: list[str]


def reprice_view(result: Repricing) -> RepriceView:
    """The JSON record of a re-priced log."""
    return RepriceView(
        version=VIEW_VERSION,
        format=result.format,
        first_day=result.first_day.isoformat() if result.first_day else None,
        last_day=result.last_day.isoformat() if result.last_day else None,
        rows=result.rows,
        requests=result.requests,
        priced_rows=result.priced_rows,
        unpriced_rows=result.unpriced_rows,
        unpriced=[_unpriced(u) for u in result.unpriced],
        unpriced_reasons=[_reason(r) for r in result.reasons],
        reported_total=_money(result.reported_total),
        repriced_total=exact(result.repriced_total),
        difference=_difference(result.compared),
        tokens=_tokens(result.tokens),
        by_model=[
            RepriceModel(
                model=m.model,
                name=m.name,
                provider=m.provider,
                route=m.route,
                rows=m.rows,
                requests=m.requests,
                tokens=_tokens(m.tokens),
                reported=_money(m.reported),
                repriced=exact(m.repriced),
                priced_rows=m.priced_rows,
                unpriced_rows=m.unpriced_rows,
                lines=[_line(x) for x in m.lines],
                difference=_difference(m.compared),
            )
            for m in result.by_model
        ],
        by_day=[
            RepriceDay(
                day=d.day.isoformat(),
                reported=_money(d.reported),
                repriced=exact(d.repriced),
                alternatives=[exact(a) for a in d.alternatives],
            )
            for d in result.by_day
        ],
        alternatives=[_alternative(a) for a in result.alternatives],
        routes=result.routes,
        notes=list(result.notes),
    )


def _alternative(a: Alternative) -> RepriceAlternative:
    t = a.tokenizer
    return RepriceAlternative(
        model=a.model,
        name=a.name,
        route=a.route,
        total=exact(a.total),
        priced_rows=a.priced_rows,
        unpriced_rows=a.unpriced_rows,
        unpriced_requests=a.unpriced_requests,
        reasons=[_reason(r) for r in a.reasons],
        unpriced=[_unpriced(u) for u in a.unpriced],
        notes=list(a.notes),
        lines=[_line(x) for x in a.lines],
        versus_log=_difference(a.versus_log),
        tokenizer=None
        if t is None
        else RepriceTokenizer(
            low=exact(t.ratio.low),
            high=exact(t.ratio.high),
            versus=t.ratio.versus,
            statement=t.ratio.statement,
            source=t.ratio.url,
            checked=t.ratio.checked.isoformat(),
            measured=[RepriceMeasured(text=w, url=u, checked=c.isoformat()) for w, u, c in t.ratio.measured],
            applies_to=exact(t.applies_to),
            low_total=exact(t.low_total),
            high_total=exact(t.high_total),
        ),
        suggested=a.suggested,
        rating=exact(a.rating) if a.rating is not None else None,
    )


def _money(value: Decimal | None) -> str | None:
    return exact(value) if value is not None else None


def _tokens(t: Tokens) -> RepriceTokens:
    return RepriceTokens(
        input=t.input,
        cached_input=t.cached_input,
        cache_write=t.cache_write,
        cache_write_1h=t.cache_write_1h,
        output=t.output,
        reasoning=t.reasoning,
    )


def _line(line: Line) -> RepriceLine:
    return RepriceLine(
        component=line.component, tokens=line.tokens, rate=exact(line.rate), cost=exact(line.cost)
    )


def _unpriced(u: Unpriced) -> RepriceUnpriced:
    return RepriceUnpriced(file=u.file, line=u.line, model=u.model, reason=u.reason)


def _reason(r: Reason) -> RepriceReason:
    return RepriceReason(reason=r.reason, kind=r.kind, rows=r.rows, requests=r.requests)


def _difference(v: Versus | None) -> RepriceDifference | None:
    if v is None:
        return None
    return RepriceDifference(
        rows=v.rows,
        requests=v.requests,
        before=exact(v.before),
        after=exact(v.after),
        difference=exact(v.difference),
    )
