"""`/openapi.json`: an OpenAPI 3.1 document generated from the route table it is given.

Paths, parameters, bodies and errors come from the route specs (`web/routes.py`); each 200
answer's schema is generated from the type its spec declares: a `TypedDict` record of `views/`
or of the API, or the comparison (`engine/compare/jsonschema.py`), so the document cannot drift
from what is served. The table imports this module, never the other way round.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from typing import Any, Literal

from starlette.requests import Request
from starlette.responses import Response

from modelvs.catalog import Catalog
from modelvs.engine.compare import Comparison
from modelvs.web.api.contract import parameter_schema
from modelvs.web.api.endpoints import REFRESHED_HEADER
from modelvs.web.http.responses import JSON, conditional, state_of
from modelvs.web.http.route_spec import Param, RouteSpec

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
REFRESHED = {
    "description": "When each source's prices were last taken into the catalog: a structured-field "
    'dictionary (RFC 8941) of source id to snapshot date (`models-dev="2026-12-02", litellm="2026-12-02"`).',
    "schema": {"type": "string"},
}
"""The header every API answer carries (documented on each 200)."""
SHARED = {"SourceRef"}
"""Types both the records and the comparison hold: one schema (the comparison generator's) serves both."""


def _records(routes: Iterable[RouteSpec]) -> tuple[type, ...]:
    """The response types of the API routes, each once, in table order."""
    return tuple(dict.fromkeys(s.response for s in routes if s.api and s.response is not None))


@functools.cache
def components(responses: tuple[type, ...]) -> dict[str, Any]:
    """Every response schema by name: the records' (`TypedDict`s, through pydantic), the
    comparison's (dataclasses, through its own generator), and the error body."""
    from pydantic import TypeAdapter  # the schema generator is needed by this document alone

    from modelvs.engine.compare.jsonschema import build_schema

    mode: Literal["serialization"] = "serialization"
    adapters: list[tuple[str, Literal["serialization"], TypeAdapter[Any]]] = [
        (tp.__name__, mode, TypeAdapter(tp)) for tp in responses if tp is not Comparison
    ]
    _, defs = TypeAdapter.json_schemas(adapters, ref_template=REF)
    schemas: dict[str, Any] = dict(defs.get("$defs", {}))
    if Comparison in responses:
        comparison = build_schema()
        for name, schema in comparison.pop("$defs", {}).items():
            if name in schemas and name not in SHARED:
                raise ValueError(f"two response schemas are named {name}")
            schemas[name] = _rebase(schema)
        comparison.pop("$schema", None)
        comparison.pop("$id", None)
        schemas[Comparison.__name__] = _rebase(comparison)
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


def _parameter(p: Param, catalog: Catalog) -> dict[str, Any]:
    item = parameter_schema(p, catalog)
    schema = {"type": "array", "items": item} if p.repeated else item
    param: dict[str, Any] = {"name": p.name, "in": p.where, "description": p.description, "schema": schema}
    if p.required or p.where == "path":
        param["required"] = True
    if p.repeated:
        param["explode"] = True
    return param


def _ok(spec: RouteSpec) -> dict[str, Any]:
    if spec.media == "text/csv":
        ok: dict[str, Any] = {
            "description": "The rows, as CSV with a header row.",
            "content": {"text/csv": {"schema": {"type": "string"}}},
        }
    else:
        if spec.response is None:
            raise ValueError(f"API route {spec.name} declares no response type")
        schema = {"$ref": REF.format(model=spec.response.__name__)}
        ok = {"description": "OK", "content": {"application/json": {"schema": schema}}}
    ok["headers"] = {REFRESHED_HEADER: REFRESHED}
    return ok


def _operation(spec: RouteSpec, catalog: Catalog) -> dict[str, Any]:
    error = {"application/json": {"schema": {"$ref": REF.format(model="Error")}}}
    answers: dict[int, str] = {422: "A parameter cannot be used."}
    if spec.body is None:
        answers[304] = "Not modified (If-None-Match matched the ETag)."
    if any(p.name in ("model", "models", "slug") for p in spec.params):
        answers[404] = "Unknown model, with suggestions."
    answers.update(spec.errors)
    responses: dict[str, Any] = {"200": _ok(spec)}
    for status, description in sorted(answers.items()):
        responses[str(status)] = {"description": description}
        if status != 304:
            responses[str(status)]["content"] = error
    operation: dict[str, Any] = {
        "operationId": spec.name,
        "summary": spec.summary,
        "parameters": [_parameter(p, catalog) for p in spec.params],
    }
    if spec.body is not None:
        binary = {"schema": {"type": "string", "format": "binary"}}
        operation["requestBody"] = {
            "required": True,
            "description": spec.body.description,
            "content": dict.fromkeys(spec.body.media, binary),
        }
    operation["responses"] = responses
    return operation


def document(catalog: Catalog, routes: Sequence[RouteSpec]) -> dict[str, Any]:
    """The OpenAPI document of every API route in `routes` (the catalog's ids listed where a
    parameter takes one of them), each 200 answer's schema generated from its declared type."""
    paths: dict[str, Any] = {}
    for spec in routes:
        if spec.api:
            method = "post" if spec.body is not None else "get"
            paths[spec.path] = {method: _operation(spec, catalog)}
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
        "components": {"schemas": components(_records(routes))},
    }


def openapi(request: Request, routes: Sequence[RouteSpec]) -> Response:
    """`/openapi.json` for the route table `routes` (the table's own endpoint passes itself)."""
    return conditional(request, lambda: JSON(document(state_of(request).catalog, routes)))
