"""What `/openapi.json` says of each API parameter, and the check that holds the server to it.

One function (`parameter_schema`) gives a parameter's JSON Schema to the document and to the
check every API request passes before its endpoint runs (`refused`): a value the document allows
is never refused for its form, and one it does not allow is refused with a 422 that names it.
(An endpoint may still refuse what no schema can state: an unknown model is a 404, a date before
the model's release a 422.) Repeated parameters also take comma-separated values, as the
descriptions say.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from typing import TYPE_CHECKING, Any

from modelvs.catalog import Catalog
from modelvs.web.http.responses import JSON, api_error

if TYPE_CHECKING:
    from starlette.datastructures import QueryParams

    from modelvs.web.http.route_spec import Param, RouteSpec


def parameter_schema(p: Param, catalog: Catalog) -> dict[str, Any]:
    """The JSON Schema of one value of `p` (of each item, when it is repeated)."""
    item: dict[str, Any] = {"type": p.type}
    for key in ("minimum", "maximum", "default", "format", "pattern"):
        if getattr(p, key) is not None:
            item[key] = getattr(p, key)
    if p.min_length is not None:
        item["minLength"] = p.min_length
    if p.enum is not None:
        item["enum"] = list(p.enum(catalog) if callable(p.enum) else p.enum)
    return item


def refused(spec: RouteSpec, query: QueryParams, catalog: Catalog) -> JSON | None:
    """The 422 for the first query parameter of `spec` that its schema does not allow, or None."""
    for p in spec.params:
        if p.where != "query":
            continue
        values = query.getlist(p.name)
        if not values:
            if p.required:
                return _error(p.name, "is required")
            continue
        schema = parameter_schema(p, catalog)
        parts = [v for raw in values for v in raw.split(",")] if p.repeated else values[-1:]
        for value in parts:
            problem = _problem(value if not p.repeated else value.strip(), schema)
            if problem is not None and not (p.repeated and value.strip() == ""):
                return _error(p.name, problem)
    return None


def _error(name: str, detail: str) -> JSON:
    return api_error(422, f"bad parameter: {name}", f"{name} {detail}", param=name)


def _problem(value: str, schema: dict[str, Any]) -> str | None:
    shown = repr(value[:40])
    if schema["type"] == "integer":
        if not re.fullmatch(r"[0-9]{1,12}", value):
            return f"takes a whole number, got {shown}"
        number = int(value)
        low, high = schema.get("minimum"), schema.get("maximum")
        if (low is not None and number < low) or (high is not None and number > high):
            return f"takes a whole number from {low} to {high}, got {number}"
        return None
    if len(value) < schema.get("minLength", 0):
        return "may not be empty"
    if schema.get("format") == "date" and not _is_date(value):
        return f"takes a date as YYYY-MM-DD, got {shown}"
    if "pattern" in schema and _compiled(schema["pattern"]).fullmatch(value) is None:
        return f"is not in an accepted form, got {shown}"
    if "enum" in schema and value not in schema["enum"]:
        accepted = ", ".join(schema["enum"][:30])
        return f"takes one of {accepted}{', ...' if len(schema['enum']) > 30 else ''}; got {shown}"
    return None


def _is_date(value: str) -> bool:
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)
