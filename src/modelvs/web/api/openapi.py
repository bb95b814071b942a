"""`/openapi.json`: an OpenAPI 3.1 document generated from the route table and the response types.

Paths and parameters come from the route table (`web/routes.py`); each 200 response's schema is
generated from the `TypedDict` record the endpoint builds its JSON with (`RESPONSES`), and the
comparison's from the comparison dataclasses (`engine/compare/jsonschema.py`), so the document
cannot drift from what is served.
"""

from __future__ import annotations

import functools
from typing import Any, Literal

from starlette.requests import Request
from starlette.responses import Response

from modelvs.catalog import Catalog
from modelvs.views.costs import CostView, RankView
from modelvs.views.model import ModelView
from modelvs.views.model_records import ModelListPage
from modelvs.views.reprice import RepriceView
from modelvs.web.api.contract import parameter_schema
from modelvs.web.api.endpoints import REFRESHED_HEADER, ProvidersPage, SearchPage
from modelvs.web.http.responses import JSON, conditional, state_of

REF = "#/components/schemas/{model}"
ERROR = {
    "type": "object",
    "required": ["error", "detail"],
    "properties": {
        "error": {"type": "string"},
        "detail": {"type": "string", "description": "What was wrong and what is accepted."},
        "param": {"type": "string"},
        "suggestions": {"type": "array", "items": {"type": "string"}, "description": "Closest model ids."},
    },
}
RESPONSES: dict[str, type] = {
    "api_search": SearchPage,
    "api_models": ModelListPage,
    "api_model": ModelView,
    "api_providers": ProvidersPage,
    "api_cost": CostView,
    "api_rank": RankView,
    "api_reprice": RepriceView,
}
"""Route name -> the record its 200 JSON answer is built with (`api_compare`: the comparison)."""
REFRESHED = {
    "description": "When each source's prices were last taken into the catalog: a structured-field "
    'dictionary (RFC 8941) of source id to snapshot date (`models-dev="2026-12-02", litellm="2026-12-02"`).',
    "schema": {"type": "string"},
}
"""The header every API answer carries (documented on each 200)."""
COMPARISON = "Comparison"
SHARED = {"SourceRef"}
"""Types both the records and the comparison hold: one schema (the comparison generator's) serves both."""


@functools.cache
def components() -> dict[str, Any]:
    """Every response schema by name: the records', the comparison's, and the error body."""
    from pydantic import TypeAdapter  # the schema generator is needed by this document alone

    from modelvs.engine.compare.jsonschema import build_schema

    mode: Literal["serialization"] = "serialization"
    adapters: list[tuple[str, Literal["serialization"], TypeAdapter[Any]]] = [
        (name, mode, TypeAdapter(tp)) for name, tp in RESPONSES.items()
    ]
    _, defs = TypeAdapter.json_schemas(adapters, ref_template=REF)
    schemas: dict[str, Any] = dict(defs.get("$defs", {}))
    comparison = build_schema()
    for name, schema in comparison.pop("$defs", {}).items():
        if name in schemas and name not in SHARED:
            raise ValueError(f"two response schemas are named {name}")
        schemas[name] = _rebase(schema)
    comparison.pop("$schema", None)
    comparison.pop("$id", None)
    schemas[COMPARISON] = _rebase(comparison)
    schemas["Error"] = ERROR
    return schemas


def _rebase(node: Any) -> Any:
    """A JSON Schema with its `#/$defs/X` references pointing at the document's components."""
    if isinstance(node, dict):
        return {
            k: (v.replace("#/$defs/", "#/components/schemas/") if k == "$ref" else _rebase(v))
            for k, v in node.items()
        }
    if isinstance(node, list):
        return [_rebase(v) for v in node]
    return node


def response_schema(route_name: str) -> dict[str, Any]:
    """The `$ref` of a route's 200 JSON body."""
    name = COMPARISON if route_name == "api_compare" else RESPONSES[route_name].__name__
    return {"$ref": REF.format(model=name)}


def _parameter(p: Any, catalog: Catalog) -> dict[str, Any]:
    item = parameter_schema(p, catalog)
    schema = {"type": "array", "items": item} if p.repeated else item
    param: dict[str, Any] = {"name": p.name, "in": p.where, "description": p.description, "schema": schema}
    if p.required or p.where == "path":
        param["required"] = True
    if p.repeated:
        param["explode"] = True
    return param


def document(catalog: Catalog) -> dict[str, Any]:
    """The OpenAPI document for every API route in the route table (the catalog's ids listed
    where a parameter takes one of them)."""
    from modelvs.web.routes import ROUTES  # the table imports this module

    paths: dict[str, Any] = {}
    for spec in ROUTES:
        if not spec.api:
            continue
        if spec.media == "text/csv":
            ok = {
                "description": "The rows, as CSV with a header row.",
                "content": {"text/csv": {"schema": {"type": "string"}}},
            }
        else:
            ok = {
                "description": "OK",
                "content": {"application/json": {"schema": response_schema(spec.name)}},
            }
        ok["headers"] = {REFRESHED_HEADER: REFRESHED}
        error = {"application/json": {"schema": {"$ref": REF.format(model="Error")}}}
        responses: dict[str, Any] = {
            "200": ok,
            "304": {"description": "Not modified (If-None-Match matched the ETag)."},
            "422": {"description": "A parameter cannot be used.", "content": error},
        }
        if any(p.name in ("model", "models", "slug") for p in spec.params):
            responses["404"] = {"description": "Unknown model, with suggestions.", "content": error}
        paths[spec.path] = {
            "get": {
                "operationId": spec.name,
                "summary": spec.summary,
                "parameters": [_parameter(p, catalog) for p in spec.params],
                "responses": responses,
            }
        }
    from modelvs.web.api.reprice_openapi import openapi_paths  # a POST with a body: outside the GET loop

    posted = next(s for s in ROUTES if s.name == "api_reprice")
    parameters = [_parameter(p, catalog) for p in posted.params]
    paths.update(
        openapi_paths(
            parameters,
            response_schema("api_reprice"),
            {"$ref": REF.format(model="Error")},
            {REFRESHED_HEADER: REFRESHED},
        )
    )
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "modelvs API",
            "version": "1",
            "description": "LLM catalog, prices, comparisons and costs. Every response has an ETag tied to "
            "the catalog version; money is exact decimal text. Any origin may read it (CORS); every list "
            "is also served as CSV at the same path with `.csv`.",
        },
        "paths": paths,
        "components": {"schemas": components()},
    }


def openapi(request: Request) -> Response:
    return conditional(request, lambda: JSON(document(state_of(request).catalog)))
