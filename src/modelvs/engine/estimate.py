"""Float estimates of what a month costs on a route: to find, fast, the few routes and models whose
order only exact pricing can decide. Never shown: every figure a reader sees is exact (`pricing`).

Every rate, token count, request count and fee percent is non-negative, so each float operation
adds at most one rounding (2**-52 relative) to a sum of non-negative terms, and the estimate of a
month lies within `relative_error` of the exact total. Whether a route can price a request at all
is decided exactly, with the same integer tests as `pricing.request_total`.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from modelvs.engine.plans import Plan, cache_write_rate
from modelvs.engine.pricing import billed_rates
from modelvs.engine.workload import Request

if TYPE_CHECKING:
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
    rates = billed_rates(plan, request)
    if rates is None:
        return None
    input_rate, cache_rate, output_rate, reasoning_rate = rates.floats
    cached = request.cached_tokens
    written = request.cache_write_tokens
    total = (request.input_tokens - cached - written) * input_rate + cached * cache_rate
    total += request.output_tokens * output_rate + request.reasoning_tokens * reasoning_rate
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
    rates = billed_rates(plan, request)
    assert rates is not None
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
