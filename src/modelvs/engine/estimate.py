"""Float estimates of what a month costs on a route: to find, fast, the few routes and models whose
order only exact pricing can decide. Never shown: every figure a reader sees is exact (`pricing`).

Every rate, token count, request count and fee percent is non-negative, so each float operation
adds at most one rounding (2**-52 relative) to a sum of non-negative terms, and the estimate of a
month lies within `relative_error` of the exact total. Whether a route can price a request at all
is decided exactly, with the same integer tests as `pricing.request_total`.
"""

from __future__ import annotations

from decimal import Decimal

from modelvs.engine.plans import Plan, cache_write_rate
from modelvs.engine.pricing import gap_for
from modelvs.engine.workload import Request
from modelvs.schema import ProviderFee

_ROUNDING = 2.0**-52
_OPS_PER_REQUEST = 16
"""Float operations one request's estimate takes, at most, with its share of the month's sum."""
_OPS_PER_MONTH = 12
"""Operations of the fees, and slack for the conversions of the inputs."""


def relative_error(requests: int) -> float:
    """A bound (generous) on |estimate - exact| / exact for a month of `requests` priced requests."""
    return 2 * (_OPS_PER_MONTH + _OPS_PER_REQUEST * requests) * _ROUNDING


def request_estimate(plan: Plan, request: Request) -> float | None:
    """`request_total`'s value as a float: None exactly when it is None."""
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
    input_rate, cache_rate, output_rate, reasoning_rate = rates.floats
    cached = request.cached_tokens
    written = request.cache_write_tokens
    total = (prompt - cached - written) * input_rate + cached * cache_rate
    total += output_tokens * output_rate + reasoning_tokens * reasoning_rate
    if written:
        assert plan.schedule is not None
        write_rate = cache_write_rate(rates.tier, plan.schedule, request.cache_ttl)
        total += written * (input_rate if write_rate is None else float(write_rate))
    total /= 1_000_000
    if plan.per_request:
        total += float(plan.per_request)
    return total


def bill_signature(plan: Plan, request: Request) -> object:
    """What `request_total` of a request the plan can price is computed from: for the same request,
    equal signatures mean equal totals (rates compared by value: 2.5 and 2.50 are one rate)."""
    rates = plan.base
    assert rates is not None
    for at, inclusive, tier in plan.tiers:
        if request.input_tokens > at or (inclusive and request.input_tokens == at):
            rates = tier
    bill = rates.bills[2 * (request.cached_tokens > 0) + (request.reasoning_tokens > 0)]
    if not request.cache_write_tokens:
        return bill
    assert plan.schedule is not None
    written = cache_write_rate(rates.tier, plan.schedule, request.cache_ttl)
    return (bill, rates.input_or_zero if written is None else written)


def with_fees(spend: float, fees: tuple[ProviderFee, ...]) -> float:
    """A month's estimate with the provider's fees, as `monthly` charges them on exact spend."""
    month = spend
    for fee in fees:
        amount = spend * float(fee.percent) / 100
        if fee.minimum_usd is not None and spend > 0:
            amount = max(amount, float(fee.minimum_usd))
        month += amount
    return month


def fees_signature(fees: tuple[ProviderFee, ...]) -> tuple[tuple[Decimal, Decimal | None], ...]:
    """What the fees of a month are computed from: equal signatures, equal fees on equal spend."""
    return tuple((f.percent, f.minimum_usd) for f in fees)
