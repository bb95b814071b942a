"""`create_app`: the Starlette application, built from the route table around one loaded catalog."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import jinja2
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from modelvs.catalog import Catalog
from modelvs.web.http import api_error
from modelvs.web.render import bad_request, not_found
from modelvs.web.routes import ROUTES
from modelvs.web.state import STATIC_DIR, TEMPLATES_DIR, WebState
from modelvs.web.store import MemoryStore, PopularityStore


def make_env() -> jinja2.Environment:
    """Templates with autoescaping on for everything, and undefined names failing loudly."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=False,
        auto_reload=False,
    )
    env.filters["name_of"] = lambda mid, names: names.get(mid, mid)
    return env


def _utc_today() -> dt.date:
    return dt.datetime.now(dt.UTC).date()


def create_app(
    catalog: Catalog,
    *,
    store: PopularityStore | None = None,
    today: Callable[[], dt.date] | dt.date | None = None,
    base_url: str | None = None,
    popular_ttl: float = 60.0,
) -> Starlette:
    """The web app for `catalog`; `today` fixes the pricing date (tests), `base_url` the canonical host."""
    if isinstance(today, dt.date):
        fixed = today
        today_fn: Callable[[], dt.date] = lambda: fixed  # noqa: E731
    else:
        today_fn = today or _utc_today
    web = WebState(catalog, store or MemoryStore(), today_fn, make_env(), popular_ttl=popular_ttl)
    routes: list[Route | Mount] = [
        Route(spec.path, spec.endpoint, name=spec.name, methods=["GET", "HEAD"]) for spec in ROUTES
    ]
    routes.append(Mount("/static", StaticFiles(directory=STATIC_DIR), name="static"))
    app = Starlette(
        routes=routes,
        middleware=[Middleware(GZipMiddleware, minimum_size=500)],
        exception_handlers={HTTPException: _http_error, ValueError: _value_error},
    )
    app.state.web = web
    app.state.base_url = base_url
    return app


async def _http_error(request: Request, exc: Exception) -> Response:
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    if request.url.path.startswith("/api/"):
        detail = "no such API path; see /openapi.json" if status == 404 else str(getattr(exc, "detail", ""))
        return api_error(status, "not found" if status == 404 else "error", detail)
    if status == 404:
        return not_found(
            request, f"Nothing lives at {request.url.path[:200]}.", [request.url.path.rsplit("/", 1)[-1]]
        )
    return Response(str(getattr(exc, "detail", "")), status_code=status)


async def _value_error(request: Request, exc: Exception) -> Response:
    # A safety net: input the parsers let through but the engine refuses is still the client's error.
    if request.url.path.startswith("/api/"):
        return api_error(422, "bad parameters", str(exc)[:300])
    return bad_request(request, "parameters", str(exc)[:300])
