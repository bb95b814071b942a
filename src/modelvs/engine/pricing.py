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
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from modelvs.catalog import Catalog
from modelvs.engine.workload import Request
from modelvs.schema import Model, PriceSchedule, PriceTier, Route
from modelvs.schema.vocab import Comparison, PriceMode, Unit

MILLION = Decimal(1_000_000)


@dataclass(frozen=True)
class Line:
    """One billed component: tokens x rate per 1M."""

    component: str
    tokens: int
    rate: Decimal
    cost: Decimal


@dataclass(frozen=True)
class Limits:
    """The limits a route serves: its own where it states them, else the model's."""

    context_window: int | None
    max_input: int | None
    max_output: int | None


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

    @property
    def possible(self) -> bool:
        return self.impossible is None


def route_limits(model: Model, route: Route) -> Limits:
    return Limits(
        context_window=route.context_window or model.context_window,
        max_input=route.max_input or model.max_input,
        max_output=route.max_output or model.max_output,
    )


def schedule_for(route: Route, mode: PriceMode, on: dt.date) -> PriceSchedule | None:
    """The schedule in effect on `on` for `mode`, if the route has one."""
    for schedule in route.prices:
        if schedule.mode is mode and schedule.applies_on(on):
            return schedule
    return None


def tier_for(schedule: PriceSchedule, prompt_tokens: int) -> PriceTier | None:
    """The highest tier whose threshold the prompt crosses, by that tier's comparison."""
    crossed = None
    for tier in schedule.tiers:
        over = (
            prompt_tokens > tier.threshold
            if tier.comparison is Comparison.GT
            else prompt_tokens >= tier.threshold
        )
        if over:
            crossed = tier
    return crossed


def price_request(catalog: Catalog, route_id: str, request: Request, on: dt.date) -> RequestPrice:
    """The price of `request` on route `route_id` with the prices in effect on `on`."""
    route = catalog.routes[route_id]
    model = catalog.models[route_id.split(":", 1)[1]]
    limits = route_limits(model, route)
    impossible = _over_limits(request, limits)
    if impossible is not None:
        return RequestPrice(route_id, request.mode, None, impossible=impossible)
    notes: list[str] = []
    mode = request.mode
    schedule = schedule_for(route, mode, on)
    if schedule is None and mode is not PriceMode.STANDARD:
        notes.append(f"no {mode.value} price on this route: billed at the standard rate")
        mode = PriceMode.STANDARD
        schedule = schedule_for(route, mode, on)
    if schedule is None:
        return RequestPrice(route_id, mode, None, impossible=f"no price in effect on {on.isoformat()}")
    return _bill(route_id, mode, schedule, request, notes)


def _over_limits(request: Request, limits: Limits) -> str | None:
    input_limit = limits.max_input or limits.context_window
    if input_limit is not None and request.prompt_tokens > input_limit:
        return f"a prompt of {request.prompt_tokens:,} tokens is over the {input_limit:,}-token limit"
    answer = request.output_tokens + request.reasoning_tokens
    if limits.max_output is not None and answer > limits.max_output:
        return f"an answer of {answer:,} tokens is over the {limits.max_output:,}-token output limit"
    return None


def _bill(
    route_id: str, mode: PriceMode, schedule: PriceSchedule, request: Request, notes: list[str]
) -> RequestPrice:
    tier = tier_for(schedule, request.prompt_tokens)

    def rate(component: str) -> Decimal | None:
        value: Decimal | None = getattr(tier, component, None) if tier is not None else None
        base: Decimal | None = getattr(schedule, component)
        return value if value is not None else base

    input_rate = rate("input")
    output_rate = rate("output")
    if input_rate is None or output_rate is None:
        return RequestPrice(
            route_id, mode, None, impossible="the route publishes no input or output token price"
        )
    lines = [Line("input", request.uncached_tokens, input_rate, _cost(request.uncached_tokens, input_rate))]
    if request.cached_tokens:
        cache_rate = rate("cache_read")
        if cache_rate is None:
            notes.append("no cache-read price: cached tokens billed at the input rate")
            cache_rate = input_rate
        lines.append(
            Line("cache_read", request.cached_tokens, cache_rate, _cost(request.cached_tokens, cache_rate))
        )
    if request.cache_write_tokens:
        write_rate = _cache_write_rate(tier, schedule, request.cache_ttl)
        if write_rate is None:
            notes.append("no cache-write price: written tokens billed at the input rate")
            write_rate = input_rate
        tokens = request.cache_write_tokens
        lines.append(Line("cache_write", tokens, write_rate, _cost(tokens, write_rate)))
    lines.append(
        Line("output", request.output_tokens, output_rate, _cost(request.output_tokens, output_rate))
    )
    if request.reasoning_tokens:
        reasoning_rate = rate("reasoning") or output_rate
        tokens = request.reasoning_tokens
        lines.append(Line("reasoning", tokens, reasoning_rate, _cost(tokens, reasoning_rate)))
    per_request = schedule.per_unit.get(Unit.REQUEST)
    if per_request:
        lines.append(Line("request", 1, per_request * MILLION, per_request))
    total = sum((line.cost for line in lines), Decimal(0))
    threshold = tier.threshold if tier is not None else None
    return RequestPrice(route_id, mode, total, tuple(lines), threshold, notes=tuple(notes))


def _cache_write_rate(tier: PriceTier | None, schedule: PriceSchedule, ttl: str) -> Decimal | None:
    for rates in (tier.cache_write if tier else {}, schedule.cache_write):
        if ttl in rates:
            return rates[ttl]
        if ttl == "default" and rates:
            return next(iter(rates.values()))
    return None


def _cost(tokens: int, rate_per_million: Decimal) -> Decimal:
    return tokens * rate_per_million / MILLION
