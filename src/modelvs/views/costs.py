"""Views of what a workload costs: per route of one model, and ranked across models."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any, NotRequired

from typing_extensions import TypedDict

from modelvs.catalog import Catalog
from modelvs.engine.lifecycle_note import model_note
from modelvs.engine.monthly import TIE_RULE, RouteCost
from modelvs.engine.quality import ARENA, Rating
from modelvs.engine.rank import Needs, Ranked
from modelvs.engine.workload import Workload, describe
from modelvs.formatting import exact
from modelvs.views.records import as_dict, record

VIEW_VERSION = "1"


@record
class ProfileRecord(TypedDict):
    share: str
    """Share of the requests (exact decimal text)."""
    input_tokens: int
    """The whole prompt, cached tokens included."""
    output_tokens: int
    cached_tokens: int
    reasoning_tokens: int


@record
class WorkloadRecord(TypedDict):
    """A month of traffic."""

    requests_per_month: int
    profiles: list[ProfileRecord]
    batch_share: str
    description: str
    """The workload in one phrase, as every page states it with a cost."""


@record
class SellerRef(TypedDict):
    id: str
    name: str
    kind: str
    trust: str
    """first_party, major_cloud, established or reseller."""


@record
class FeeCharge(TypedDict):
    kind: str
    percent: str
    usd: str | None
    description: str


@record
class LineRecord(TypedDict):
    component: str
    tokens: int
    usd_per_1m: str
    usd: str | None


@record
class RequestRecord(TypedDict):
    """One kind of request of the workload, in one mode, priced once."""

    requests_per_month: str
    mode: str
    usd_per_request: str | None
    tier_above: int | None
    """The threshold of the long-context tier billed, when the prompt crossed one."""
    lines: list[LineRecord]


@record
class RouteCostRecord(TypedDict):
    """What the workload costs a month on one route, or why it cannot run there."""

    route: str
    provider: SellerRef
    vetted: bool
    """Whether default answers use this route."""
    variant: str | None
    quarantine: str | None
    """Why its prices look wrong, when they do and no reviewer has confirmed them."""
    incomplete: str | None
    """Why its cost for this workload is unknown (a component it lacks and the lab's route has)."""
    monthly_usd: str | None
    """Tokens and fees, exact decimal text; null when the workload cannot be priced here."""
    tokens_usd: str | None
    fees: list[FeeCharge]
    impossible: str | None
    notes: list[str]
    requests: list[RequestRecord]


@record
class ModelName(TypedDict):
    id: str
    name: str


@record
class CostView(TypedDict):
    """What a workload costs a month on every route of one model, cheapest first."""

    version: str
    model: ModelName
    workload: WorkloadRecord
    on: str
    tie_rule: str
    routes: list[RouteCostRecord]
    lifecycle: str
    """Where the model is in its life that day (`retired on 2026-01-05`, `deprecated, retires on
    2027-01-14`), with what its lab bills instead where the catalog records it; empty when current."""


@record
class RankedModelRef(TypedDict):
    id: str
    name: str
    slug: str


@record
class RatingRecord(TypedDict):
    """An Arena rating, exact: score, 95% interval, votes, category and the setting rated."""

    benchmark: str
    category: str
    score: str
    low: str
    high: str
    votes: int | None
    setting: str | None


@record
class RankedRecord(RouteCostRecord):
    """One model of a ranking, on its cheapest route."""

    rank: int
    model: RankedModelRef
    rating: RatingRecord | None
    """The model's Arena rating in the ranking's category; null when unrated."""
    rating_per_dollar: str | None
    """Rating points per dollar a month at the workload (exact); null when unrated or free."""


@record
class RankView(TypedDict):
    """Models meeting the needs, cheapest first; `total`, `offset` and `limit` on the API's pages."""

    version: str
    needs: str
    workload: WorkloadRecord
    on: str
    tie_rule: str
    models: list[RankedRecord]
    total: NotRequired[int]
    """Models the whole ranking holds."""
    offset: NotRequired[int]
    limit: NotRequired[int]


def workload_dict(workload: Workload) -> dict[str, Any]:
    return as_dict(_workload(workload))


def _workload(workload: Workload) -> WorkloadRecord:
    return WorkloadRecord(
        requests_per_month=workload.requests_per_month,
        profiles=[
            ProfileRecord(
                share=str(p.share),
                input_tokens=p.input_tokens,
                output_tokens=p.output_tokens,
                cached_tokens=p.cached_tokens,
                reasoning_tokens=p.reasoning_tokens,
            )
            for p in workload.profiles
        ],
        batch_share=str(workload.batch_share),
        description=describe(workload),
    )


def money(value: Decimal | None) -> str | None:
    """Exact decimal text in plain notation (`"0.800004"`, `"1000000"`): machine output never rounds."""
    return None if value is None else exact(value)


def route_cost_dict(catalog: Catalog, cost: RouteCost) -> dict[str, Any]:
    return as_dict(_route_cost(catalog, cost))


def _route_cost(catalog: Catalog, cost: RouteCost) -> RouteCostRecord:
    provider = catalog.providers[cost.provider]
    route = catalog.routes[cost.route]
    return RouteCostRecord(
        route=cost.route,
        provider=SellerRef(
            id=cost.provider, name=provider.name, kind=cost.provider_kind.value, trust=cost.trust.value
        ),
        vetted=cost.vetted,
        variant=route.variant.value if route.variant else None,
        quarantine=cost.quarantine,
        incomplete=cost.incomplete,
        monthly_usd=money(cost.monthly),
        tokens_usd=money(cost.tokens_cost),
        fees=[
            FeeCharge(
                kind=f.kind.value, percent=str(f.percent), usd=money(f.amount), description=f.description
            )
            for f in cost.fees
        ],
        impossible=cost.impossible,
        notes=list(cost.notes),
        requests=[
            RequestRecord(
                requests_per_month=str(count.normalize()),
                mode=price.mode.value,
                usd_per_request=money(price.total),
                tier_above=price.tier_threshold,
                lines=[
                    LineRecord(
                        component=line.component,
                        tokens=line.tokens,
                        usd_per_1m=exact(line.rate),
                        usd=money(line.cost),
                    )
                    for line in price.lines
                ],
            )
            for count, price in cost.requests
        ],
    )


def cost_view(
    catalog: Catalog, model_id: str, costs: list[RouteCost], workload: Workload, on: dt.date
) -> dict[str, Any]:
    """A `CostView`."""
    return as_dict(
        CostView(
            version=VIEW_VERSION,
            model=ModelName(id=model_id, name=catalog.models[model_id].name),
            workload=_workload(workload),
            on=on.isoformat(),
            tie_rule=TIE_RULE,
            routes=[_route_cost(catalog, c) for c in costs],
            lifecycle=model_note(catalog, model_id, on),
        )
    )


def rank_view(
    catalog: Catalog, ranked: Sequence[Ranked], needs: Needs, workload: Workload, on: dt.date
) -> dict[str, Any]:
    """A `RankView` (without the paging keys)."""
    return as_dict(
        RankView(
            version=VIEW_VERSION,
            needs=needs.describe(),
            workload=_workload(workload),
            on=on.isoformat(),
            tie_rule=TIE_RULE,
            models=[
                RankedRecord(
                    rank=i,
                    model=RankedModelRef(
                        id=r.model, name=catalog.models[r.model].name, slug=catalog.slugs[r.model]
                    ),
                    **_route_cost(catalog, r.cost),
                    rating=rating_record(r.rating),
                    rating_per_dollar=exact(r.per_dollar) if r.per_dollar is not None else None,
                )
                for i, r in enumerate(ranked, start=1)
            ],
        )
    )


def rating_record(r: Rating | None) -> RatingRecord | None:
    """An Arena rating, exact (None when the model is unrated)."""
    if r is None:
        return None
    return RatingRecord(
        benchmark=ARENA,
        category=r.category,
        score=exact(r.score),
        low=exact(r.low),
        high=exact(r.high),
        votes=r.votes,
        setting=r.setting,
    )
