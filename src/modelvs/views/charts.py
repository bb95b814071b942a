"""Charts as numbers: cost per request against prompt length (tier cliffs and context limits
marked), monthly cost by route at the workload, the blended price against the input share with its
break-even, quality per dollar, and the calculator's ranking. Every figure is one the engine
computed (`Comparison.curves`, the facts, the value map, the ranking): nothing is priced here; only
the SVG renderer turns figures into coordinates.
"""

from __future__ import annotations

import weakref
from collections import Counter
from collections.abc import Callable, Mapping
from decimal import Decimal

from modelvs.catalog import Catalog
from modelvs.catalog.derived import derived
from modelvs.catalog.layout import route_qualifier
from modelvs.engine.compare import Comparison, Figure
from modelvs.engine.compare.curves import BlendCurve, PromptCurve
from modelvs.engine.quality import FRONTIER_RULE, OVERALL, Rating, arena_credit, plus_minus, ratings
from modelvs.engine.value import ValueMap
from modelvs.formatting import count, io_ratio, money, percent, usd
from modelvs.views.blocks import Axis, Cell, Chart, Mark, Point, Row, Series, Table

ROUTES_PER_MODEL = 5
"""Routes per model the route chart draws (3 when more than four models are compared)."""
FRONTIER_SERIES = "The frontier: no model is as cheap and rated higher"


_KEPT = 256
"""Line charts kept by the curve they draw; past it the memo starts again."""
_by_curve: dict[tuple[object, ...], tuple[weakref.ref[object], Chart | None]] = {}


def _once(curve: object, key: tuple[object, ...], make: Callable[[], Chart | None]) -> Chart | None:
    """`make()`, the same chart while `curve` lives and `key` (the rest of what it prints) is the
    same: the engine shares a curve between the workloads that draw it (a new request count), and
    an unchanged chart object is drawn once."""
    full = (id(curve), *key)
    kept = _by_curve.get(full)
    if kept is not None and kept[0]() is curve:
        return kept[1]
    chart = make()
    if len(_by_curve) >= _KEPT:
        _by_curve.clear()
    _by_curve[full] = (weakref.ref(curve), chart)
    return chart


def prompt_chart(c: Comparison) -> Chart | None:
    """Cost of one request as its prompt grows, each model on its headline route, standard mode:
    the engine's `PromptCurve`."""
    curve = c.curves.prompt
    if curve is None:
        return None
    every = c.names
    names = {m: every[m] for m in curve.models}  # every model it names has a line
    return _once(curve, tuple(names.values()), lambda: _prompt_chart(curve, names))


def _prompt_chart(curve: PromptCurve, names: Mapping[str, str]) -> Chart | None:
    series, marks = [], []
    for mid, values in zip(curve.models, curve.costs, strict=True):
        points = tuple(
            Point(Decimal(x), v, f"{names[mid]}: {money(v)} for {count(x)} prompt tokens")
            for x, v in zip(curve.prompts, values, strict=True)
            if v is not None
        )
        if points:
            series.append(Series(names[mid], points))
    if not series:
        return None
    for cliff in curve.cliffs:
        word = "from" if cliff.inclusive else "over"
        marks.append(
            Mark(
                Decimal(cliff.threshold),
                f"{names[cliff.model]}: tier {word} {count(cliff.threshold)}",
                "cliff",
            )
        )
    for limit in curve.limits:
        marks.append(
            Mark(Decimal(limit.tokens), f"{names[limit.model]}: context limit {count(limit.tokens)}", "limit")
        )
    marks.append(Mark(Decimal(curve.your_prompt), f"your prompt: {count(curve.your_prompt)}", "you"))
    high = max(p.y for s in series for p in s.points)
    shown = sorted({curve.your_prompt, *(int(m.x) for m in marks if m.kind != "you"), curve.top})
    at = {x: i for i, x in enumerate(curve.prompts)}
    rows = tuple(
        Row(
            Cell(count(x)),
            tuple(
                Cell(money(v) if (v := costs[at[x]]) is not None else "cannot run") for costs in curve.costs
            ),
        )
        for x in shown
    )
    table = Table(
        "chart-prompt-table",
        "Cost of one request by prompt length",
        ("Prompt tokens", *(names[m] for m in curve.models)),
        rows,
    )
    out = count(curve.output_tokens) + (
        f" output and {count(curve.reasoning_tokens)} reasoning" if curve.reasoning_tokens else " output"
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
        Axis("Prompt tokens", "tokens", Decimal(curve.top)),
        Axis("USD per request", "usd", high),
        tuple(series),
        tuple(marks),
        table,
    )


def route_chart(c: Comparison) -> Chart | None:
    """Monthly cost at the workload on each model's cheapest routes, one bar per route; two routes
    of one provider are told apart by their qualifier (`@fast`)."""
    names = c.names
    routes = c.facts.routes
    per_model = ROUTES_PER_MODEL if len(routes.models) <= 4 else 3
    bars = []
    for mid, providers, ids, monthly in zip(
        routes.models, routes.providers, routes.route_ids, routes.monthly, strict=True
    ):
        priced = [(p, r, m) for p, r, m in zip(providers, ids, monthly, strict=True) if m is not None]
        seen = Counter(p for p, _, _ in priced[:per_model])
        for provider, rid, m in priced[:per_model]:
            qualifier = route_qualifier(rid)
            label = f"{provider} @{qualifier}" if seen[provider] > 1 and qualifier else provider
            bars.append((names[mid], label, m))
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
    caption = (
        f"At your traffic, fees included; each model's {per_model} cheapest priced routes of the routes"
        " this comparison uses."
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


def blend_chart(c: Comparison) -> Chart | None:
    """Price per 1M tokens against the input share, one line per model, break-evens marked: the
    engine's `BlendCurve`."""
    curve = c.curves.blend
    if curve is None:
        return None
    every = c.names
    names = {x.model: every[x.model] for x in curve.lines}
    you = c.facts.workload.input_share
    providers = tuple(_provider(c, x.model) for x in curve.lines)
    # The share as written: 0.8 and 0.80 are equal but print differently.
    key = (*names.values(), str(you.value), you.text, *providers)
    return _once(curve, key, lambda: _blend_chart(curve, names, you, providers))


def _blend_chart(
    curve: BlendCurve, names: Mapping[str, str], you: Figure, providers: tuple[str, ...]
) -> Chart | None:
    series = tuple(
        Series(
            names[line.model],
            tuple(
                Point(s, price, f"{names[line.model]}: {usd(price)} at {percent(s)} input")
                for s, price in zip(curve.shares, line.prices, strict=True)
            ),
        )
        for line in curve.lines
    )
    marks = [
        Mark(
            b.share,
            f"break-even {io_ratio(b.share / (1 - b.share))} ({percent(b.share)} input)",
            "break-even",
            b.price,
        )
        for b in curve.break_even
        if b.share < 1
    ]
    marks.append(Mark(you.value, f"your traffic: {you.text} input", "you"))
    on = "; ".join(f"{names[x.model]} on {p}" for x, p in zip(curve.lines, providers, strict=True))
    caption = f"Standard rates on {curve.basis_label} ({on})."
    rows = tuple(
        Row(Cell(percent(s)), tuple(Cell(usd(line.prices[i])) for line in curve.lines))
        for i, s in enumerate(curve.shares)
    )
    table = Table(
        "chart-blend-table",
        "Price per 1M tokens by input share",
        ("Input share", *(names[x.model] for x in curve.lines)),
        rows,
    )
    return Chart(
        "chart-blend",
        "line",
        "Price per 1M tokens against input share",
        caption,
        Axis("Share of tokens that are input", "percent", Decimal(1)),
        Axis("USD per 1M tokens, blended", "usd", max(max(x.input_rate, x.output_rate) for x in curve.lines)),
        series,
        tuple(marks),
        table,
    )


def _provider(c: Comparison, model: str) -> str:
    return next((m.provider or "" for m in c.facts.monthly.costs if m.model == model), "")


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


def _rated_names(catalog: Catalog, category: str) -> Mapping[str, tuple[str, Rating]]:
    """Each rated model's `Name: 1,501 ± 3.8`, with the rating it shows, once per catalog: the
    part of a value chart's label no workload changes."""

    def make() -> Mapping[str, tuple[str, Rating]]:
        return {
            m: (f"{catalog.models[m].name}: {plus_minus(r)}", r)
            for m, r in ratings(catalog, category).items()
            if m in catalog.models
        }

    return derived(catalog, "value-chart-labels", category, make, persist=False)


def value_chart(
    catalog: Catalog, value: ValueMap, names: Mapping[str, str] | None = None, cid: str = "chart-value"
) -> Chart | None:
    """Arena rating against monthly cost at the workload: every rated current model as a dot, the
    frontier joined, the `highlighted` models marked. None unless two models have a price above $0."""
    shown = [p for p in value.points if p.monthly > 0]  # a log axis has no place for $0
    if len(shown) < 2:
        return None
    known = names or {}
    rated = _rated_names(catalog, value.category)

    def name(model: str) -> str:
        return known.get(model) or catalog.models[model].name

    edge, marked = set(value.frontier), set(value.highlighted)
    # One pass over some 160 dots, each priced anew (its cost and money text) on its kept label head.
    dots: list[Point] = []
    line: list[Point] = []
    drawn: dict[str, Point] = {}
    for p in shown:
        model = p.model
        head = rated.get(model) if model not in known else None
        if head is None or p.rating is not head[1]:
            head = (f"{name(model)}: {plus_minus(p.rating)}", p.rating)
        point = Point(p.monthly, p.rating.score, f"{head[0]} at {money(p.monthly)} a month")
        (line if model in edge else dots).append(point)
        if model in marked:
            drawn[model] = point
    series = (
        Series("Other rated models", tuple(dots), style="dots"),
        Series(FRONTIER_SERIES, tuple(line), style="line"),
        *(
            Series(name(m), (drawn[m],), lead=m in edge, style="marked")
            for m in value.highlighted
            if m in drawn
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
            max(costs := [p.monthly for p in shown]),
            low=min(costs),
            scale="log",
        ),
        Axis(
            f"Arena rating ({category})",
            "score",
            max([p.rating.high for p in shown]),
            low=min([p.rating.low for p in shown]),
        ),
        series,
        (),
        table,
    )
