"""The JSON API under `/api/v1/`: the same view dicts the CLI prints."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from modelvs.catalog.layout import route_model
from modelvs.engine.compare import compare as compare_models
from modelvs.engine.compare import comparison_to_dict
from modelvs.engine.compare.comparison import MAX_MODELS
from modelvs.engine.monthly import model_costs
from modelvs.params import (
    ParamError,
    parse_int,
    parse_models,
    parse_needs,
    parse_order,
    parse_routes,
    parse_vocab,
    parse_workload,
)
from modelvs.schema.vocab import Capability, Modality
from modelvs.views.costs import cost_view
from modelvs.views.model import model_view
from modelvs.web.calculator import check_category, ranked_view
from modelvs.web.http import JSON, api_error, conditional, dumps, state_of
from modelvs.web.render import suggest
from modelvs.web.state import WebState, search_models

API_VERSION = "1"


def _unprocessable(err: ParamError) -> JSON:
    return api_error(422, f"bad parameter: {err.param}", f"{err.param} {err.detail}", param=err.param)


def _unknown(web: WebState, name: str) -> JSON:
    return api_error(
        404,
        "unknown model",
        f"no model matches {name[:200]!r}; pass a canonical id, slug, name or alias",
        suggestions=suggest(web.catalog, name),
    )


def models(request: Request) -> Response:
    """Models filtered by lab, provider, capability (known yes), min context, input modality; paged."""
    web = state_of(request)
    q = request.query_params
    try:
        caps = parse_vocab(Capability, q.getlist("capability"), "capability")
        mods = parse_vocab(Modality, q.getlist("input_modality"), "input_modality")
        needs = parse_needs([], q.get("min_context"), [])
        limit = parse_int(q.get("limit"), "limit", 100, 1, 1000)
        offset = parse_int(q.get("offset"), "offset", 0, 0, 10**7)
    except ParamError as err:
        return _unprocessable(err)
    lab, provider = q.get("lab"), q.get("provider")
    if lab is not None and lab not in web.catalog.labs:
        return api_error(
            422,
            "bad parameter: lab",
            f"lab {lab[:80]!r} is not a lab id; accepted: {', '.join(sorted(web.catalog.labs))}",
            param="lab",
        )
    if provider is not None and provider not in web.catalog.providers:
        return api_error(
            422,
            "bad parameter: provider",
            f"provider {provider[:80]!r} is not a provider id; see /api/v1/providers",
            param="provider",
        )

    def make() -> Response:
        cat = web.catalog
        on_provider = {route_model(r) for r in cat.routes_by_provider.get(provider, ())} if provider else None
        found = []
        for mid in sorted(cat.models):
            m = cat.models[mid]
            if lab and mid.split("/", 1)[0] != lab:
                continue
            if on_provider is not None and mid not in on_provider:
                continue
            if any(m.capabilities.get(c) is not True for c in caps) or not mods <= set(m.modalities_in):
                continue
            if needs.min_context is not None and (m.context_window or 0) < needs.min_context:
                continue
            found.append(mid)
        rows: list[dict[str, Any]] = []
        for mid in found[offset : offset + limit]:
            m = cat.models[mid]
            rows.append(
                {
                    "id": mid,
                    "slug": cat.slugs[mid],
                    "name": m.name,
                    "lab": mid.split("/", 1)[0],
                    "status": m.status.value if m.status else None,
                    "context_window": m.context_window,
                    "max_output": m.max_output,
                    "modalities_in": [x.value for x in m.modalities_in],
                    "routes": len(cat.routes_by_model.get(mid, ())),
                    "url": f"/models/{cat.slugs[mid]}",
                }
            )
        more = offset + limit < len(found)
        return JSON(
            {
                "version": API_VERSION,
                "total": len(found),
                "limit": limit,
                "offset": offset,
                "next_offset": offset + limit if more else None,
                "models": rows,
            }
        )

    return conditional(request, make)


def model(request: Request) -> Response:
    web = state_of(request)
    name: str = request.path_params["slug"]
    mid = web.resolve(name)
    if mid is None:
        return _unknown(web, name)
    return conditional(request, lambda: JSON(model_view(web.catalog, mid, web.today())))


def providers(request: Request) -> Response:
    web = state_of(request)

    def make() -> Response:
        cat = web.catalog
        rows = [
            {
                "id": pid,
                "name": p.name,
                "kind": p.kind.value,
                "lab": p.lab,
                "routes": len(cat.routes_by_provider.get(pid, ())),
                "fees": [
                    {"kind": f.kind.value, "percent": str(f.percent), "description": f.description}
                    for f in p.fees
                ],
                "url": f"/providers/{pid}",
            }
            for pid, p in sorted(cat.providers.items())
        ]
        return JSON({"version": API_VERSION, "providers": rows})

    return conditional(request, make)


def compare(request: Request) -> Response:
    web = state_of(request)
    try:
        names = parse_models(request.query_params.get("models"))
        workload = parse_workload(request.query_params)
        routes = parse_routes(request.query_params.get("routes"))
    except ParamError as err:
        return _unprocessable(err)
    ids: list[str] = []
    for n in names:
        mid = web.resolve(n)
        if mid is None:
            return _unknown(web, n)
        if mid not in ids:
            ids.append(mid)
    if not 2 <= len(ids) <= MAX_MODELS:
        return api_error(
            422,
            "bad parameter: models",
            f"models takes 2 to {MAX_MODELS} different models, got {len(ids)}",
            param="models",
        )
    on = web.today()

    def body() -> bytes:
        return dumps(comparison_to_dict(compare_models(web.catalog, ids, workload, on, routes)))

    # Serialising a comparison costs more than computing it: keep the bytes per pair and workload.
    key = ("api-compare", tuple(ids), workload, web.catalog.version, on, routes)
    return conditional(
        request, lambda: Response(web.pages.get_or_make(key, body), media_type="application/json")
    )


def cost(request: Request) -> Response:
    web = state_of(request)
    name = request.query_params.get("model")
    if not name:
        return api_error(
            422,
            "bad parameter: model",
            "model is required: a canonical id, slug, name or alias",
            param="model",
        )
    try:
        workload = parse_workload(request.query_params)
        routes = parse_routes(request.query_params.get("routes"))
    except ParamError as err:
        return _unprocessable(err)
    mid = web.resolve(name)
    if mid is None:
        return _unknown(web, name)
    on = web.today()
    return conditional(
        request,
        lambda: JSON(
            cost_view(web.catalog, mid, model_costs(web.catalog, mid, workload, on, routes), workload, on)
        ),
    )


def rank(request: Request) -> Response:
    web = state_of(request)
    q = request.query_params
    try:
        workload = parse_workload(q)
        needs = parse_needs(
            q.getlist("capability"),
            q.get("min_context"),
            q.getlist("input_modality"),
            q.getlist("kind"),
            q.get("include_retired"),
            q.get("routes"),
            q.get("min_rating"),
            q.get("rating_category"),
        )
        order = parse_order(q.get("sort"))
        check_category(web.catalog, needs.rating_category)
        limit = parse_int(q.get("limit"), "limit", 20, 1, 1000)
        offset = parse_int(q.get("offset"), "offset", 0, 0, 10**7)
    except ParamError as err:
        return _unprocessable(err)
    return conditional(request, lambda: JSON(ranked_view(web, needs, workload, offset, limit, order)))


def search(request: Request) -> Response:
    """Models matching what is typed so far: ids, names and aliases (for the search box)."""
    web = state_of(request)
    query = request.query_params.get("q", "")
    try:
        limit = parse_int(request.query_params.get("limit"), "limit", 8, 1, 50)
    except ParamError as err:
        return _unprocessable(err)

    def make() -> Response:
        rows = [
            {"id": e.id, "slug": e.slug, "name": e.name, "lab": e.lab, "url": f"/models/{e.slug}"}
            for e in search_models(web, query, limit)
        ]
        return JSON({"version": API_VERSION, "query": query, "results": rows})

    return conditional(request, make)
