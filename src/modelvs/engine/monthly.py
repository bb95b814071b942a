"""A month of traffic on a route, fees included, and the cheapest route of a model."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from modelvs.catalog import Catalog
from modelvs.engine.pricing import RequestPrice, price_request
from modelvs.engine.workload import Workload
from modelvs.schema.vocab import FeeKind, PriceMode, ProviderKind

KIND_ORDER = (ProviderKind.FIRST_PARTY, ProviderKind.CLOUD, ProviderKind.AGGREGATOR)
TIE_RULE = (
    "Routes are ranked by monthly cost at this workload, provider fees included; equal costs go to the "
    "lab's own API first, then clouds, then aggregators, then by provider id."
)


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
    requests: tuple[tuple[Decimal, RequestPrice], ...]
    """(requests a month, price of one) per profile and mode."""
    impossible: str | None = None

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

    def sort_key(self) -> tuple[int, Decimal, int, str]:
        kind = KIND_ORDER.index(self.provider_kind)
        monthly = self.monthly
        return (monthly is None, monthly if monthly is not None else Decimal(0), kind, self.provider)


def route_cost(catalog: Catalog, route_id: str, workload: Workload, on: dt.date) -> RouteCost:
    """The monthly cost of `workload` on one route, with the provider's fees."""
    provider_id, model_id = route_id.split(":", 1)
    provider = catalog.providers[provider_id]
    kind = provider.kind
    if kind is ProviderKind.FIRST_PARTY and provider.lab not in (None, model_id.split("/", 1)[0]):
        # A lab's API reselling another lab's model (Perplexity serving Gemini) is not that model's
        # first party: the tie-break must not prefer it over the model's own lab or a cloud.
        kind = ProviderKind.CLOUD
    priced: list[tuple[Decimal, RequestPrice]] = []
    total = Decimal(0)
    for profile in workload.profiles:
        count = workload.requests_per_month * profile.share
        for mode, share in (
            (PriceMode.STANDARD, 1 - workload.batch_share),
            (PriceMode.BATCH, workload.batch_share),
        ):
            if share == 0:
                continue
            price = price_request(catalog, route_id, profile.request(mode), on)
            if price.total is None:
                return RouteCost(route_id, provider_id, kind, None, (), (), impossible=price.impossible)
            priced.append((count * share, price))
            total += count * share * price.total
    fees = tuple(_fee(f.kind, f.percent, f.minimum_usd, f.description, total) for f in provider.fees)
    return RouteCost(route_id, provider_id, kind, total, fees, tuple(priced))


def _fee(kind: FeeKind, percent: Decimal, minimum: Decimal | None, description: str, spend: Decimal) -> Fee:
    # A credit fee is charged per purchase; we assume one purchase covers the month.
    amount = spend * percent / 100
    if minimum is not None and spend > 0:
        amount = max(amount, minimum)
    return Fee(kind, percent, amount, description)


def model_costs(catalog: Catalog, model_id: str, workload: Workload, on: dt.date) -> list[RouteCost]:
    """Every route of a model, cheapest first by `TIE_RULE`; impossible routes last."""
    costs = [route_cost(catalog, rid, workload, on) for rid in catalog.routes_by_model.get(model_id, ())]
    return sorted(costs, key=RouteCost.sort_key)


def cheapest_route(catalog: Catalog, model_id: str, workload: Workload, on: dt.date) -> RouteCost | None:
    """The route where `workload` costs least (see `TIE_RULE`), or None if none can run it."""
    costs = model_costs(catalog, model_id, workload, on)
    return costs[0] if costs and costs[0].monthly is not None else None
