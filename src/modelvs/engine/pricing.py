"""Price of one request, and of a month of traffic, on one route. Pure and exact (Decimal).

Semantics (see DESIGN.md):
- Cliff tiers: the tier is chosen by the request's whole prompt (uncached + cache read +
  cache write) with the tier's own comparison; every component then bills at the tier's
  rate, and components the tier does not list keep the base rate.
- Cached tokens are part of the input: they bill at the cache-read rate, the rest at the
  input rate. A route with no cache-read (or cache-write) rate bills them at the input rate.
- Reasoning tokens bill at the reasoning rate where one exists, else the output rate.
- A prompt over the context window (or input limit), or an answer over the output limit,
  is not priced: the result says it is impossible and why.
- Completeness (`catalog.trust`): a request that needs a price component the route lacks and
  the lab's own route has (a long-context tier, cache read or write, batch) is not priced
  either: its cost is unknown, never a discount. `complete=False` prices the schedule as it is.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from modelvs.catalog import Catalog
from modelvs.catalog.trust import Gaps
from modelvs.engine.plans import (
    Limits,
    Plan,
    PlanRates,
    cache_write_rate,
    plan_for,
    route_limits,
    schedule_for,
)
from modelvs.engine.workload import Request
from modelvs.schema.vocab import PriceMode

MILLION = Decimal(1_000_000)
ZERO = Decimal(0)
__all__ = [
    "Limits",
    "Line",
    "RequestPrice",
    "billed_rates",
    "gap_for",
    "plan_total",
    "price_request",
    "request_total",
    "route_limits",
    "schedule_for",
]


@dataclass(frozen=True)
class Line:
    """One billed component: tokens x rate per 1M."""

    component: str
    tokens: int
    rate: Decimal
    cost: Decimal


@dataclass(frozen=True)
class RequestPrice:
    """The price of one request on one route, or why it cannot be priced."""

    route: str
    mode: PriceMode
    """The mode actually billed (standard when the route has no price for the asked mode)."""
    total: Decimal | None
    lines: tuple[Line, ...] = ()
    tier_threshold: int | None = None
    """The threshold of the tier billed, when the request crossed one."""
    impossible: str | None = None
    notes: tuple[str, ...] = ()
    incomplete: str | None = None
    """Why the cost is unknown: the request needs a price component this route does not publish."""

    @property
    def possible(self) -> bool:
        return self.impossible is None

    @property
    def why(self) -> str | None:
        """Why there is no total (a limit, no price, or missing data), if there is none."""
        return self.impossible or self.incomplete


def price_request(
    catalog: Catalog, route_id: str, request: Request, on: dt.date, *, complete: bool = True
) -> RequestPrice:
    """The price of `request` on route `route_id` with the prices in effect on `on`.

    With `complete` (the default), a request that needs a component the route lacks and the
    lab's route has is not priced (`incomplete` says why).
    """
    plan = plan_for(catalog, route_id, request.mode, on)
    # The limits are compared here first, and explained only when crossed: most requests fit.
    answer = request.output_tokens + request.reasoning_tokens
    if (plan.input_limit is not None and request.input_tokens > plan.input_limit) or (
        plan.limits.max_output is not None and answer > plan.limits.max_output
    ):
        return RequestPrice(route_id, request.mode, None, impossible=_over_limits(request, plan.limits))
    if plan.base is None:
        return RequestPrice(route_id, plan.mode, None, impossible=f"no price in effect on {on.isoformat()}")
    if complete:
        missing = gap_for(plan.gaps, request, plan.mode)
        if missing is not None:
            return RequestPrice(route_id, plan.mode, None, notes=plan.notes, incomplete=missing)
    return _bill(route_id, plan, request)


def gap_for(gaps: Gaps, request: Request, billed: PriceMode) -> str | None:
    """Why `gaps` leave this request's cost unknown, or None when the route prices all it needs."""
    if not gaps:
        return None
    lab = "the lab's own API prices it"
    prompt = request.input_tokens
    if gaps.tier_above is not None and (
        prompt > gaps.tier_above or (gaps.tier_inclusive and prompt == gaps.tier_above)
    ):
        return f"no long-context price published for prompts {gaps.tier_text} ({lab} higher)"
    if gaps.cache_read and request.cached_tokens:
        return f"no cache-read price published ({lab})"
    if gaps.cache_write and request.cache_write_tokens:
        return f"no cache-write price published ({lab})"
    if gaps.batch and request.mode is PriceMode.BATCH and billed is not PriceMode.BATCH:
        return f"no batch price published ({lab})"
    return None


def request_total(catalog: Catalog, route_id: str, request: Request, on: dt.date) -> Decimal | None:
    """`price_request(...).total` without the itemised lines: the same Decimal, several times faster."""
    return plan_total(plan_for(catalog, route_id, request.mode, on), request)


def billed_rates(plan: Plan, request: Request) -> PlanRates | None:
    """The rates `request` bills at on `plan` (the last tier its prompt crosses), or None when the
    plan cannot price it: over a limit, missing a component the lab prices, or with no price."""
    prompt = request.input_tokens
    output_tokens = request.output_tokens
    reasoning_tokens = request.reasoning_tokens
    rates = plan.base
    if (
        rates is None
        or (plan.input_limit is not None and prompt > plan.input_limit)
        or (plan.max_output is not None and output_tokens + reasoning_tokens > plan.max_output)
        or (plan.has_gaps and gap_for(plan.gaps, request, plan.mode) is not None)
    ):
        return None
    for at, inclusive, tier in plan.tiers:
        if prompt > at or (inclusive and prompt == at):
            rates = tier
    if (rates.input is None and prompt) or (rates.output is None and (output_tokens or reasoning_tokens)):
        return None
    return rates


def plan_total(plan: Plan, request: Request) -> Decimal | None:
    """`request_total` of a request asked in the mode the plan was made for."""
    rates = billed_rates(plan, request)
    if rates is None:
        return None
    prompt = request.input_tokens
    output_tokens = request.output_tokens
    reasoning_tokens = request.reasoning_tokens
    # The same operations, in the same order, as `_bill`'s lines: the Decimal (exponent included)
    # is identical.
    cached = request.cached_tokens
    written = request.cache_write_tokens
    total = ZERO + (prompt - cached - written) * rates.input_or_zero / MILLION
    if cached:
        total += cached * rates.cache_read_or_input / MILLION
    if written:
        assert plan.schedule is not None
        write_rate = cache_write_rate(rates.tier, plan.schedule, request.cache_ttl)
        total += written * (rates.input_or_zero if write_rate is None else write_rate) / MILLION
    total += output_tokens * rates.output_or_zero / MILLION
    if reasoning_tokens:
        total += reasoning_tokens * rates.reasoning_or_output / MILLION
    per_request = plan.per_request
    if per_request:
        total += per_request
    return total


def _over_limits(request: Request, limits: Limits) -> str | None:
    input_limit = limits.max_input or limits.context_window
    if input_limit is not None and request.prompt_tokens > input_limit:
        return f"a prompt of {request.prompt_tokens:,} tokens is over the {input_limit:,}-token limit"
    answer = request.output_tokens + request.reasoning_tokens
    if limits.max_output is not None and answer > limits.max_output:
        return f"an answer of {answer:,} tokens is over the {limits.max_output:,}-token output limit"
    return None


def _bill(route_id: str, plan: Plan, request: Request) -> RequestPrice:
    prompt = request.input_tokens
    rates = plan.base
    assert rates is not None  # price_request returns before billing a route with no schedule
    threshold = None
    for at, inclusive, tier in plan.tiers:  # the last tier the prompt crosses
        if prompt > at or (inclusive and prompt == at):
            rates, threshold = tier, at
    mode = plan.mode
    input_rate = rates.input
    output_rate = rates.output
    output_tokens = request.output_tokens
    reasoning_tokens = request.reasoning_tokens
    # An unpriced component only blocks a request that uses it: embedding routes price input alone.
    if (input_rate is None and prompt) or (output_rate is None and (output_tokens or reasoning_tokens)):
        return RequestPrice(
            route_id, mode, None, impossible="the route publishes no input or output token price"
        )
    input_rate = ZERO if input_rate is None else input_rate
    output_rate = ZERO if output_rate is None else output_rate
    notes = list(plan.notes)
    cached = request.cached_tokens
    written = request.cache_write_tokens
    uncached = prompt - cached - written
    lines = [Line("input", uncached, input_rate, uncached * input_rate / MILLION)]
    if cached:
        cache_rate = rates.cache_read
        if cache_rate is None:
            notes.append("no cache-read price: cached tokens billed at the input rate")
            cache_rate = input_rate
        lines.append(Line("cache_read", cached, cache_rate, cached * cache_rate / MILLION))
    if written:
        assert plan.schedule is not None
        write_rate = cache_write_rate(rates.tier, plan.schedule, request.cache_ttl)
        if write_rate is None:
            notes.append("no cache-write price: written tokens billed at the input rate")
            write_rate = input_rate
        lines.append(Line("cache_write", written, write_rate, written * write_rate / MILLION))
    lines.append(Line("output", output_tokens, output_rate, output_tokens * output_rate / MILLION))
    if reasoning_tokens:
        reasoning_rate = rates.reasoning
        if reasoning_rate is None:  # not `or`: a published rate of 0 is a price
            reasoning_rate = output_rate
        lines.append(
            Line("reasoning", reasoning_tokens, reasoning_rate, reasoning_tokens * reasoning_rate / MILLION)
        )
    per_request = plan.per_request
    if per_request:
        lines.append(Line("request", 1, per_request * MILLION, per_request))
    total = ZERO
    for line in lines:
        total += line.cost
    return RequestPrice(route_id, mode, total, tuple(lines), threshold, notes=tuple(notes))
