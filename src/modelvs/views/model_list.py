"""The model index: every model as one row, filtered and sorted; what `modelvs models`, `/models`
and `/api/v1/models` all show.

A row's prices are list prices per 1M tokens of the standard schedule in effect on the day, on two
routes: the lab's own API (`catalog.trust.lab_route`) and the cheapest vetted route at the default
traffic (1,000,000 requests of 800 input and 250 output tokens; 800 input and no output for the
kinds that bill no output), chosen as every default answer chooses it (`engine.monthly`).

By default the index opens on the most notable models (`catalog.notability`; with a text, the
search's order, `catalog.search`) and leaves retired models out; `status=retired` shows them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum
from typing import Any

from modelvs.catalog import Catalog
from modelvs.catalog.derived import derived
from modelvs.catalog.layout import route_model, route_provider
from modelvs.catalog.lifecycle import stage
from modelvs.catalog.notability import notability
from modelvs.catalog.search import matches
from modelvs.catalog.trust import lab_route
from modelvs.engine.monthly import all_route_costs, cheapest_route
from modelvs.engine.pricing import schedule_for
from modelvs.engine.quality import ratings
from modelvs.engine.workload import DEFAULT_WORKLOAD, Workload
from modelvs.schema.vocab import Capability, Modality, ModelKind, PriceMode

PRICE_WORKLOAD = DEFAULT_WORKLOAD
"""The traffic that picks a text model's cheapest vetted route."""
INPUT_ONLY_WORKLOAD = Workload.of(1_000_000, 800, 0)
"""The traffic that picks it for the kinds that bill input alone (embedding, rerank, moderation)."""
INPUT_ONLY_KINDS = frozenset({ModelKind.EMBEDDING, ModelKind.RERANK, ModelKind.MODERATION})
CHEAPEST_RULE = (
    "Cheapest vetted route: the vetted route where 1,000,000 requests a month of 800 input and 250"
    " output tokens cost least, fees included (800 input tokens alone for embedding, rerank and"
    " moderation models); prices are USD per 1M tokens of the standard schedule in effect."
)


class Status(StrEnum):
    """A model's status on a day, as the index shows and filters it."""

    PREVIEW = "preview"
    CURRENT = "current"
    """Neither preview, deprecated nor retired."""
    DEPRECATED = "deprecated"
    RETIRED = "retired"


STATUS_LABELS = {
    Status.PREVIEW: "preview",
    Status.CURRENT: "current",
    Status.DEPRECATED: "deprecated",
    Status.RETIRED: "retired",
}


class SortKey(StrEnum):
    """Columns the index sorts by; `-key` sorts descending. Unknown values sort last either way."""

    RELEVANCE = "relevance"
    """The most notable first (`catalog.notability`), and with a text the best matches
    (`catalog.search`): the default."""
    NAME = "name"
    LAB = "lab"
    KIND = "kind"
    CONTEXT = "context"
    MAX_OUTPUT = "max_output"
    INPUT = "input"
    """Input price on the cheapest vetted route."""
    OUTPUT = "output"
    LAB_INPUT = "lab_input"
    """Input price on the lab's own route."""
    LAB_OUTPUT = "lab_output"
    RELEASED = "released"
    ROUTES = "routes"
    RATING = "rating"


@dataclass(frozen=True)
class ModelQuery:
    """Filters, order and page of the index; every filter left empty lets every model through."""

    q: str = ""
    """Part of a name, id or alias."""
    labs: frozenset[str] = frozenset()
    providers: frozenset[str] = frozenset()
    """Only models one of these providers sells."""
    kinds: frozenset[ModelKind] = frozenset()
    capabilities: frozenset[Capability] = frozenset()
    """Capabilities that must be a known yes."""
    modalities_in: frozenset[Modality] = frozenset()
    modalities_out: frozenset[Modality] = frozenset()
    min_context: int | None = None
    max_input_price: Decimal | None = None
    """Highest input price per 1M tokens on the cheapest vetted route."""
    max_output_price: Decimal | None = None
    statuses: frozenset[Status] = frozenset()
    """Empty: every status but retired."""
    sort: SortKey = SortKey.RELEVANCE
    descending: bool = False
    offset: int = 0
    limit: int | None = None
    """Rows per page; None for all."""


@dataclass(frozen=True)
class RoutePrice:
    """A route's standard list prices on the day, per 1M tokens."""

    route: str
    provider: str
    """Provider id."""
    provider_name: str
    input: Decimal | None
    output: Decimal | None


@dataclass(frozen=True)
class ModelRow:
    """One model in the index."""

    id: str
    slug: str
    name: str
    lab: str
    lab_name: str
    kind: ModelKind | None
    status: Status
    raw_status: str | None
    """The status the catalog records (preview, current, deprecated, retired), if any."""
    release_date: dt.date | None
    context_window: int | None
    max_output: int | None
    modalities_in: tuple[Modality, ...]
    modalities_out: tuple[Modality, ...]
    capabilities: tuple[Capability, ...]
    """Capabilities that are a known yes, in vocabulary order."""
    open_weights: bool | None
    routes: int
    lab_route: RoutePrice | None
    cheapest: RoutePrice | None
    """The cheapest vetted route (`CHEAPEST_RULE`)."""
    rating: Decimal | None = None
    """The model's Arena rating (overall), if it is rated."""
    notability: float = 0.0
    """How notable the model is on the day (`catalog.notability`): the default order."""


@dataclass(frozen=True)
class ModelList:
    """One page of the index and how many rows the whole query has."""

    rows: tuple[ModelRow, ...]
    total: int
    query: ModelQuery
    on: dt.date

    @property
    def next_offset(self) -> int | None:
        limit = self.query.limit
        if limit is None or self.query.offset + limit >= self.total:
            return None
        return self.query.offset + limit


def all_rows(catalog: Catalog, on: dt.date) -> tuple[ModelRow, ...]:
    """Every model of the catalog as a row, by id (derived once per catalog and day)."""
    return derived(catalog, "model-index", on, lambda: _all_rows(catalog, on))


def list_models(catalog: Catalog, query: ModelQuery, on: dt.date) -> ModelList:
    """The rows `query` selects, in its order, cut to its page."""
    found = matches(catalog, query.q) if query.q else None
    rows = [r for r in all_rows(catalog, on) if (found is None or r.id in found) and _keep(r, query, catalog)]
    rows.sort(key=lambda r: r.id)  # ties of the sort key keep id order
    if query.sort is SortKey.RELEVANCE:
        bonus = found or {}
        # The most relevant first (retired ones, when shown, last).
        ordered = sorted(
            rows,
            key=lambda r: (r.status is Status.RETIRED, -(r.notability + bonus.get(r.id, 0.0))),
            reverse=query.descending,
        )
    else:
        key = _SORTS[query.sort]
        known = [r for r in rows if key(r) is not None]
        known.sort(key=lambda r: key(r), reverse=query.descending)
        ordered = known + [r for r in rows if key(r) is None]
    end = None if query.limit is None else query.offset + query.limit
    return ModelList(tuple(ordered[query.offset : end]), len(ordered), query, on)


def _keep(row: ModelRow, q: ModelQuery, catalog: Catalog) -> bool:
    checks = (
        not q.labs or row.lab in q.labs,
        not q.kinds or (row.kind or ModelKind.TEXT) in q.kinds,
        bool(_LIVE.get(row.status, {row.status}) & q.statuses)
        if q.statuses
        else row.status is not Status.RETIRED,
        q.capabilities <= set(row.capabilities),
        q.modalities_in <= set(row.modalities_in),
        q.modalities_out <= set(row.modalities_out),
        q.min_context is None or (row.context_window or 0) >= q.min_context,
        _at_most(row.cheapest.input if row.cheapest else None, q.max_input_price),
        _at_most(row.cheapest.output if row.cheapest else None, q.max_output_price),
    )
    if not all(checks):
        return False
    return not q.providers or any(
        route_provider(r) in q.providers for r in catalog.routes_by_model.get(row.id, ())
    )


_LIVE = {Status.PREVIEW: {Status.PREVIEW, Status.CURRENT}}
"""A preview model is current too: the `current` filter keeps it."""


def _at_most(value: Decimal | None, bound: Decimal | None) -> bool:
    return bound is None or (value is not None and value <= bound)


_SORTS: dict[SortKey, Callable[[ModelRow], Any]] = {
    SortKey.NAME: lambda r: (r.name.casefold(), r.id),
    SortKey.LAB: lambda r: (r.lab_name.casefold(), r.name.casefold()),
    SortKey.KIND: lambda r: r.kind.value if r.kind else None,
    SortKey.CONTEXT: lambda r: r.context_window,
    SortKey.MAX_OUTPUT: lambda r: r.max_output,
    SortKey.INPUT: lambda r: r.cheapest.input if r.cheapest else None,
    SortKey.OUTPUT: lambda r: r.cheapest.output if r.cheapest else None,
    SortKey.LAB_INPUT: lambda r: r.lab_route.input if r.lab_route else None,
    SortKey.LAB_OUTPUT: lambda r: r.lab_route.output if r.lab_route else None,
    SortKey.RELEASED: lambda r: r.release_date,
    SortKey.ROUTES: lambda r: r.routes,
    SortKey.RATING: lambda r: r.rating,
}


def _all_rows(catalog: Catalog, on: dt.date) -> tuple[ModelRow, ...]:
    for workload in (PRICE_WORKLOAD, INPUT_ONLY_WORKLOAD):
        all_route_costs(catalog, workload, on)  # every route priced once; each model's pick reuses it
    rated = ratings(catalog)
    notable = notability(catalog, on)
    return tuple(
        replace(row, rating=rated[row.id].score) if row.id in rated else row
        for row in (_row(catalog, mid, on, notable[mid].score) for mid in sorted(catalog.models))
    )


def _row(catalog: Catalog, mid: str, on: dt.date, notable: float) -> ModelRow:
    model = catalog.models[mid]
    lab = mid.split("/", 1)[0]
    workload = INPUT_ONLY_WORKLOAD if model.kind in INPUT_ONLY_KINDS else PRICE_WORKLOAD
    best = cheapest_route(catalog, mid, workload, on)
    own = lab_route(catalog, mid)
    return ModelRow(
        id=mid,
        slug=catalog.slugs[mid],
        name=model.name,
        lab=lab,
        lab_name=catalog.labs[lab].name if lab in catalog.labs else lab,
        kind=model.kind,
        status=_status(catalog, mid, on),
        raw_status=model.status.value if model.status else None,
        release_date=model.release_date,
        context_window=model.context_window,
        max_output=model.max_output,
        modalities_in=tuple(model.modalities_in),
        modalities_out=tuple(model.modalities_out),
        capabilities=tuple(c for c in Capability if model.capabilities.get(c) is True),
        open_weights=model.open_weights,
        routes=len(catalog.routes_by_model.get(mid, ())),
        lab_route=_route_price(catalog, own, on) if own else None,
        cheapest=_route_price(catalog, best.route, on) if best else None,
        notability=notable,
    )


def _status(catalog: Catalog, mid: str, on: dt.date) -> Status:
    model = catalog.models[mid]
    now = stage(model, on).value
    if now != "current":
        return Status(now)
    return Status(model.status.value) if model.status else Status.CURRENT


def _route_price(catalog: Catalog, rid: str, on: dt.date) -> RoutePrice:
    schedule = schedule_for(catalog.routes[rid], PriceMode.STANDARD, on)
    provider = route_provider(rid)
    assert route_model(rid) in catalog.models
    return RoutePrice(
        rid,
        provider,
        catalog.providers[provider].name,
        schedule.input if schedule else None,
        schedule.output if schedule else None,
    )


def with_page(query: ModelQuery, offset: int, limit: int | None) -> ModelQuery:
    return replace(query, offset=offset, limit=limit)
