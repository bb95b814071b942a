"""What pricing a request on one route, in one asked mode, on one day needs: built once, memoised.

A `Plan` holds the route's limits, the schedule in effect, the rates of its base and of each tier
(exact `Decimal`s, and the same rates as floats for `engine.estimate`) and its gaps
(`catalog.trust`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from modelvs.catalog import Catalog
from modelvs.catalog.layout import route_model
from modelvs.catalog.trust import Gaps, assess
from modelvs.schema.vocab import PriceMode, ThresholdComparison, Unit

if TYPE_CHECKING:
    from modelvs.schema import Model, PriceSchedule, PriceTier, Route

ZERO = Decimal(0)
ESTIMABLE = (Decimal("1e-30"), Decimal("1e30"))
"""The positive rates whose float products stay far from underflow and overflow."""


@dataclass(frozen=True)
class Limits:
    """The limits a route serves: its own where it states them, else the model's."""

    context_window: int | None
    max_input: int | None
    max_output: int | None


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


@dataclass(frozen=True)
class PlanRates:
    """The rates one tier (or the base schedule) bills: the tier's own, else the schedule's."""

    input: Decimal | None
    output: Decimal | None
    cache_read: Decimal | None
    reasoning: Decimal | None
    tier: PriceTier | None
    """The tier these rates come from; None for the base rates."""
    input_or_zero: Decimal
    output_or_zero: Decimal
    cache_read_or_input: Decimal
    """What a cached token bills: the cache-read rate, else the input rate (or 0)."""
    reasoning_or_output: Decimal
    """What a reasoning token bills: the reasoning rate, else the output rate (or 0)."""
    floats: tuple[float, float, float, float]
    """`input_or_zero`, `cache_read_or_input`, `output_or_zero`, `reasoning_or_output` as floats."""
    bills: tuple[tuple[object, ...], ...]
    """What a request without cache writes is billed from, with the schedule's per-request fee: by
    `2 * (cached tokens > 0) + (reasoning tokens > 0)`. Equal keys, equal totals of one request."""


@dataclass(frozen=True)
class Plan:
    """What pricing a request on one route, in one asked mode, on one day needs; built once."""

    limits: Limits
    input_limit: int | None
    """The route's input limit, else its context window: the most prompt tokens it takes."""
    max_output: int | None
    mode: PriceMode
    """The mode billed: the asked one, or standard when the route has no price for it."""
    notes: tuple[str, ...]
    schedule: PriceSchedule | None
    base: PlanRates | None
    """None when no schedule is in effect."""
    tiers: tuple[tuple[int, bool, PlanRates], ...]
    """(threshold, whether a prompt of exactly the threshold is in the tier, rates), in order."""
    per_request: Decimal | None
    gaps: Gaps
    """Components the lab's own route prices and this one lacks (`catalog.trust`)."""
    has_gaps: bool
    """`bool(gaps)`, read on every request."""
    estimable: bool = True
    """Whether every rate is 0 or within `ESTIMABLE` (float estimates hold their error bound)."""


_PlanKey = tuple[str, PriceMode, dt.date]
_plans: tuple[Catalog | None, dict[_PlanKey, Plan]] = (None, {})
"""Plans of the catalog priced last. One catalog is live at a time; a new one starts over, so an
old catalog is not kept alive. Read and replaced as one tuple, so threads pricing two catalogs
at once can only lose plans, never mix them."""
_PLANS_MAX = 200_000
"""Plans kept before the memo starts over: a few per route and day, ample for any catalog."""


def plan_for(catalog: Catalog, route_id: str, mode: PriceMode, on: dt.date) -> Plan:
    """The plan of `route_id` for requests asked in `mode` on `on` (memoised)."""
    # Memoised because the schedule lookup, limits and tier rates took most of a request's
    # pricing time; the catalog and its records are immutable, so a plan never goes stale.
    global _plans
    owner, plans = _plans
    if owner is not catalog or len(plans) >= _PLANS_MAX:
        owner, plans = _plans = (catalog, {})
    key = (route_id, mode, on)
    plan = plans.get(key)
    if plan is None:
        plan = plans[key] = _make_plan(catalog, route_id, mode, on)
    return plan


def _make_plan(catalog: Catalog, route_id: str, mode: PriceMode, on: dt.date) -> Plan:
    route = catalog.routes[route_id]
    limits = route_limits(catalog.models[route_model(route_id)], route)
    notes: tuple[str, ...] = ()
    schedule = schedule_for(route, mode, on)
    if schedule is None and mode is not PriceMode.STANDARD:
        notes = (f"no {mode.value} price on this route: billed at the standard rate",)
        mode = PriceMode.STANDARD
        schedule = schedule_for(route, mode, on)
    input_limit = limits.max_input or limits.context_window
    gaps = assess(catalog, route_id, on).gaps
    if schedule is None:
        return Plan(limits, input_limit, limits.max_output, mode, (), None, None, (), None, gaps, bool(gaps))
    tiers = tuple(
        (t.threshold, t.comparison is ThresholdComparison.GE, _rates(schedule, t)) for t in schedule.tiers
    )
    per_request = schedule.per_unit.get(Unit.REQUEST)
    money = [per_request or ZERO]
    for rates in (schedule, *schedule.tiers):
        money += [r for r in (rates.input, rates.output, rates.cache_read, rates.reasoning) if r is not None]
        money += rates.cache_write.values()
    low, high = ESTIMABLE
    return Plan(
        limits,
        input_limit,
        limits.max_output,
        mode,
        notes,
        schedule,
        _rates(schedule, None),
        tiers,
        per_request,
        gaps,
        bool(gaps),
        estimable=all(m == 0 or low <= m <= high for m in money),
    )


def _rates(schedule: PriceSchedule, tier: PriceTier | None) -> PlanRates:
    def rate(component: str) -> Decimal | None:
        value: Decimal | None = getattr(tier, component, None) if tier is not None else None
        base: Decimal | None = getattr(schedule, component)
        return value if value is not None else base

    input_rate, output_rate = rate("input"), rate("output")
    cache_read, reasoning = rate("cache_read"), rate("reasoning")
    input_or_zero = ZERO if input_rate is None else input_rate
    output_or_zero = ZERO if output_rate is None else output_rate
    cache_read_or_input = input_or_zero if cache_read is None else cache_read
    reasoning_or_output = output_or_zero if reasoning is None else reasoning  # not `or`: 0 is a price
    per_request = schedule.per_unit.get(Unit.REQUEST) or ZERO
    bills = tuple(
        (input_or_zero, output_or_zero, cached, reasoned, per_request)
        for cached in (None, cache_read_or_input)
        for reasoned in (None, reasoning_or_output)
    )
    return PlanRates(
        input_rate,
        output_rate,
        cache_read,
        reasoning,
        tier,
        input_or_zero,
        output_or_zero,
        cache_read_or_input,
        reasoning_or_output,
        (float(input_or_zero), float(cache_read_or_input), float(output_or_zero), float(reasoning_or_output)),
        bills,
    )


def cache_write_rate(tier: PriceTier | None, schedule: PriceSchedule, ttl: str) -> Decimal | None:
    """The rate a token written to the cache with `ttl` bills: the tier's, else the schedule's."""
    for rates in (tier.cache_write if tier else {}, schedule.cache_write):
        if ttl in rates:
            return rates[ttl]
        if ttl == "default" and rates:
            return next(iter(rates.values()))
    return None
