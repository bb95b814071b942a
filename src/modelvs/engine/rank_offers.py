"""The routes a ranking reads, per model: an `RankableRoute` per usable route, with its standard plan as a
flat `Row` of floats that most estimates read without a call, and which offers can never win.

Built once per catalog, needs and day (`eligible`), shared by every workload ranked after.
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from typing import TYPE_CHECKING

from modelvs.catalog import Catalog
from modelvs.catalog.trust import route_tie
from modelvs.engine.estimate import fees_signature
from modelvs.engine.monthly import RouteSet, kept, memoised, seller
from modelvs.engine.needs import Needs, meets
from modelvs.engine.plans import Plan, plan_for
from modelvs.schema.vocab import PriceMode

if TYPE_CHECKING:
    from modelvs.schema import ProviderFee


class RankableRoute:
    """One usable route as the ranking reads it: tie-rule key, fees, plans by mode, and its `Row`."""

    __slots__ = ("fees", "fees_key", "other", "route", "row", "row_keys", "standard", "tie")

    def __init__(self, catalog: Catalog, route_id: str, on: dt.date, keys: dict[object, int]) -> None:
        sold = seller(catalog, route_id, on)
        self.route = route_id
        self.tie = route_tie(sold.trust, sold.provider, route_id)
        """`RouteCost.sort_key` after the cost."""
        self.fees: tuple[ProviderFee, ...] = sold.fees
        self.fees_key = fees_signature(sold.fees)
        self.standard = plan_for(catalog, route_id, PriceMode.STANDARD, on)
        self.other: dict[PriceMode, Plan] = {}
        self.row = _row(self.standard, sold.fees)
        base = self.standard.base
        self.row_keys: tuple[int, ...] = ()
        """What a request the row prices is billed from, fees included, as numbers shared by every
        offer billed alike (`keys`): by `PlanRates.bills`' index."""
        if self.row is not None and base is not None:
            self.row_keys = tuple(keys.setdefault((bill, self.fees_key), len(keys)) for bill in base.bills)

    def rows(self, prompt: int) -> bool:
        """Whether the row prices a standard request of `prompt` tokens (no tier applies)."""
        return self.row is not None and prompt < self.row[0]

    def plan(self, catalog: Catalog, mode: PriceMode, on: dt.date) -> Plan:
        if mode is PriceMode.STANDARD:
            return self.standard
        found = self.other.get(mode)
        if found is None:
            found = self.other[mode] = plan_for(catalog, self.route, mode, on)
        return found


Row = tuple[float, float, float, float, tuple[float, float, float, float, float, float, float]]
"""The standard plan and the fees as floats, for one standard request without cache writes: the
prompt from which a tier applies (such prompts take the general path); the most prompt, answer
and cached tokens the route prices (its limits and gaps: none fit a route without a standard
price); then the four rates of `PlanRates.floats`, the per-request fee, and the fee's share of
spend and its minimum."""
NO_PRICE: Row = (math.inf, -1, -1, -1, (0, 0, 0, 0, 0, 0, 0))


def _row(plan: Plan, fees: tuple[ProviderFee, ...]) -> Row | None:
    """`plan` as a `Row`, or None when it takes the general path (`request_estimate`)."""
    base = plan.base
    if base is None:
        return NO_PRICE
    if not plan.estimable or base.input is None or base.output is None or len(fees) > 1:
        return None
    tier_from = min((at if inclusive else at + 1 for at, inclusive, _ in plan.tiers), default=math.inf)
    prompt_limit = math.inf if plan.input_limit is None else plan.input_limit
    gaps = plan.gaps
    if gaps.tier_above is not None:  # a longer prompt needs the lab's long-context price
        prompt_limit = min(prompt_limit, gaps.tier_above - 1 if gaps.tier_inclusive else gaps.tier_above)
    fee = fees[0] if fees else None
    return (
        tier_from,
        prompt_limit,
        math.inf if plan.max_output is None else plan.max_output,
        0 if gaps.cache_read else math.inf,
        (
            *base.floats,
            float(plan.per_request or 0),
            float(fee.percent) / 100 if fee else 0.0,
            float(fee.minimum_usd or 0) if fee else 0.0,
        ),
    )


Eligible = tuple[tuple[str, tuple[RankableRoute, ...], tuple[RankableRoute, ...]], ...]
"""(model id, its usable offers, those of them that can win a simple request), in catalog order."""


def eligible(catalog: Catalog, needs: Needs, on: dt.date) -> Eligible:
    """Models meeting `needs` with their usable routes, and the routes of each that can be the
    cheapest for one standard request without cache writes (memoised per needs and day)."""

    def make() -> Eligible:
        # One pair: an offer's `row_keys` are numbers of the `keys` it was made with.
        offers, keys = kept(catalog, ("offers", on), _day)
        found = []
        for model_id, route_ids in catalog.routes_by_model.items():
            if model_id not in catalog.models or not meets(catalog, model_id, needs, on):
                continue
            usable = []
            for rid in route_ids:
                if needs.routes is RouteSet.ALL or seller(catalog, rid, on).vetted:
                    offer = offers.get(rid)
                    if offer is None:
                        offer = offers[rid] = RankableRoute(catalog, rid, on, keys)
                    usable.append(offer)
            if usable:
                simple = [
                    o for o in usable if o.row is not NO_PRICE and not any(_covers(c, o) for c in usable)
                ]
                found.append((model_id, tuple(usable), tuple(simple)))
        return tuple(found)

    return memoised(catalog, ("eligible", needs, on), make)


def _day() -> tuple[dict[str, RankableRoute], dict[object, int]]:
    return {}, {}


def _covers(a: RankableRoute, b: RankableRoute) -> bool:
    """Whether `a` prices every request `b`'s row prices, never dearer (exactly: limits, rates and
    fees compared as Decimals), and wins equal costs by the tie rule: then `b` never wins one."""
    row_a, row_b = a.row, b.row
    if row_a is None or row_b is None or row_a is NO_PRICE or a.tie >= b.tie:
        return False
    if (
        row_a[0] != math.inf
        or row_b[0] != math.inf
        or any(x < y for x, y in zip(row_a[1:4], row_b[1:4], strict=True))
    ):
        return False  # a tier (its rates are not the row's), or a tighter limit
    base_a, base_b = a.standard.base, b.standard.base
    assert base_a is not None
    assert base_b is not None
    rates = ("input_or_zero", "cache_read_or_input", "output_or_zero", "reasoning_or_output")
    if any(getattr(base_a, r) > getattr(base_b, r) for r in rates):
        return False
    if (a.standard.per_request or 0) > (b.standard.per_request or 0):
        return False
    (share_a, least_a), (share_b, least_b) = _fee(a.fees), _fee(b.fees)
    return share_a <= share_b and least_a <= least_b  # the fee grows with spend, share and minimum


def _fee(fees: tuple[ProviderFee, ...]) -> tuple[Decimal, Decimal]:
    """A row's one fee (or none) as (percent, minimum)."""
    return (fees[0].percent, fees[0].minimum_usd or Decimal(0)) if fees else (Decimal(0), Decimal(0))
