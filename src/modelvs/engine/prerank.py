"""The order of a ranking from float estimates, made exact where estimates are too close to tell.

Every usable route of every eligible model (`rank_offers`) is priced with a float estimate
(`engine.estimate`), most from the route's flat row of rates in one loop;
exact pricing (`Decimal`) decides only what the estimates cannot: a model's routes within the
estimate's error of its cheapest, and runs of models within it of each other. Routes that bill
a request at rates equal in value, with equal fees (`bill_signature`), cost exactly the same, so
their ties go to the tie rule (or the model id) without pricing.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from itertools import pairwise
from operator import itemgetter

from modelvs.catalog import Catalog
from modelvs.engine.estimate import bill_signature, relative_error, request_estimate, with_fees
from modelvs.engine.monthly import month_of, month_requests, per_shape
from modelvs.engine.needs import Needs
from modelvs.engine.pricing import plan_total
from modelvs.engine.rank_offers import RankableRoute, eligible
from modelvs.engine.workload import Request, Workload
from modelvs.schema.vocab import PriceMode

Placed = tuple[str, str]
"""(model id, its cheapest route)."""
_Row = tuple[float, str, RankableRoute, Decimal | None, tuple[Placed, ...]]
"""(estimate, model id, its cheapest offer, the exact monthly cost when ordering priced it, and the
models the row stands for on their routes: itself, or every model of a `_Group`, model id order)."""
_COUNTS = (Decimal("1e-30"), Decimal("1e30"))
"""Requests a month whose floats keep the estimates' error bound (as `plans.ESTIMABLE` for rates)."""
_TOKENS = 10**15


class _Ordering:
    """One ranking's inputs, and the signatures it computed (each offer's at most once)."""

    def __init__(self, catalog: Catalog, workload: Workload, on: dt.date) -> None:
        self.catalog = catalog
        self.workload = workload
        self.on = on
        self.requests = month_requests(workload)
        self.counted = [(float(n), request) for n, request in self.requests]
        self.close = 1 + 4 * relative_error(len(self.counted))
        """Estimates this close (as a ratio) may be of equal exact costs, or in the other order."""
        self._signatures: dict[str, object] = {}
        self._exact: dict[object, Decimal] = {}
        """Exact monthly costs by signature: offers billed alike are priced once."""
        _, request = self.counted[0]
        self.prompt = request.input_tokens
        self.simple = (
            len(self.counted) == 1 and request.mode is PriceMode.STANDARD and not request.cache_write_tokens
        )
        """One standard request without cache writes (every web workload): rows price it."""
        self.row_key = (
            2 * (request.cached_tokens > 0) + (request.reasoning_tokens > 0) if self.simple else None
        )

    def signature(self, offer: RankableRoute) -> object:
        """Equal for two offers that cost exactly the same for this workload (both can price it)."""
        if self.row_key is not None and offer.rows(self.prompt):
            return offer.row_keys[self.row_key]
        found = self._signatures.get(offer.route)
        if found is None:
            bills = tuple(
                bill_signature(offer.plan(self.catalog, r.mode, self.on), r) for _, r in self.counted
            )
            found = self._signatures[offer.route] = (bills, offer.fees_key)
        return found

    def all_alike(self, offers: list[RankableRoute]) -> bool:
        key, prompt = self.row_key, self.prompt
        if key is not None and all(o.row is not None and prompt < o.row[0] for o in offers):
            return len({o.row_keys[key] for o in offers}) == 1  # rows all: `signature` in one pass
        first = self.signature(offers[0])
        return all(self.signature(o) == first for o in offers[1:])

    def exact(self, offer: RankableRoute) -> Decimal:
        """The offer's exact monthly cost (an offer with an estimate can price the workload)."""
        signature = self.signature(offer)
        found = self._exact.get(signature)
        if found is None:
            prices = [plan_total(offer.plan(self.catalog, r.mode, self.on), r) for _, r in self.requests]
            found = month_of(self.requests, prices, offer.fees)
            assert found is not None
            self._exact[signature] = found
        return found


def estimable(workload: Workload) -> bool:
    """Whether float estimates of this workload hold their error bound."""
    low, high = _COUNTS
    return all(
        (n == 0 or low <= n <= high) and max(r.input_tokens, r.output_tokens, r.reasoning_tokens) <= _TOKENS
        for n, r in month_requests(workload)
    )


def cheapest_first(catalog: Catalog, needs: Needs, workload: Workload, on: dt.date) -> list[Placed] | None:
    """Models meeting `needs` that a route can price, by exact cost at `workload` (then model id),
    each on its cheapest route by the tie rule; None when a price or the workload is outside what
    estimates are sure of (`estimable`, `plans.ESTIMABLE`)."""
    if not estimable(workload):
        return None
    ordering = _Ordering(catalog, workload, on)
    counted = ordering.counted
    # One standard request without cache writes (every web workload): simple routes read a row.
    count, request = counted[0]
    simple = ordering.simple
    if simple and count > 0:
        return _by_units(ordering, needs, count, request)
    prompt, cached = request.input_tokens, request.cached_tokens
    uncached, answer = prompt - cached, request.output_tokens + request.reasoning_tokens
    output, reasoning = request.output_tokens, request.reasoning_tokens
    rows: list[_Row] = []
    for model_id, every, can_win in eligible(catalog, needs, on):
        estimates: list[tuple[float, RankableRoute]] = []
        for offer in can_win if simple else every:
            row = offer.row
            if simple and row is not None and prompt < row[0]:
                _, most_prompt, most_answer, most_cached, rates = row
                if prompt <= most_prompt and answer <= most_answer and cached <= most_cached:
                    in_rate, cache_rate, out_rate, think_rate, per_request, fee_share, fee_minimum = rates
                    bill = (
                        uncached * in_rate + cached * cache_rate + output * out_rate + reasoning * think_rate
                    )
                    spend = count * (bill / 1_000_000 + per_request)
                    estimates.append((_with_fee(spend, fee_share, fee_minimum), offer))
                continue
            try:
                estimate = _month_estimate(catalog, offer, counted, on)
            except _UnsureError:
                return None
            if estimate is not None:
                estimates.append((estimate, offer))
        _add_model(ordering, rows, model_id, estimates)
    rows.sort(key=lambda row: (row[0], row[1]))
    return _exact_runs(ordering, rows)


_Weighed = tuple[
    str,
    tuple[tuple[float, RankableRoute], ...],
    tuple[tuple[float, float, float, RankableRoute], ...],
    tuple[RankableRoute, ...],
]
"""A model: its row offers without a fee that can be near its cheapest at any request count, as
(the estimate of one request, offer); its row offers with a fee, as (the same, the fee's share and
minimum, offer); its offers on the general path."""
_Group = tuple[str, RankableRoute, tuple[Placed, ...]]
"""Models whose cheapest offer is one at every request count, each offer billed as the others with
the same floats (so the same estimate and exact cost at any count): the first model, its offer,
and every model on its route, in model id order. One row of a ranking stands for them all."""
_Units = tuple[
    tuple[tuple[float, *_Group], ...],
    tuple[tuple[float, float, float, *_Group], ...],
    tuple[_Weighed, ...],
]
"""The groups of models whose offers have no fee, as (one request's estimate, *group); those whose
offers have one, as (the same, the fee's share and minimum, *group); and the other models."""
_MARGIN = 1 + 1e-12
"""Far above the float rounding of the products compared with `_Ordering.close`."""


def _units(ordering: _Ordering, needs: Needs, request: Request) -> _Units:
    """Each model's offers for one request of `request`'s shape: what `cheapest_first` weighs at
    every request count, since a row's estimate of a month is the count times one request's."""
    prompt, cached = request.input_tokens, request.cached_tokens
    uncached, answer = prompt - cached, request.output_tokens + request.reasoning_tokens
    output, reasoning = request.output_tokens, request.reasoning_tokens
    groups: dict[tuple[float, float, float, object], list[tuple[str, RankableRoute]]] = {}
    weighed = []
    for model_id, _, can_win in eligible(ordering.catalog, needs, ordering.on):
        plain: list[tuple[float, RankableRoute]] = []
        with_fee: list[tuple[float, float, float, RankableRoute]] = []
        general = []
        for offer in can_win:
            row = offer.row
            if row is None or prompt >= row[0]:
                general.append(offer)
                continue
            _, most_prompt, most_answer, most_cached, rates = row
            if prompt <= most_prompt and answer <= most_answer and cached <= most_cached:
                in_rate, cache_rate, out_rate, think_rate, per_request, fee_share, fee_minimum = rates
                bill = uncached * in_rate + cached * cache_rate + output * out_rate + reasoning * think_rate
                one = bill / 1_000_000 + per_request  # as `cheapest_first` computes it, bit for bit
                if fee_share or fee_minimum:
                    with_fee.append((one, fee_share, fee_minimum, offer))
                else:
                    plain.append((one, offer))
        if plain and (least := min(one for one, _ in plain)) >= 0:
            # Products by one count keep the order of their factors: an offer this much dearer than
            # the cheapest is never within `close` of it, whatever the count. Nor is one with a fee
            # that dear before its fee: the fee adds at least its share of the spend.
            bound = least * ordering.close * _MARGIN
            plain = [(one, o) for one, o in plain if one <= bound]
            with_fee = [(one, s, m, o) for one, s, m, o in with_fee if one * (1 + s) <= bound]
        if not general and (alike := _alike(ordering, plain, with_fee)) is not None:
            one, fee_share, fee_minimum, offer = alike
            # Offers billed alike (one signature: the same floats) have one estimate and one exact
            # cost at any count: their models are always in one run, and one row stands for them.
            groups.setdefault((one, fee_share, fee_minimum, ordering.signature(offer)), []).append(
                (model_id, offer)
            )
        elif plain or with_fee or general:
            weighed.append((model_id, tuple(plain), tuple(with_fee), tuple(general)))
    single, single_fee = [], []
    for (one, fee_share, fee_minimum, _), members in groups.items():
        members.sort(key=lambda member: member[0])
        model_id, offer = members[0]
        group = (model_id, offer, tuple((m, o.route) for m, o in members))
        if fee_share or fee_minimum:
            single_fee.append((one, fee_share, fee_minimum, *group))
        else:
            single.append((one, *group))
    return tuple(single), tuple(single_fee), tuple(weighed)


def _alike(
    ordering: _Ordering,
    plain: list[tuple[float, RankableRoute]],
    with_fee: list[tuple[float, float, float, RankableRoute]],
) -> tuple[float, float, float, RankableRoute] | None:
    """The offer `_cheapest` picks at every request count when a model's row offers are one, or
    all have the same floats (so the same estimate at any count) and the same `signature` (so
    the same exact cost): the first by the tie rule. None when they are not."""
    offers = [(one, 0.0, 0.0, o) for one, o in plain] + with_fee
    if not offers:
        return None
    first = offers[0][:3]
    if len(offers) > 1 and not (
        all(o[:3] == first for o in offers) and ordering.all_alike([o for *_, o in offers])
    ):
        return None
    return min(offers, key=lambda o: o[3].tie)


def _by_units(ordering: _Ordering, needs: Needs, count: float, request: Request) -> list[Placed] | None:
    """`cheapest_first` of one standard request `count` (> 0) times a month, from `_units`."""
    key = ("rank units", needs, ordering.on, request, ordering.close)
    single, single_fee, weighed = per_shape(
        ordering.catalog, key, lambda: _units(ordering, needs, request), bulky=True
    )
    rows: list[_Row] = [
        (count * one, model_id, offer, None, models) for one, model_id, offer, models in single
    ]
    for one, fee_share, fee_minimum, model_id, offer, models in single_fee:
        rows.append((_with_fee(count * one, fee_share, fee_minimum), model_id, offer, None, models))
    for model_id, plain, with_fee, general in weighed:
        estimates = [(count * one, offer) for one, offer in plain]
        for one, fee_share, fee_minimum, offer in with_fee:
            estimates.append((_with_fee(count * one, fee_share, fee_minimum), offer))
        for offer in general:
            try:
                estimate = _month_estimate(ordering.catalog, offer, ordering.counted, ordering.on)
            except _UnsureError:
                return None
            if estimate is not None:
                estimates.append((estimate, offer))
        _add_model(ordering, rows, model_id, estimates)
    rows.sort(key=itemgetter(0, 1))
    return _exact_runs(ordering, rows)


def _with_fee(spend: float, share: float, minimum: float) -> float:
    """A month's estimate with a provider's percentage fee, at least its minimum (none on $0)."""
    if spend > 0:
        fee = spend * share
        spend += fee if fee > minimum else minimum
    return spend


def _add_model(
    ordering: _Ordering, rows: list[_Row], model_id: str, estimates: list[tuple[float, RankableRoute]]
) -> None:
    """The row of a model priced on `estimates` (its offers that can price the workload), if any."""
    if len(estimates) == 1:
        estimate, offer = estimates[0]
        rows.append((estimate, model_id, offer, None, ((model_id, offer.route),)))
    elif estimates:
        rows.append(_cheapest(ordering, model_id, estimates))


class _UnsureError(Exception):
    """A route's prices are outside what float estimates are sure of (`Plan.estimable`)."""


def _month_estimate(
    catalog: Catalog, offer: RankableRoute, counted: list[tuple[float, Request]], on: dt.date
) -> float | None:
    """A month's estimate on one route; None when it cannot price the workload."""
    spend = 0.0
    for count, request in counted:
        plan = offer.plan(catalog, request.mode, on)
        if not plan.estimable:
            raise _UnsureError(offer.route)
        one = request_estimate(plan, request)
        if one is None:
            return None
        spend += count * one
    return with_fees(spend, offer.fees) if offer.fees else spend


def _cheapest(ordering: _Ordering, model_id: str, estimates: list[tuple[float, RankableRoute]]) -> _Row:
    """(estimate, model, offer, exact cost if priced) of a model's cheapest route by the tie rule."""
    low = min(e for e, _ in estimates) * ordering.close
    near = [(e, o) for e, o in estimates if e <= low]
    if len(near) == 1 or ordering.all_alike([o for _, o in near]):
        estimate, offer = min(near, key=lambda eo: eo[1].tie)  # equal exact costs: the tie rule decides
        return estimate, model_id, offer, None, ((model_id, offer.route),)
    cost, _, estimate, offer = min((ordering.exact(o), o.tie, e, o) for e, o in near)  # `TIE_RULE`
    return estimate, model_id, offer, cost, ((model_id, offer.route),)


def _exact_runs(ordering: _Ordering, rows: list[_Row]) -> list[Placed]:
    """The models of `rows` (sorted by estimate, then model), each run of close estimates put in
    exact order."""
    close = ordering.close
    estimates = [row[0] for row in rows]
    # The rows close to the one before, found in one pass: most rows are in no run.
    joined = [i for i, (a, b) in enumerate(pairwise(estimates), start=1) if b <= a * close]
    runs: list[tuple[int, int]] = []  # (start, end) of each run of two rows or more
    for i in joined:
        if runs and runs[-1][1] == i:
            runs[-1] = (runs[-1][0], i + 1)
        else:
            runs.append((i - 1, i + 1))
    placed: list[Placed] = []
    done = 0
    for start, end in runs:
        placed += [model for row in rows[done:start] for model in row[4]]
        placed += _exact_run(ordering, rows[start:end])
        done = end
    placed += [model for row in rows[done:] for model in row[4]]
    return placed


def _exact_run(ordering: _Ordering, run: list[_Row]) -> list[Placed]:
    """The models of a run of close estimates, in exact order (by estimate when all cost the same):
    a row's models are billed alike, so its offer stands for theirs."""
    if ordering.all_alike([o for _, _, o, _, _ in run]):
        alike = sorted((e, m, route) for e, _, _, _, models in run for m, route in models)
        return [(model_id, route_id) for _, model_id, route_id in alike]
    priced = sorted(
        (ordering.exact(o) if known is None else known, m, route)
        for _, _, o, known, models in run
        for m, route in models
    )
    return [(model_id, route_id) for _, model_id, route_id in priced]
