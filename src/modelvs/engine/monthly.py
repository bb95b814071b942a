"""A month of traffic on a route, fees included, and the cheapest route of a model."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from functools import cached_property
from operator import itemgetter
from types import MappingProxyType
from typing import TYPE_CHECKING, TypeVar, cast

from modelvs.catalog import Catalog
from modelvs.catalog.layout import split_route_id
from modelvs.catalog.trust import assess, route_tie
from modelvs.engine.pricing import RequestPrice, price_request, request_total
from modelvs.engine.workload import Request, Workload
from modelvs.schema.vocab import FeeKind, PriceMode, ProviderKind, ProviderTrust

if TYPE_CHECKING:
    from modelvs.schema import ProviderFee

T = TypeVar("T")

TIE_RULE = (
    "Routes are ranked by monthly cost at this workload, provider fees included; equal costs go to the "
    "lab's own API first, then major clouds, then established hosts, then other resellers, then by "
    "provider id."
)
VETTED_RULE = (
    "Default answers use vetted routes only: the lab's own API, major clouds and established hosts, "
    "serving the plain model worldwide (not a regional endpoint), with prices that pass the sanity "
    "check; a route that lacks a price "
    "component the lab's own API has is unknown for a workload that needs it, never cheaper."
)


class RouteSet(StrEnum):
    """Which routes an answer may use."""

    VETTED = "vetted"
    """Vetted routes only (`VETTED_RULE`): what every default answer uses."""
    ALL = "all"
    """Every route, resellers, variants and quarantined prices included (each labelled)."""


@dataclass(frozen=True)
class Fee:
    """A provider fee charged on a month's spend."""

    kind: FeeKind
    percent: Decimal
    amount: Decimal
    description: str


@dataclass(frozen=True)
class RouteCost:
    """What a workload costs a month on one route, or why it cannot run there."""

    route: str
    provider: str
    provider_kind: ProviderKind
    tokens_cost: Decimal | None
    fees: tuple[Fee, ...]
    impossible: str | None = None
    trust: ProviderTrust = ProviderTrust.RESELLER
    vetted: bool = False
    """Whether default answers may use it (`VETTED_RULE`)."""
    quarantine: str | None = None
    """Why its prices look wrong (the sanity check's flag), when they do and no reviewer confirmed them."""
    incomplete: str | None = None
    """Why its cost for this workload is unknown: a component it lacks and the lab's route has."""
    priced_as: tuple[Catalog, Workload, dt.date] | None = field(default=None, repr=False, compare=False)
    """What the cost was priced from, so the itemised `requests` can be built when asked."""

    @cached_property
    def requests(self) -> tuple[tuple[Decimal, RequestPrice], ...]:
        """(requests a month, price of one) per profile and mode; built on first access."""
        if self.tokens_cost is None or self.priced_as is None:
            return ()
        catalog, workload, on = self.priced_as
        return tuple((count, itemised(catalog, self.route, r, on)) for count, r in month_requests(workload))

    @property
    def monthly(self) -> Decimal | None:
        if self.tokens_cost is None:
            return None
        return self.tokens_cost + sum((f.amount for f in self.fees), Decimal(0))

    @property
    def notes(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for _, price in self.requests:
            seen.update(dict.fromkeys(price.notes))
        return tuple(seen)

    @property
    def why(self) -> str | None:
        """Why there is no monthly cost, if there is none."""
        return self.impossible or self.incomplete

    def sort_key(self) -> tuple[int, Decimal, int, str, str]:
        monthly = self.monthly
        cost = monthly if monthly is not None else Decimal(0)
        return (monthly is None, cost, *route_tie(self.trust, self.provider, self.route))


def route_cost(catalog: Catalog, route_id: str, workload: Workload, on: dt.date) -> RouteCost:
    """The monthly cost of `workload` on one route, with the provider's fees."""
    return _route_cost(
        catalog, route_id, seller(catalog, route_id, on), month_requests(workload), workload, on
    )


@dataclass(frozen=True)
class Seller:
    """What pricing a month on a route needs about who sells it."""

    provider: str
    kind: ProviderKind
    fees: tuple[ProviderFee, ...]
    trust: ProviderTrust
    vetted: bool
    quarantine: str | None


def seller(catalog: Catalog, route_id: str, on: dt.date) -> Seller:
    """Who sells a route on `on`, as pricing a month needs it (memoised per catalog and day)."""
    sellers: dict[str, Seller] = kept(catalog, ("sellers", on), dict)
    found = sellers.get(route_id)
    if found is None:
        found = sellers[route_id] = _seller(catalog, route_id, on)
    return found


def _seller(catalog: Catalog, route_id: str, on: dt.date) -> Seller:
    provider_id, model_id = split_route_id(route_id)
    provider = catalog.providers[provider_id]
    kind = provider.kind
    if kind is ProviderKind.FIRST_PARTY and provider.lab not in (None, model_id.split("/", 1)[0]):
        # A lab's API reselling another lab's model (Perplexity serving Gemini) is not that model's
        # first party.
        kind = ProviderKind.CLOUD
    found = assess(catalog, route_id, on)
    quarantine = found.flag if found.quarantined else None
    return Seller(provider_id, kind, tuple(provider.fees), found.trust, found.vetted, quarantine)


def _route_cost(
    catalog: Catalog,
    route_id: str,
    seller: Seller,
    requests: tuple[tuple[Decimal, Request], ...],
    workload: Workload,
    on: dt.date,
) -> RouteCost:
    # Totals only: the itemised prices are built if a reader asks for `RouteCost.requests`.
    total = _tokens_cost(catalog, route_id, requests, on)
    if total is None:
        for _, request in requests:
            why = price_request(catalog, route_id, request, on)
            if why.total is None:
                return _cost(route_id, seller, None, (), impossible=why.impossible, incomplete=why.incomplete)
    assert total is not None
    fees = tuple(
        Fee(f.kind, f.percent, fee_amount(f.percent, f.minimum_usd, total), f.description)
        for f in seller.fees
    )
    return _cost(route_id, seller, total, fees, priced_as=(catalog, workload, on))


def _tokens_cost(
    catalog: Catalog, route_id: str, requests: tuple[tuple[Decimal, Request], ...], on: dt.date
) -> Decimal | None:
    total = Decimal(0)
    for count, request in requests:
        price = request_total(catalog, route_id, request, on)
        if price is None:
            return None
        total += count * price
    return total


def month_total(catalog: Catalog, route_id: str, workload: Workload, on: dt.date) -> Decimal | None:
    """`route_cost(...).monthly`, the same Decimal, without building the record (to compare costs)."""
    prices = [request_total(catalog, route_id, r, on) for _, r in month_requests(workload)]
    return month_of(month_requests(workload), prices, seller(catalog, route_id, on).fees)


def month_of(
    requests: tuple[tuple[Decimal, Request], ...], prices: list[Decimal | None], fees: tuple[ProviderFee, ...]
) -> Decimal | None:
    """The monthly cost, fees included, of `requests` (counts a month) at `prices` (one request's
    `request_total` each): what `RouteCost.monthly` comes to."""
    total = Decimal(0)
    for (count, _), price in zip(requests, prices, strict=True):
        if price is None:
            return None
        total += count * price
    return total + sum((fee_amount(f.percent, f.minimum_usd, total) for f in fees), Decimal(0))


def _cost(
    route_id: str,
    seller: Seller,
    tokens_cost: Decimal | None,
    fees: tuple[Fee, ...],
    *,
    impossible: str | None = None,
    incomplete: str | None = None,
    priced_as: tuple[Catalog, Workload, dt.date] | None = None,
) -> RouteCost:
    return RouteCost(
        route_id,
        seller.provider,
        seller.kind,
        tokens_cost,
        fees,
        impossible=impossible,
        priced_as=priced_as,
        trust=seller.trust,
        vetted=seller.vetted,
        quarantine=seller.quarantine,
        incomplete=incomplete,
    )


@functools.lru_cache(maxsize=1024)
def month_requests(workload: Workload) -> tuple[tuple[Decimal, Request], ...]:
    """(requests a month, the request) per profile and mode that has traffic, in pricing order."""
    made = []
    for profile in workload.profiles:
        count = workload.requests_per_month * profile.share
        for mode, share in (
            (PriceMode.STANDARD, 1 - workload.batch_share),
            (PriceMode.BATCH, workload.batch_share),
        ):
            if share != 0:
                made.append((count * share, profile.request(mode)))
    return tuple(made)


class _PerCatalog:
    """Values remembered for the catalog priced last, by key. A new catalog starts over (so an old
    one is not kept alive), and so does a full memo. Read and replaced as one tuple, so threads
    working on two catalogs at once can only lose values, never mix them."""

    def __init__(self, most: int) -> None:
        self.most = most
        self.state: tuple[Catalog | None, dict[tuple[object, ...], object]] = (None, {})

    def get(self, catalog: Catalog, key: tuple[object, ...], make: Callable[[], T]) -> T:
        owner, found = self.state
        if owner is not catalog or len(found) >= self.most:
            owner, found = self.state = (catalog, {})
        if key in found:
            return cast("T", found[key])
        value = found[key] = make()
        return value

    def peek(self, catalog: Catalog, key: tuple[object, ...]) -> object | None:
        owner, found = self.state
        return found.get(key) if owner is catalog else None


_ANSWERS = _PerCatalog(512)
"""Costs and rankings, by what was asked. Values are immutable (tuples of frozen records) and
shared; a whole-catalog entry holds one cost per route."""
_DAYS = _PerCatalog(32)
"""Per-day structures, apart from the answers: a few a day; a long-running server starts over
now and then."""
_SHAPES = _PerCatalog(256)
"""Values that do not depend on the request count: on a workload's shape (its profile), or on none."""
_ITEMISED = _PerCatalog(1024)
"""One request's itemised price on a route: the same at every request count (a ranking's page
prints some fifty)."""
_BULKY_SHAPES = _PerCatalog(16)
"""The same for values with a row per model of the catalog (a ranking's): fewer of them."""


def memoised(catalog: Catalog, key: tuple[object, ...], make: Callable[[], T]) -> T:
    """`make()`, remembered for `catalog` under `key`."""
    return _ANSWERS.get(catalog, key, make)


def kept(catalog: Catalog, key: tuple[object, ...], make: Callable[[], T]) -> T:
    """`make()`, remembered for `catalog` under `key` apart from `memoised` answers: for what every
    answer of a day reads (who sells each route, the ranking's offers), which a stream of new
    workloads must not push out. Values may be filled in as they are read (dicts)."""
    return _DAYS.get(catalog, key, make)


def itemised(catalog: Catalog, route_id: str, request: Request, on: dt.date) -> RequestPrice:
    """`price_request(catalog, route_id, request, on)`, remembered per route, request and day."""
    return _ITEMISED.get(
        catalog, (route_id, request, on), lambda: price_request(catalog, route_id, request, on)
    )


def per_shape(catalog: Catalog, key: tuple[object, ...], make: Callable[[], T], *, bulky: bool = False) -> T:
    """`make()`, remembered for `catalog` under `key` apart from `memoised` answers: for what does
    not move with the request count (a comparison's curves and related models), which a stream of
    new request counts asked of one page would otherwise push out. `key` must hold everything the
    value depends on; `bulky` values (a row per model) are kept fewer."""
    return (_BULKY_SHAPES if bulky else _SHAPES).get(catalog, key, make)


def all_route_costs(catalog: Catalog, workload: Workload, on: dt.date) -> Mapping[str, RouteCost]:
    """The monthly cost of `workload` on every route of the catalog, by route id (memoised)."""
    return memoised(catalog, ("all", workload, on), lambda: _all_costs(catalog, workload, on))


def _all_costs(catalog: Catalog, workload: Workload, on: dt.date) -> Mapping[str, RouteCost]:
    requests = month_requests(workload)
    return MappingProxyType(
        {
            rid: _route_cost(catalog, rid, seller(catalog, rid, on), requests, workload, on)
            for rid in catalog.routes
        }
    )


def rank_routes(
    catalog: Catalog, workload: Workload, on: dt.date, routes: RouteSet = RouteSet.VETTED
) -> list[RouteCost]:
    """Every route of the catalog in `routes`, cheapest first by `TIE_RULE`; unpriced last (memoised)."""

    def make() -> tuple[RouteCost, ...]:
        costs = all_route_costs(catalog, workload, on).values()
        return tuple(_by_tie_rule(c for c in costs if routes is RouteSet.ALL or c.vetted))

    return list(memoised(catalog, ("rank", workload, on, routes), make))


def model_costs(
    catalog: Catalog, model_id: str, workload: Workload, on: dt.date, routes: RouteSet = RouteSet.VETTED
) -> list[RouteCost]:
    """Every route of a model in `routes`, cheapest first by `TIE_RULE`; unpriced last (memoised)."""

    def make() -> tuple[RouteCost, ...]:
        every = _ANSWERS.peek(catalog, ("model", model_id, workload, on, RouteSet.ALL))
        if routes is RouteSet.VETTED and isinstance(every, tuple):  # all its routes are priced already
            return tuple(c for c in every if c.vetted)
        sold = sold_routes(catalog, model_id, on, routes)
        found = _ANSWERS.peek(catalog, ("all", workload, on))
        if isinstance(found, Mapping):  # the whole catalog is priced already: reuse its costs
            return tuple(_by_tie_rule(found[rid] for rid, _ in sold))
        # The tie rule ends with the route id, so the order of a subset is the order within the whole.
        requests = month_requests(workload)
        return tuple(_by_tie_rule(_route_cost(catalog, rid, s, requests, workload, on) for rid, s in sold))

    return list(memoised(catalog, ("model", model_id, workload, on, routes), make))


def sold_routes(
    catalog: Catalog, model_id: str, on: dt.date, routes: RouteSet
) -> tuple[tuple[str, Seller], ...]:
    """A model's routes in `routes`, each with its seller (kept per day: every workload reads them)."""
    by_model: dict[tuple[str, RouteSet], tuple[tuple[str, Seller], ...]] = kept(catalog, ("sold", on), dict)
    found = by_model.get((model_id, routes))
    if found is None:
        every = ((rid, seller(catalog, rid, on)) for rid in catalog.routes_by_model.get(model_id, ()))
        # Most routes of a much-served model are not vetted: not priced for a vetted answer.
        found = tuple((rid, s) for rid, s in every if routes is RouteSet.ALL or s.vetted)
        by_model[model_id, routes] = found
    return found


def _by_tie_rule(costs: Iterable[RouteCost]) -> list[RouteCost]:
    """`sorted(costs, key=RouteCost.sort_key)`, each key computed once."""
    keyed = [(c.sort_key(), c) for c in costs]
    keyed.sort(key=itemgetter(0))
    return [c for _, c in keyed]


def cheapest_route(
    catalog: Catalog, model_id: str, workload: Workload, on: dt.date, routes: RouteSet = RouteSet.VETTED
) -> RouteCost | None:
    """The route in `routes` where `workload` costs least (see `TIE_RULE`), or None if none prices it."""
    costs = model_costs(catalog, model_id, workload, on, routes)
    return costs[0] if costs and costs[0].monthly is not None else None


def fee_amount(percent: Decimal, minimum: Decimal | None, spend: Decimal) -> Decimal:
    """A fee of `percent` on `spend`, at least `minimum` when anything is spent."""
    # A credit fee is charged per purchase; we assume one purchase covers the month.
    amount = spend * percent / 100
    if minimum is not None and spend > 0:
        amount = max(amount, minimum)
    return amount
