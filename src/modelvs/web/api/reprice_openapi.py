"""`POST /api/v1/reprice` as `/openapi.json` documents it: a POST with the log as its body, so it is
described here rather than by the GET loop over the route table (`web/openapi.py`)."""

from __future__ import annotations

from typing import Any

from modelvs.usage import FORMATS
from modelvs.web.pages.reprice import MAX_MODELS, MAX_UPLOAD

SUMMARY = (
    "A usage log (the body) priced as it was, at the prices of each row's day, and on other models."
    " Nothing posted is stored or logged."
)
MEDIA = ("text/csv", "application/json", "application/octet-stream", "text/plain")
FORMAT_NAMES = ", ".join(f.name for f in FORMATS)


def openapi_paths(
    parameters: list[dict[str, Any]], ok: dict[str, Any], error: dict[str, Any], headers: dict[str, Any]
) -> dict[str, Any]:
    """The description of `POST /api/v1/reprice`: its query `parameters` (from the route table),
    `ok` the `RepriceView` schema's reference, `error` the error body's, `headers` those every
    answer carries."""
    errors = {"application/json": {"schema": error}}
    mib = MAX_UPLOAD >> 20
    unreadable = (
        "A log that cannot be read (the line and field at fault), or a parameter that cannot be used."
    )
    operation = {
        "operationId": "api_reprice",
        "summary": SUMMARY,
        "parameters": parameters,
        "requestBody": {
            "required": True,
            "description": f"The usage log as its file's bytes, at most {mib} MiB ({FORMAT_NAMES}).",
            "content": {media: {"schema": {"type": "string", "format": "binary"}} for media in MEDIA},
        },
        "responses": {
            "200": {"description": "OK", "content": {"application/json": {"schema": ok}}, "headers": headers},
            "404": {
                "description": f"An unknown model in `as` (at most {MAX_MODELS}), with suggestions.",
                "content": errors,
            },
            "413": {"description": f"A log over {mib} MiB.", "content": errors},
            "422": {"description": unreadable, "content": errors},
        },
    }
    return {"/api/v1/reprice": {"post": operation}}
