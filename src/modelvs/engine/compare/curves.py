"""The figures a comparison's charts draw, priced here once: the cost of one request as its prompt
grows (tier cliffs and context limits included) and the blended price per 1M tokens against the
input share. Views only turn them into shapes; they never price a request again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from modelvs.catalog import Catalog
from modelvs.engine.analysis import blended_price
from modelvs.engine.monthly import per_shape
from modelvs.engine.pricing import request_total
from modelvs.engine.workload import Profile, Request, Workload
from modelvs.schema.vocab import ThresholdComparison

from .facts import Facts
from .offers import standard_schedule
from .rates import BreakEvenFact

PROMPT_STEPS = 16
"""Evenly spaced prompt lengths the prompt curve prices, besides each cliff and limit."""
SHARES = tuple(Decimal(i) / 10 for i in range(11))
"""Input shares the blend curve prices: 0% to 100% in 10% steps."""


@dataclass(frozen=True)
class Cliff:
    """A price tier of a model's headline route: from `threshold` prompt tokens (`inclusive`) or over it."""

    model: str
    threshold: int
    inclusive: bool


@dataclass(frozen=True)
class Limit:
    """A model's context window, where a prompt curve ends."""

    model: str
    tokens: int


@dataclass(frozen=True)
class PromptCurve:
    """One request's cost against its prompt length, each model on its headline route at standard
    rates, with the workload's output and reasoning tokens and no cached input."""

    models: tuple[str, ...]
    """Models with a headline route, in comparison order."""
    routes: tuple[str, ...]
    prompts: tuple[int, ...]
    """Prompt lengths priced, ascending: even steps to `top`, both sides of each cliff, each limit."""
    costs: tuple[tuple[Decimal | None, ...], ...]
    """Per model, one cost per prompt length; None where the prompt is over its context window."""
    cliffs: tuple[Cliff, ...]
    limits: tuple[Limit, ...]
    """The context windows that end before `top`."""
    top: int
    your_prompt: int
    output_tokens: int
    reasoning_tokens: int


@dataclass(frozen=True)
class BlendLine:
    model: str
    route: str
    input_rate: Decimal
    output_rate: Decimal
    prices: tuple[Decimal, ...]
    """The blended price per 1M tokens at each of `BlendCurve.shares`."""


@dataclass(frozen=True)
class BreakEvenPoint:
    share: Decimal
    """The input share at which two lines cross."""
    price: Decimal
    """The blended price per 1M tokens there."""


@dataclass(frozen=True)
class BlendCurve:
    """Price per 1M tokens against the input share, at the standard rates of each headline route."""

    basis_label: str
    """Whose rates: `the labs' own APIs` or `the headline routes`, as the break-even facts say."""
    shares: tuple[Decimal, ...]
    lines: tuple[BlendLine, ...]
    break_even: tuple[BreakEvenPoint, ...]
    """Where two of the lines cross (each break-even of the facts)."""


@dataclass(frozen=True)
class Curves:
    prompt: PromptCurve | None
    blend: BlendCurve | None


def _headline(f: Facts) -> list[tuple[str, str]]:
    return [(m.model, m.route) for m in f.monthly.costs if m.route is not None]


def _limits(f: Facts, routes: list[tuple[str, str]]) -> dict[str, int]:
    """The context window of each model with a headline route."""
    charted = dict(routes)
    window = f.context_window
    return {
        mid: int(v.value)
        for mid, v in zip(window.models, window.values, strict=True)
        if v is not None and mid in charted
    }


def prompt_curve(
    catalog: Catalog, routes: list[tuple[str, str]], limits: dict[str, int], profile: Profile, on: dt.date
) -> PromptCurve | None:
    """`routes`: (model, headline route) each; `limits`: their context windows."""
    if not routes:
        return None
    cliffs = []
    for mid, route in routes:
        schedule = standard_schedule(catalog, route, on)
        for t in schedule.tiers if schedule is not None else ():
            cliffs.append(Cliff(mid, t.threshold, t.comparison is ThresholdComparison.GE))
    top = max([*limits.values(), *(c.threshold * 2 for c in cliffs), 200_000])
    xs = {top * i // PROMPT_STEPS for i in range(PROMPT_STEPS + 1)} | {profile.input_tokens}
    for c in cliffs:
        xs |= {c.threshold - 1, c.threshold} if c.inclusive else {c.threshold, c.threshold + 1}
    xs |= set(limits.values())
    prompts = tuple(sorted(x for x in xs if 0 <= x <= top))
    costs = tuple(
        tuple(
            request_total(
                catalog,
                route,
                Request(x, profile.output_tokens, reasoning_tokens=profile.reasoning_tokens),
                on,
            )
            for x in prompts
        )
        for _, route in routes
    )
    return PromptCurve(
        tuple(m for m, _ in routes),
        tuple(r for _, r in routes),
        prompts,
        costs,
        tuple(cliffs),
        tuple(Limit(m, v) for m, v in limits.items() if v < top),
        top,
        profile.input_tokens,
        profile.output_tokens,
        profile.reasoning_tokens,
    )


def blend_curve(
    catalog: Catalog, routes: list[tuple[str, str]], break_even: tuple[BreakEvenFact, ...], on: dt.date
) -> BlendCurve | None:
    labels = {b.basis_label for b in break_even}
    label = labels.pop() if len(labels) == 1 else "the headline routes"
    lines = []
    for mid, route in routes:
        schedule = standard_schedule(catalog, route, on)
        if schedule is None or schedule.input is None or schedule.output is None:
            continue
        i, o = schedule.input, schedule.output
        lines.append(BlendLine(mid, route, i, o, tuple(blended_price(i, o, s) for s in SHARES)))
    if not lines:
        return None
    rates = {x.model: x for x in lines}
    marks = []
    for b in break_even:
        if b.basis_label != label or b.ratio is None or b.models[0] not in rates:
            continue
        share = b.ratio.value / (1 + b.ratio.value)
        line = rates[b.models[0]]
        marks.append(BreakEvenPoint(share, blended_price(line.input_rate, line.output_rate, share)))
    return BlendCurve(label, SHARES, tuple(lines), tuple(marks))


def curves(catalog: Catalog, f: Facts, workload: Workload, on: dt.date) -> Curves:
    """Both curves; the same object for every workload that draws the same ones: a new request
    count moves neither, so the views draw an unchanged `Curves` once."""
    routes = _headline(f)
    limits = _limits(f, routes)
    p = workload.profiles[0]
    # Ratios as written: 0.8 and 0.80 are equal but need not price or print the same.
    crossings = tuple(
        (b.models, b.basis_label, None if b.ratio is None else str(b.ratio.value)) for b in f.break_even
    )
    key = (
        "curves",
        tuple(routes),
        tuple(limits.items()),
        (p.input_tokens, p.output_tokens, p.reasoning_tokens),
        crossings,
        on,
    )
    return per_shape(
        catalog,
        key,
        lambda: Curves(
            prompt_curve(catalog, routes, limits, p, on), blend_curve(catalog, routes, f.break_even, on)
        ),
    )
