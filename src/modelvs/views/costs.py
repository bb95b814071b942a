"""Views of what a workload costs: per route of one model, and ranked across models."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from modelvs.catalog import Catalog
from modelvs.engine.monthly import TIE_RULE, RouteCost
from modelvs.engine.rank import Needs, Ranked
from modelvs.engine.workload import Workload, describe
from modelvs.formatting import exact

VIEW_VERSION = "1"


def workload_dict(workload: Workload) -> dict[str, Any]:
    return {
        "requests_per_month": workload.requests_per_month,
        "profiles": [
            {
                "share": str(p.share),
                "input_tokens": p.input_tokens,
                "output_tokens": p.output_tokens,
                "cached_tokens": p.cached_tokens,
                "reasoning_tokens": p.reasoning_tokens,
            }
            for p in workload.profiles
        ],
        "batch_share": str(workload.batch_share),
        "description": describe(workload),
    }


def money(value: Decimal | None) -> str | None:
    """Exact decimal text in plain notation (`"0.800004"`, `"1000000"`): machine output never rounds."""
    return None if value is None else exact(value)


def route_cost_dict(catalog: Catalog, cost: RouteCost) -> dict[str, Any]:
    provider = catalog.providers[cost.provider]
    return {
        "route": cost.route,
        "provider": {
            "id": cost.provider,
            "name": provider.name,
            "kind": cost.provider_kind.value,
            "trust": cost.trust.value,
        },
        "vetted": cost.vetted,
        "variant": catalog.routes[cost.route].variant,
        "quarantine": cost.quarantine,
        "incomplete": cost.incomplete,
        "monthly_usd": money(cost.monthly),
        "tokens_usd": money(cost.tokens_cost),
        "fees": [
            {
                "kind": f.kind.value,
                "percent": str(f.percent),
                "usd": money(f.amount),
                "description": f.description,
            }
            for f in cost.fees
        ],
        "impossible": cost.impossible,
        "notes": list(cost.notes),
        "requests": [
            {
                "requests_per_month": str(count.normalize()),
                "mode": price.mode.value,
                "usd_per_request": money(price.total),
                "tier_above": price.tier_threshold,
                "lines": [
                    {
                        "component": line.component,
                        "tokens": line.tokens,
                        "usd_per_1m": exact(line.rate),
                        "usd": money(line.cost),
                    }
                    for line in price.lines
                ],
            }
            for count, price in cost.requests
        ],
    }


def cost_view(
    catalog: Catalog, model_id: str, costs: list[RouteCost], workload: Workload, on: dt.date
) -> dict[str, Any]:
    return {
        "version": VIEW_VERSION,
        "model": {"id": model_id, "name": catalog.models[model_id].name},
        "workload": workload_dict(workload),
        "on": on.isoformat(),
        "tie_rule": TIE_RULE,
        "routes": [route_cost_dict(catalog, c) for c in costs],
    }


def rank_view(
    catalog: Catalog, ranked: list[Ranked], needs: Needs, workload: Workload, on: dt.date
) -> dict[str, Any]:
    return {
        "version": VIEW_VERSION,
        "needs": needs.describe(),
        "workload": workload_dict(workload),
        "on": on.isoformat(),
        "tie_rule": TIE_RULE,
        "models": [
            {
                "rank": i,
                "model": {
                    "id": r.model,
                    "name": catalog.models[r.model].name,
                    "slug": catalog.slugs[r.model],
                },
                **route_cost_dict(catalog, r.cost),
            }
            for i, r in enumerate(ranked, start=1)
        ],
    }
