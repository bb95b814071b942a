"""The comparison's charts as numbers: cost per request against prompt length (tier cliffs and
context limits marked), monthly cost by route at the workload, and the blended price against the
input share with its break-even. Figures are exact Decimals from the engine; only the SVG
renderer turns them into coordinates.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal

from modelvs.catalog import Catalog
from modelvs.engine.analysis import blended_price
from modelvs.engine.compare import Comparison
from modelvs.engine.compare.offers import standard_schedule
from modelvs.engine.pricing import request_total
from modelvs.engine.quality import FRONTIER_RULE, OVERALL, arena_credit, plus_minus
from modelvs.engine.value import ValueMap, ValuePoint
from modelvs.engine.workload import Request, Workload
from modelvs.formatting import count, io_ratio, money, percent, usd
from modelvs.schema.vocab import ThresholdComparison as Threshold
from modelvs.views.blocks import Axis, Cell, Chart, Mark, Point, Row, Series, Table

PROMPT_STEPS = 16
"""Evenly spaced prompt lengths the prompt chart prices, besides each cliff and limit."""
SHARES = tuple(Decimal(i) / 10 for i in range(11))
"""Input shares the blend chart prices: 0% to 100% in 10% steps."""
ROUTES_PER_MODEL = 5
"""Routes per model the route chart draws (3 when more than four models are compared)."""
FRONTIER_SERIES = "The frontier: no model is as cheap and rated higher"


def _headline(c: Comparison) -> list[tuple[str, str]]:
    """(model id, route id) of each model that has a headline route."""
    return [(m.model, m.route) for m in c.facts.monthly.costs if m.route is not None]


def _cliffs(catalog: Catalog, route: str, on: dt.date) -> list[tuple[int, Threshold]]:
    schedule = standard_schedule(catalog, route, on)
    return [(t.threshold, t.comparison) for t in schedule.tiers] if schedule is not None else []


def prompt_chart(catalog: Catalog, c: Comparison, workload: Workload, on: dt.date) -> Chart | None:
    """Cost of one request as its prompt grows, each model on its headline route, standard mode."""
    names = c.names
    routes = _headline(c)
    if not routes:
        return None
    profile = workload.profiles[0]
    charted = dict(routes)
    window = c.facts.context_window
    limits = {
        mid: int(v.value)
        for mid, v in zip(window.models, window.values, strict=True)
        if v is not None and mid in charted
    }
    cliffs = {mid: _cliffs(catalog, route, on) for mid, route in routes}
    top = max([*limits.values(), *(t * 2 for cs in cliffs.values() for t, _ in cs), 200_000])
    xs = {top * i // PROMPT_STEPS for i in range(PROMPT_STEPS + 1)} | {profile.input_tokens}
    for found in cliffs.values():
        for t, cmp in found:
            xs |= {t, t + 1} if cmp is Threshold.GT else {t - 1, t}
    xs |= set(limits.values())
    prompts = sorted(x for x in xs if 0 <= x <= top)

    def cost(route: str, prompt: int) -> Decimal | None:
        request = Request(prompt, profile.output_tokens, reasoning_tokens=profile.reasoning_tokens)
        return request_total(catalog, route, request, on)

    series, marks, priced = [], [], {}
    for mid, route in routes:
        values = {x: cost(route, x) for x in prompts}
        priced[mid] = values
        points = tuple(
            Point(Decimal(x), v, f"{names[mid]}: {money(v)} for {count(x)} prompt tokens")
            for x, v in values.items()
            if v is not None
        )
        if points:
            series.append(Series(names[mid], points))
        for t, cmp in cliffs[mid]:
            word = "over" if cmp is Threshold.GT else "from"
            marks.append(Mark(Decimal(t), f"{names[mid]}: tier {word} {count(t)}", "cliff"))
        if mid in limits and limits[mid] < top:
            marks.append(
                Mark(Decimal(limits[mid]), f"{names[mid]}: context limit {count(limits[mid])}", "limit")
            )
    if not series:
        return None
    marks.append(Mark(Decimal(profile.input_tokens), f"your prompt: {count(profile.input_tokens)}", "you"))
    high = max(p.y for s in series for p in s.points)
    shown = sorted({profile.input_tokens, *(int(m.x) for m in marks if m.kind != "you"), top})
    rows = tuple(
        Row(
            Cell(count(x)),
            tuple(Cell(money(v) if (v := priced[mid][x]) is not None else "cannot run") for mid, _ in routes),
        )
        for x in shown
    )
    table = Table(
        "chart-prompt-table",
        "Cost of one request by prompt length",
        ("Prompt tokens", *(names[m] for m, _ in routes)),
        rows,
    )
    out = count(profile.output_tokens) + (
        f" output and {count(profile.reasoning_tokens)} reasoning" if profile.reasoning_tokens else " output"
    )
    caption = (
        f"One request with {out} tokens and no cached input, at standard rates on each model's headline"
        " route; a line ends at the model's context limit, and a price tier bills the whole request at"
        " its rates once the prompt crosses it."
    )
    return Chart(
        "chart-prompt",
        "line",
        "Cost per request against prompt length",
        caption,
        Axis("Prompt tokens", "tokens", Decimal(top)),
        Axis("USD per request", "usd", high),
        tuple(series),
        tuple(marks),
        table,
    )


def route_chart(c: Comparison) -> Chart | None:
    """Monthly cost at the workload on each model's cheapest routes, one bar per route."""
    names = c.names
    routes = c.facts.routes
    per_model = ROUTES_PER_MODEL if len(routes.models) <= 4 else 3
    bars = []
    for mid, providers, monthly in zip(routes.models, routes.providers, routes.monthly, strict=True):
        priced = [(p, m) for p, m in zip(providers, monthly, strict=True) if m is not None]
        bars += [(names[mid], p, m) for p, m in priced[:per_model]]
    if not bars:
        return None
    low = min(m.value for _, _, m in bars)
    series = tuple(
        Series(
            f"{name} on {provider}",
            (Point(Decimal(i), m.value, f"{m.text} a month"),),
            lead=m.value == low,
        )
        for i, (name, provider, m) in enumerate(bars)
    )
    rows = tuple(
        Row(Cell(name), (Cell(provider), Cell(m.text, lead=m.value == low))) for name, provider, m in bars
    )
    table = Table("chart-routes-table", "Monthly cost by route", ("Model", "Route", "Monthly cost"), rows)
    traffic = c.facts.workload.text
    caption = (
        f"{traffic[0].upper()}{traffic[1:]}, fees included; each model's {per_model} cheapest"
        " priced routes of the routes this comparison uses."
    )
    return Chart(
        "chart-routes",
        "bars",
        "Monthly cost by route at your traffic",
        caption,
        Axis("Route", "tokens", Decimal(len(bars))),
        Axis("USD a month", "usd", max(m.value for _, _, m in bars)),
        series,
        (),
        table,
    )


def _blend_basis(c: Comparison) -> tuple[str, dict[str, str]]:
    """Whose rates the blend chart reads, as the facts do: each model's headline route (the labs'
    own APIs where they sell the models). (basis label, model id -> route id)"""
    labels = {b.basis_label for b in c.facts.break_even}
    return (labels.pop() if len(labels) == 1 else "the headline routes"), dict(_headline(c))


def blend_chart(catalog: Catalog, c: Comparison, on: dt.date) -> Chart | None:
    """Price per 1M tokens against the input share, one line per model, break-evens marked."""
    names = c.names
    label, routes = _blend_basis(c)
    rated = {}
    for mid, route in routes.items():
        schedule = standard_schedule(catalog, route, on)
        if schedule is not None and schedule.input is not None and schedule.output is not None:
            rated[mid] = (schedule.input, schedule.output)
    if not rated:
        return None
    series = tuple(
        Series(
            names[m],
            tuple(
                Point(
                    s,
                    blended_price(i, o, s),
                    f"{names[m]}: {usd(blended_price(i, o, s))} at {percent(s)} input",
                )
                for s in SHARES
            ),
        )
        for m, (i, o) in rated.items()
    )
    marks, notes = [], []
    for b in c.facts.break_even:
        if b.basis_label != label or b.ratio is None or b.models[0] not in rated:
            continue
        share = b.ratio.value / (1 + b.ratio.value)
        i, o = rated[b.models[0]]
        marks.append(
            Mark(
                share,
                f"break-even {b.ratio.text} ({percent(share)} input)",
                "break-even",
                blended_price(i, o, share),
            )
        )
        pair = " and ".join(names[m] for m in b.models)
        ratio = io_ratio(b.ratio.value)
        notes.append(f"{pair} cost the same per token at {ratio} input:output ({percent(share)} input).")
    you = c.facts.workload.input_share
    marks.append(Mark(you.value, f"your traffic: {you.text} input", "you"))
    providers = "; ".join(
        f"{names[m]} on {catalog.providers[routes[m].split(':', 1)[0]].name}" for m in rated
    )
    caption = " ".join([f"Standard rates on {label} ({providers}).", *notes])
    rows = tuple(
        Row(Cell(percent(s)), tuple(Cell(usd(blended_price(i, o, s))) for i, o in rated.values()))
        for s in SHARES
    )
    table = Table(
        "chart-blend-table",
        "Price per 1M tokens by input share",
        ("Input share", *(names[m] for m in rated)),
        rows,
    )
    return Chart(
        "chart-blend",
        "line",
        "Price per 1M tokens against input share",
        caption,
        Axis("Share of tokens that are input", "percent", Decimal(1)),
        Axis("USD per 1M tokens, blended", "usd", max(max(i, o) for i, o in rated.values())),
        series,
        tuple(marks),
        table,
    )


def ranking_chart(ranked: list[tuple[str, str, Decimal]], cid: str = "chart-ranking") -> Chart | None:
    """Monthly cost of the top ranked models, (name, provider, monthly cost) each, one bar each."""
    if not ranked:
        return None
    low = min(m for _, _, m in ranked)
    series = tuple(
        Series(f"{name} on {provider}", (Point(Decimal(i), m, f"{money(m)} a month"),), lead=m == low)
        for i, (name, provider, m) in enumerate(ranked)
    )
    rows = tuple(
        Row(Cell(name), (Cell(provider), Cell(money(m), lead=m == low))) for name, provider, m in ranked
    )
    table = Table(
        f"{cid}-table", "Monthly cost of the cheapest models", ("Model", "Route", "Monthly cost"), rows
    )
    return Chart(
        cid,
        "bars",
        "Monthly cost of the cheapest models",
        "Each model on its cheapest route at your traffic, provider fees included.",
        Axis("Model", "tokens", Decimal(len(ranked))),
        Axis("USD a month", "usd", max(m for _, _, m in ranked)),
        series,
        (),
        table,
    )


def value_chart(
    catalog: Catalog, value: ValueMap, names: Mapping[str, str] | None = None, cid: str = "chart-value"
) -> Chart | None:
    """Arena rating against monthly cost at the workload: every rated current model as a dot, the
    frontier joined, the `highlighted` models marked. None unless two models have a price above $0."""
    shown = [p for p in value.points if p.monthly > 0]  # a log axis has no place for $0
    if len(shown) < 2:
        return None
    known = names or {}

    def name(model: str) -> str:
        return known.get(model) or catalog.models[model].name

    def point(p: ValuePoint) -> Point:
        return Point(
            p.monthly,
            p.rating.score,
            f"{name(p.model)}: {plus_minus(p.rating)} at {money(p.monthly)} a month",
        )

    edge, marked = set(value.frontier), set(value.highlighted)
    series = (
        Series("Other rated models", tuple(point(p) for p in shown if p.model not in edge), style="dots"),
        Series(FRONTIER_SERIES, tuple(point(p) for p in shown if p.model in edge), style="line"),
        *(
            Series(name(p.model), (point(p),), lead=p.model in edge, style="marked")
            for m in value.highlighted
            for p in shown
            if p.model == m
        ),
    )
    listed = [p for p in value.points if p.model in edge or p.model in marked]
    rows = tuple(
        Row(
            Cell(name(p.model), lead=p.model in marked),
            (
                Cell(plus_minus(p.rating)),
                Cell(money(p.monthly)),
                Cell("yes" if p.model in edge else "no"),
            ),
        )
        for p in listed
    )
    category = "overall" if value.category == OVERALL else value.category
    table = Table(
        f"{cid}-table",
        "Quality per dollar: the frontier and the models compared",
        ("Model", f"Arena rating ({category})", "Monthly cost", "On the frontier"),
        rows,
    )
    return Chart(
        cid,
        "scatter",
        "Quality per dollar at your traffic",
        f"Each current text model with an Arena rating ({category}) at what your traffic costs a month on"
        f" its cheapest vetted route ({len(shown):,} models). {FRONTIER_RULE} Free models are left off the"
        " log scale." + (f" Ratings credited to {credit}." if (credit := arena_credit(catalog)) else ""),
        Axis(
            "USD a month at your traffic (log scale)",
            "usd",
            max(p.monthly for p in shown),
            low=min(p.monthly for p in shown),
            scale="log",
        ),
        Axis(
            f"Arena rating ({category})",
            "score",
            max(p.rating.high for p in shown),
            low=min(p.rating.low for p in shown),
        ),
        series,
        (),
        table,
    )


def comparison_charts(catalog: Catalog, c: Comparison, workload: Workload, on: dt.date) -> tuple[Chart, ...]:
    charts = (
        prompt_chart(catalog, c, workload, on),
        route_chart(c),
        blend_chart(catalog, c, on),
        value_chart(catalog, c.value, c.names),
    )
    return tuple(x for x in charts if x is not None)
