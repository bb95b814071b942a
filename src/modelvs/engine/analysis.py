"""What changes the answer: blended prices, the break-even input:output ratio, and how a
model's monthly cost moves with caching, batch traffic and long prompts. Pure and exact (Decimal).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from modelvs.catalog import Catalog
from modelvs.engine.monthly import model_costs, route_cost
from modelvs.engine.workload import Workload

CACHE_SHARES = (Decimal(0), Decimal("0.25"), Decimal("0.5"), Decimal("0.75"), Decimal("0.9"))
"""Shares of input tokens served from the prompt cache that `sensitivity` prices."""
BATCH_SHARES = (Decimal(0), Decimal("0.5"), Decimal(1))
"""Shares of requests sent in batch mode that `sensitivity` prices."""
LONG_PROMPT = 300_000
"""Prompt tokens of the long-prompt scenario: past the common 200k tier, over 128k windows."""

Side = Literal["a", "b"]


def blended_price(input_rate: Decimal, output_rate: Decimal, input_share: Decimal) -> Decimal:
    """Price per 1M tokens when `input_share` of the tokens are input: p*input + (1-p)*output."""
    if not 0 <= input_share <= 1:
        raise ValueError("input share must be between 0 and 1")
    return input_share * input_rate + (1 - input_share) * output_rate


@dataclass(frozen=True)
class BreakEven:
    """The input:output token ratio at which two models cost the same, and who wins either side."""

    ratio: Decimal
    """Input tokens per output token at which both cost the same (exact when the quotient
    terminates, else to the Decimal context's 28 significant digits)."""
    cheaper_above: Side
    """The model that is cheaper when requests carry more input than `ratio` (the lower input rate)."""
    cheaper_below: Side
    """The model that is cheaper when requests carry less input than `ratio`."""


def break_even(a_in: Decimal, a_out: Decimal, b_in: Decimal, b_out: Decimal) -> BreakEven | None:
    """Where r*a_in + a_out == r*b_in + b_out for some r > 0; None when one model is never dearer."""
    if a_in == b_in:
        return None  # the costs differ by a constant (or never): no crossing
    ratio = (b_out - a_out) / (a_in - b_in)
    if ratio <= 0:
        return None
    # More input per output token weighs the input rate: the lower input rate wins above the ratio.
    above: Side = "a" if a_in < b_in else "b"
    return BreakEven(ratio, above, "b" if above == "a" else "a")


def break_even_ratio(a_in: Decimal, a_out: Decimal, b_in: Decimal, b_out: Decimal) -> Decimal | None:
    """The input:output ratio r > 0 at which both models cost the same, if there is one."""
    found = break_even(a_in, a_out, b_in, b_out)
    return found.ratio if found is not None else None


def cheaper_at(a_in: Decimal, a_out: Decimal, b_in: Decimal, b_out: Decimal, ratio: Decimal) -> Side | None:
    """Which model costs less at `ratio` input tokens per output token; None on a tie."""
    a = ratio * a_in + a_out
    b = ratio * b_in + b_out
    if a == b:
        return None
    return "a" if a < b else "b"


@dataclass(frozen=True)
class Scenario:
    """One what-if: the workload changed one way, priced on the model's cheapest route for it."""

    label: str
    workload: Workload
    monthly: Decimal | None
    """Monthly cost, provider fees included; None when no route can serve the workload."""
    route: str | None
    """The route the cost is on (the cheapest, by the tie rule), or None."""
    impossible: str | None = None
    """Why no route can serve it."""
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Sensitivity:
    """How one model's monthly cost moves with cache share, batch share and long prompts."""

    model: str
    base: Scenario
    cache: tuple[tuple[Decimal, Scenario], ...]
    """(share of input tokens read from cache, scenario), for each of `CACHE_SHARES`."""
    batch: tuple[tuple[Decimal, Scenario], ...]
    """(share of requests in batch mode, scenario), for each of `BATCH_SHARES`."""
    long_prompt: Scenario
    """Every request's prompt grown to `LONG_PROMPT` tokens, uncached, with the same answers."""


def with_cache_share(workload: Workload, share: Decimal) -> Workload:
    """The workload with `share` of every profile's input read from cache, in place of its own
    cached tokens (rounded half up to whole tokens)."""
    profiles = tuple(
        replace(p, cached_tokens=int((p.input_tokens * share).to_integral_value(ROUND_HALF_UP)))
        for p in workload.profiles
    )
    return replace(workload, profiles=profiles)


def with_batch_share(workload: Workload, share: Decimal) -> Workload:
    """The workload with `share` of its requests sent in batch mode."""
    return replace(workload, batch_share=share)


def with_long_prompts(workload: Workload, prompt_tokens: int = LONG_PROMPT) -> Workload:
    """The workload with every prompt `prompt_tokens` long and uncached; answers unchanged."""
    profiles = tuple(replace(p, input_tokens=prompt_tokens, cached_tokens=0) for p in workload.profiles)
    return replace(workload, profiles=profiles)


def scenario(
    catalog: Catalog, model_id: str, label: str, workload: Workload, on: dt.date, route: str | None = None
) -> Scenario:
    """`workload` priced on `route`, else on the model's cheapest route; or why it cannot run."""
    if route is not None:
        cost = route_cost(catalog, route, workload, on)
        return Scenario(label, workload, cost.monthly, route, cost.why, cost.notes)
    costs = model_costs(catalog, model_id, workload, on)  # cheapest first, by the tie rule
    if costs and costs[0].monthly is not None:
        best = costs[0]
        return Scenario(label, workload, best.monthly, best.route, notes=best.notes)
    # None can serve it; impossible routes sort first-party first: its reason is the one to show.
    none = (
        "no vetted route sells this model"
        if catalog.routes_by_model.get(model_id)
        else "no route sells this model"
    )
    reason = costs[0].why if costs else none
    return Scenario(label, workload, None, None, impossible=reason)


def sensitivity(
    catalog: Catalog, model_id: str, workload: Workload, on: dt.date, route: str | None = None
) -> Sensitivity:
    """The monthly cost of `workload` as cache, batch and prompts vary.

    Each scenario is priced on the model's cheapest route for it (which may change from row to
    row), or on `route` throughout when one is given.
    """

    def row(label: str, changed: Workload) -> Scenario:
        return scenario(catalog, model_id, label, changed, on, route)

    cache = tuple(
        (s, row(f"{_percent(s)} of input from cache", with_cache_share(workload, s))) for s in CACHE_SHARES
    )
    batch = tuple(
        (s, row(f"{_percent(s)} of requests in batch", with_batch_share(workload, s))) for s in BATCH_SHARES
    )
    long_prompt = row(f"{LONG_PROMPT:,}-token prompts", with_long_prompts(workload))
    return Sensitivity(model_id, row("as given", workload), cache, batch, long_prompt)


def _percent(share: Decimal) -> str:
    return f"{(share * 100).normalize():f}%"
