"""`/openapi.json`: an OpenAPI 3.1 document generated from the route table, so it cannot drift."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from modelvs.web.http import JSON, conditional

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


def document() -> dict[str, Any]:
    """The OpenAPI document for every API route in the route table."""
    from modelvs.web.routes import ROUTES  # the table imports this module

    paths: dict[str, Any] = {}
    for spec in ROUTES:
        if not spec.api:
            continue
        params = []
        for p in spec.params:
            schema: dict[str, Any] = {"type": p.type}
            if p.repeated:
                schema = {"type": "array", "items": {"type": p.type}}
            param: dict[str, Any] = {
                "name": p.name,
                "in": p.where,
                "description": p.description,
                "schema": schema,
            }
            if p.required or p.where == "path":
                param["required"] = True
            if p.repeated:
                param["explode"] = True
            params.append(param)
        responses: dict[str, Any] = {
            "200": {"description": "OK", "content": {"application/json": {"schema": {"type": "object"}}}},
            "304": {"description": "Not modified (If-None-Match matched the ETag)."},
            "422": {
                "description": "A parameter cannot be used.",
                "content": {"application/json": {"schema": ERROR}},
            },
        }
        if any(p.name in ("model", "models", "slug") for p in spec.params):
            responses["404"] = {
                "description": "Unknown model, with suggestions.",
                "content": {"application/json": {"schema": ERROR}},
            }
        paths[spec.path] = {
            "get": {
                "operationId": spec.name,
                "summary": spec.summary,
                "parameters": params,
                "responses": responses,
            }
        }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "modelvs API",
            "version": "1",
            "description": "LLM catalog, prices, comparisons and costs. Every response has an ETag tied to "
            "the catalog version; money is exact decimal text.",
        },
        "paths": paths,
    }


def openapi(request: Request) -> Response:
    return conditional(request, lambda: JSON(document()))
