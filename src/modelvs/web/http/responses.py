"""HTTP plumbing shared by pages and the API: validators, cache headers, JSON and error responses."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable
from email.utils import format_datetime
from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from modelvs.web.http.state import WebState

CACHE_OK = "public, max-age=300, s-maxage=3600, stale-while-revalidate=86400"
CACHE_REDIRECT = "public, max-age=86400"
CACHE_ERROR = "public, max-age=60"


def state_of(request: Request) -> WebState:
    web: WebState = request.app.state.web
    return web


def etag(web: WebState, request: Request, extra: Iterable[object] = ()) -> str:
    """A weak validator from the catalog version, the pricing date, the path and query, and `extra`."""
    parts = [web.catalog.version, web.today().isoformat(), request.url.path, str(request.url.query)]
    parts += [repr(e) for e in extra]
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]
    return f'W/"{digest}"'


def last_modified(web: WebState) -> str | None:
    """The newest source snapshot date, as an HTTP date."""
    if web.newest_source is None:
        return None
    at = dt.datetime.combine(web.newest_source, dt.time(), tzinfo=dt.UTC)
    return format_datetime(at, usegmt=True)


def _matches(header: str | None, tag: str) -> bool:
    if not header:
        return False
    wanted = {t.strip() for t in header.split(",")}
    bare = tag.removeprefix("W/")
    return "*" in wanted or tag in wanted or bare in wanted or f"W/{bare}" in wanted


def conditional(request: Request, make: Callable[[], Response], extra: Iterable[object] = ()) -> Response:
    """`make()`'s response with validators and cache headers, or 304 when the client's copy is current."""
    web = state_of(request)
    tag = etag(web, request, extra)
    headers = {"ETag": tag, "Cache-Control": CACHE_OK, "Vary": "Accept-Encoding"}
    modified = last_modified(web)
    if modified:
        headers["Last-Modified"] = modified
    if _matches(request.headers.get("if-none-match"), tag):
        return Response(status_code=304, headers=headers)
    response = make()
    response.headers.update(headers)
    return response


def html(body: str, status: int = 200, cache: str | None = None) -> HTMLResponse:
    response = HTMLResponse(body, status_code=status)
    if cache:
        response.headers["Cache-Control"] = cache
    return response


def dumps(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


class JSON(JSONResponse):
    """Compact UTF-8 JSON."""

    def render(self, content: Any) -> bytes:
        return dumps(content)


def api_error(status: int, error: str, detail: str, **extra: Any) -> JSON:
    """The API's error body: `{"error": ..., "detail": ..., ...}`."""
    return JSON(
        {"error": error, "detail": detail, **extra},
        status_code=status,
        headers={"Cache-Control": CACHE_ERROR},
    )


def redirect(url: str) -> RedirectResponse:
    """A permanent redirect to the canonical URL."""
    return RedirectResponse(url, status_code=301, headers={"Cache-Control": CACHE_REDIRECT})


def json_ld(data: Any) -> str:
    """JSON for a `<script type="application/ld+json">`: `<`, `>` and `&` escaped so it cannot end the tag."""
    text = json.dumps(data, ensure_ascii=False, indent=None)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
