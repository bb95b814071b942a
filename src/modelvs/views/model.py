"""The model view: facts, capabilities, routes and prices of one model, each with its source."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from typing_extensions import TypedDict

from modelvs.catalog import Catalog
from modelvs.catalog.sourcing import SourceRef, field_source, source_ref
from modelvs.engine.lifecycle_note import model_note
from modelvs.formatting import exact
from modelvs.schema.model import MODEL_FACTS
from modelvs.schema.pricing import TOKEN_COMPONENTS
from modelvs.schema.vocab import CAPABILITY_LABELS, Capability
from modelvs.views.records import as_dict, record

if TYPE_CHECKING:
    from modelvs.schema import BenchmarkResult, Citation, Model, PriceSchedule, Route

VIEW_VERSION = "1"


@record
class LabRef(TypedDict):
    id: str
    name: str


@record
class FactRow(TypedDict):
    """One fact of the model with its source."""

    field: str
    """The fact's name (`context_window`, `open_weights`, ...): see the catalog schema."""
    value: Any
    """As the catalog holds it: text, a whole number, true/false, an ISO date or a list."""
    source: SourceRef | None


@record
class CapabilityRow(TypedDict):
    id: str
    label: str
    value: str
    """yes, no or unknown (no source says): unknown is never shown as no."""
    source: SourceRef | None


@record
class AlternativeRow(TypedDict):
    """A value another source gives where the sources disagree."""

    field: str
    value: Any
    source: SourceRef


@record
class ProviderRef(TypedDict):
    id: str
    name: str
    kind: str


@record
class FeeRow(TypedDict):
    kind: str
    percent: str
    """Exact decimal text."""
    description: str


@record
class TierRow(TypedDict):
    above: int
    """Prompt tokens above which (or from which, with `>=`) the whole request bills at the tier."""
    comparison: str
    per_1m_tokens: dict[str, str]


@record
class ScheduleRow(TypedDict):
    """One price schedule: a mode over a date range, USD per 1M tokens as exact decimal text."""

    mode: str
    effective_from: str | None
    effective_until: str | None
    """The first day it no longer applies."""
    per_1m_tokens: dict[str, str]
    """Component (`input`, `output`, `cache_read`, `cache_write_<ttl>`, ...) -> USD per 1M tokens."""
    per_unit: dict[str, str]
    """Unit (`request`, `web_search`, ...) -> USD per unit."""
    tiers: list[TierRow]
    source: SourceRef


@record
class RouteRow(TypedDict):
    """One provider's route of the model."""

    id: str
    provider: ProviderRef
    provider_model_id: str
    limits: dict[str, int]
    """The route's own limits, where they differ from the model's."""
    capability_overrides: dict[str, bool]
    deprecation_date: str | None
    prices: list[ScheduleRow]
    """Schedules in effect on the view's day."""
    price_history: list[ScheduleRow]
    """Schedules not in effect that day (past or announced)."""
    fees: list[FeeRow]


@record
class ModelBenchmarkRow(TypedDict):
    """One result: a lab's own report or an independent leaderboard's, with what qualifies it."""

    benchmark: str
    name: str
    category: str | None
    """The leaderboard's category (`Coding`), when it has categories."""
    version: str | None
    score: str
    """Exact decimal text."""
    low: str | None
    """The 95% interval's lower end (exact), when the source gives one."""
    high: str | None
    samples: int | None
    """Votes or cases behind the score."""
    setting: str | None
    """The model's setting for the run (`High`, `32k thinking tokens`)."""
    harness: str | None
    date: str
    self_reported: bool
    source: SourceRef | None
    credit: str | None
    """The credit line the benchmark's licence asks for."""


@record
class ModelView(TypedDict):
    """Everything known about one model: facts, capabilities, routes, prices and benchmarks."""

    version: str
    id: str
    slug: str
    lab: LabRef
    facts: list[FactRow]
    capabilities: list[CapabilityRow]
    alternatives: list[AlternativeRow]
    routes: list[RouteRow]
    benchmarks: list[ModelBenchmarkRow]
    on: str
    """The day whose prices are shown (ISO date)."""
    lifecycle: str
    """Where the model is in its life that day (`retired on 2026-01-05`, `deprecated, retires on
    2027-01-14`, `in preview`), with what its lab bills instead where the catalog records it;
    empty for a current model with nothing announced."""


def model_view(catalog: Catalog, model_id: str, on: dt.date) -> dict[str, Any]:
    """Everything known about one model, JSON-ready (a `ModelView`); prices are those in effect `on`."""
    model = catalog.models[model_id]
    lab = model_id.split("/", 1)[0]
    return as_dict(
        ModelView(
            version=VIEW_VERSION,
            id=model_id,
            slug=catalog.slugs[model_id],
            lab=LabRef(id=lab, name=catalog.labs[lab].name),
            facts=_facts(catalog, model),
            capabilities=_capabilities(catalog, model),
            alternatives=[
                AlternativeRow(
                    field=a.field,
                    value=_jsonable(a.value),
                    source=source_ref(catalog, model.citations[a.citation]),
                )
                for a in model.alternatives
            ],
            routes=[_route(catalog, rid, route, on) for rid, route in catalog.model_routes(model_id)],
            benchmarks=[_result(catalog, r, cite) for r, cite in catalog.results_of(model_id)],
            on=on.isoformat(),
            lifecycle=model_note(catalog, model_id, on),
        )
    )


def _facts(catalog: Catalog, model: Model) -> list[FactRow]:
    rows = []
    for name in MODEL_FACTS:
        if name == "capabilities":
            continue  # shown in its own table
        value = getattr(model, name)
        if value is None or value == []:
            continue
        rows.append(FactRow(field=name, value=_jsonable(value), source=field_source(catalog, model, name)))
    return rows


def _capabilities(catalog: Catalog, model: Model) -> list[CapabilityRow]:
    """Every capability in the vocabulary: yes, no or unknown, never unknown shown as no."""
    rows = []
    for cap in Capability:
        value = model.capabilities.get(cap)
        rows.append(
            CapabilityRow(
                id=cap.value,
                label=CAPABILITY_LABELS[cap],
                value="unknown" if value is None else ("yes" if value else "no"),
                source=field_source(catalog, model, f"capabilities.{cap.value}")
                if value is not None
                else None,
            )
        )
    return rows


def _route(catalog: Catalog, rid: str, route: Route, on: dt.date) -> RouteRow:
    provider_id = rid.split(":", 1)[0]
    provider = catalog.providers[provider_id]
    return RouteRow(
        id=rid,
        provider=ProviderRef(id=provider_id, name=provider.name, kind=provider.kind.value),
        provider_model_id=route.provider_model_id,
        limits={
            k: getattr(route, k) for k in ("context_window", "max_input", "max_output") if getattr(route, k)
        },
        capability_overrides={c.value: v for c, v in route.capabilities.items()},
        deprecation_date=route.deprecation_date.isoformat() if route.deprecation_date else None,
        prices=[_schedule(catalog, route, s) for s in route.prices if s.applies_on(on)],
        price_history=[_schedule(catalog, route, s) for s in route.prices if not s.applies_on(on)],
        fees=[
            FeeRow(kind=f.kind.value, percent=str(f.percent), description=f.description)
            for f in provider.fees
        ],
    )


def _schedule(catalog: Catalog, route: Route, schedule: PriceSchedule) -> ScheduleRow:
    return ScheduleRow(
        mode=schedule.mode.value,
        effective_from=schedule.effective_from.isoformat() if schedule.effective_from else None,
        effective_until=schedule.effective_until.isoformat() if schedule.effective_until else None,
        per_1m_tokens=_rates(schedule),
        per_unit={u.value: str(v) for u, v in schedule.per_unit.items()},
        tiers=[
            TierRow(above=t.threshold, comparison=t.comparison.value, per_1m_tokens=_rates(t))
            for t in schedule.tiers
        ],
        source=source_ref(catalog, route.citations[schedule.citation]),
    )


def _rates(rates: Any) -> dict[str, str]:
    found = {c: str(getattr(rates, c)) for c in TOKEN_COMPONENTS if getattr(rates, c) is not None}
    found.update({f"cache_write_{ttl}": str(v) for ttl, v in rates.cache_write.items()})
    return found


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if hasattr(value, "value"):
        return value.value
    return value


def _result(catalog: Catalog, r: BenchmarkResult, cite: Citation | None) -> ModelBenchmarkRow:
    bench = catalog.benchmarks[r.benchmark]
    return ModelBenchmarkRow(
        benchmark=r.benchmark,
        name=bench.name,
        category=next((c.name for c in bench.categories if c.id == r.category), r.category),
        version=r.version,
        score=exact(r.score),
        low=exact(r.low) if r.low is not None else None,
        high=exact(r.high) if r.high is not None else None,
        samples=r.samples,
        setting=r.setting,
        harness=r.harness,
        date=r.date.isoformat(),
        self_reported=r.self_reported,
        source=source_ref(catalog, cite) if cite is not None else None,
        credit=bench.credit,
    )
