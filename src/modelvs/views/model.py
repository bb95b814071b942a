"""The model view: facts, capabilities, routes and prices of one model, each with its source."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from modelvs.catalog import Catalog
from modelvs.catalog.sourcing import field_source, source_ref
from modelvs.schema import Model, PriceSchedule, Route
from modelvs.schema.model import MODEL_FACTS
from modelvs.schema.pricing import TOKEN_COMPONENTS
from modelvs.schema.vocab import CAPABILITY_LABELS, Capability

VIEW_VERSION = "1"


def model_view(catalog: Catalog, model_id: str, on: dt.date) -> dict[str, Any]:
    """Everything known about one model, JSON-ready; prices are the schedules in effect `on`."""
    model = catalog.models[model_id]
    return {
        "version": VIEW_VERSION,
        "id": model_id,
        "slug": catalog.slugs[model_id],
        "lab": {"id": model_id.split("/", 1)[0], "name": catalog.labs[model_id.split("/", 1)[0]].name},
        "facts": _facts(catalog, model),
        "capabilities": _capabilities(catalog, model),
        "alternatives": [
            {
                "field": a.field,
                "value": _jsonable(a.value),
                "source": source_ref(catalog, model.citations[a.citation]),
            }
            for a in model.alternatives
        ],
        "routes": [_route(catalog, rid, route, on) for rid, route in catalog.model_routes(model_id)],
        "benchmarks": [
            {
                "benchmark": r.benchmark,
                "name": catalog.benchmarks[r.benchmark].name,
                "version": r.version,
                "score": str(r.score),
                "date": r.date.isoformat(),
                "self_reported": r.self_reported,
                "source": source_ref(catalog, model.citations[r.citation]),
            }
            for r in model.benchmarks
        ],
        "on": on.isoformat(),
    }


def _facts(catalog: Catalog, model: Model) -> list[dict[str, Any]]:
    rows = []
    for name in MODEL_FACTS:
        if name == "capabilities":
            continue  # shown in its own table
        value = getattr(model, name)
        if value is None or value == []:
            continue
        rows.append({"field": name, "value": _jsonable(value), "source": field_source(catalog, model, name)})
    return rows


def _capabilities(catalog: Catalog, model: Model) -> list[dict[str, Any]]:
    """Every capability in the vocabulary: yes, no or unknown, never unknown shown as no."""
    rows = []
    for cap in Capability:
        value = model.capabilities.get(cap)
        rows.append(
            {
                "id": cap.value,
                "label": CAPABILITY_LABELS[cap],
                "value": "unknown" if value is None else ("yes" if value else "no"),
                "source": field_source(catalog, model, f"capabilities.{cap.value}")
                if value is not None
                else None,
            }
        )
    return rows


def _route(catalog: Catalog, rid: str, route: Route, on: dt.date) -> dict[str, Any]:
    provider_id = rid.split(":", 1)[0]
    provider = catalog.providers[provider_id]
    return {
        "id": rid,
        "provider": {"id": provider_id, "name": provider.name, "kind": provider.kind.value},
        "provider_model_id": route.provider_model_id,
        "limits": {
            k: getattr(route, k) for k in ("context_window", "max_input", "max_output") if getattr(route, k)
        },
        "capability_overrides": {c.value: v for c, v in route.capabilities.items()},
        "deprecation_date": route.deprecation_date.isoformat() if route.deprecation_date else None,
        "prices": [_schedule(catalog, route, s) for s in route.prices if s.applies_on(on)],
        "price_history": [_schedule(catalog, route, s) for s in route.prices if not s.applies_on(on)],
        "fees": [
            {"kind": f.kind.value, "percent": str(f.percent), "description": f.description}
            for f in provider.fees
        ],
    }


def _schedule(catalog: Catalog, route: Route, schedule: PriceSchedule) -> dict[str, Any]:
    return {
        "mode": schedule.mode.value,
        "effective_from": schedule.effective_from.isoformat() if schedule.effective_from else None,
        "effective_until": schedule.effective_until.isoformat() if schedule.effective_until else None,
        "per_1m_tokens": _rates(schedule),
        "per_unit": {u.value: str(v) for u, v in schedule.per_unit.items()},
        "tiers": [
            {"above": t.threshold, "comparison": t.comparison.value, "per_1m_tokens": _rates(t)}
            for t in schedule.tiers
        ],
        "source": source_ref(catalog, route.citations[schedule.citation]),
    }


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
