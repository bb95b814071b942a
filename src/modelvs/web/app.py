"""`create_app`: the Starlette application, built from the route table around one loaded catalog.

The outermost layer is `ServingMiddleware` (the response cache and the headers every response
gets); the view counter's writer thread starts with the app and flushes on shutdown.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import inspect
from collections.abc import AsyncIterator, Callable, Iterable
from typing import cast

import anyio.to_thread
import jinja2
from markupsafe import Markup
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import ASGIApp

from modelvs.catalog import Catalog
from modelvs.storage import MemoryStore, ViewCounter, ViewStore
from modelvs.views import svg
from modelvs.views.escape import clean
from modelvs.web.api.contract import refused
from modelvs.web.http.assets import Assets
from modelvs.web.http.cors import ApiCors
from modelvs.web.http.hosts import DEFAULT_TRUSTED_HOSTS, SiteHosts
from modelvs.web.http.query import QueryPolicy
from modelvs.web.http.response_cache import DEFAULT_MAX_BYTES, ResponseCache
from modelvs.web.http.responses import api_error
from modelvs.web.http.serving import ServingMiddleware
from modelvs.web.http.state import STATIC_DIR, TEMPLATES_DIR, WebState
from modelvs.web.pages.compare_html import figure
from modelvs.web.pages.compare_html import section as comparison_section
from modelvs.web.pages.grid import grid
from modelvs.web.pages.render import bad_request, not_found
from modelvs.web.routes import ROUTES, Endpoint, RouteSpec

STATIC_PATH = "/static/{name:path}"


class ModelvsApp(Starlette):
    """Starlette with `ServingMiddleware` outside even its error middleware: a cache hit runs
    no Starlette code, and a 500 page gets the same headers as any other response."""

    serving: ServingMiddleware

    def build_middleware_stack(self) -> ASGIApp:
        self.serving = ServingMiddleware(
            super().build_middleware_stack(),
            self.state.web,
            self.state.hosts,
            self.state.response_cache,
            QueryPolicy(ROUTES, [(STATIC_PATH, "static")]),
        )
        return self.serving


def make_env(assets: Assets | None = None) -> jinja2.Environment:
    """Templates with autoescaping on for everything, and undefined names failing loudly;
    `asset(name)` is the URL of a static file."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=False,
        auto_reload=False,
        finalize=_clean,
    )
    env.filters["svg"] = lambda chart: Markup(svg.render(chart))  # every text in it escaped by `svg`
    env.globals["grid"] = grid  # every text in it escaped by `grid`
    env.globals["chart_figure"] = figure  # and these by `compare_html`
    env.globals["comparison_section"] = comparison_section
    env.globals["asset"] = assets.url if assets is not None else lambda name: f"/static/{name}"
    return env


def _clean(value: object) -> object:
    """Every printed value without control or bidi formatting characters (`escape.clean`);
    markup the app built itself passes as it is."""
    if (
        isinstance(value, str)
        and not isinstance(value, Markup)
        and not (value.isascii() and value.isprintable())
    ):
        return clean(value)
    return value


def _utc_today() -> dt.date:
    return dt.datetime.now(dt.UTC).date()


def create_app(
    catalog: Catalog,
    *,
    store: ViewStore | None = None,
    open_store: Callable[[], ViewStore] | None = None,
    today: Callable[[], dt.date] | dt.date | None = None,
    base_url: str | None = None,
    trusted_hosts: Iterable[str] = DEFAULT_TRUSTED_HOSTS,
    popular_ttl: float = 60.0,
    cache_bytes: int = DEFAULT_MAX_BYTES,
    fingerprint_assets: bool = False,
    built_pairs: Iterable[str] | None = None,
) -> Starlette:
    """The web app for `catalog`.

    `store` (or `open_store`, a function opening one, retried until it succeeds) is where views
    are written, in batches; `today` fixes the pricing date (tests); `base_url` decides every
    absolute link, else the request's host when it is in `trusted_hosts`; `cache_bytes` bounds the
    response cache; `fingerprint_assets` links static files by content hash (`serve` does; the
    static build copies the files under their plain names); `built_pairs`, for the static
    build, are the comparison pages it writes: only they are linked, and no form is live.
    """
    if isinstance(today, dt.date):
        fixed = today
        today_fn: Callable[[], dt.date] = lambda: fixed  # noqa: E731
    else:
        today_fn = today or _utc_today
    views = ViewCounter(open_store or store or MemoryStore(), popular_ttl=popular_ttl)
    assets = Assets(STATIC_DIR, fingerprint=fingerprint_assets)
    web = WebState(catalog, views, today_fn, make_env(assets))
    web.built_pairs = frozenset(built_pairs) if built_pairs is not None else None
    routes = [
        Route(
            spec.path,
            checked(spec) if spec.api else spec.endpoint,
            name=spec.name,
            methods=list(spec.methods),
        )
        for spec in ROUTES
    ]
    routes.append(Route(STATIC_PATH, assets.endpoint, name="static", methods=["GET", "HEAD"]))

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        views.start()
        yield
        # Blocking (it may wait for the store): off the event loop.
        await anyio.to_thread.run_sync(views.close)

    app = ModelvsApp(
        routes=routes,
        middleware=[Middleware(ApiCors)],
        exception_handlers={HTTPException: _http_error, ValueError: _value_error},
        lifespan=lifespan,
    )
    # The serving layer redirects a trailing slash itself, never to a URL built from the Host.
    app.router.redirect_slashes = False
    app.state.web = web
    app.state.views = views
    app.state.assets = assets
    app.state.hosts = SiteHosts(base_url, tuple(trusted_hosts))
    app.state.base_url = app.state.hosts.base_url
    app.state.response_cache = ResponseCache(cache_bytes)
    return app


def checked(spec: RouteSpec) -> Endpoint:
    """`spec`'s endpoint, behind the check that its query keeps to what `/openapi.json` allows."""
    inner = spec.endpoint
    if inspect.iscoroutinefunction(inner):

        async def answer(request: Request) -> Response:
            refusal = refused(spec, request.query_params, request.app.state.web.catalog)
            return refusal if refusal is not None else await inner(request)

        answer.__name__ = inner.__name__
        return answer

    def endpoint(request: Request) -> Response:
        refusal = refused(spec, request.query_params, request.app.state.web.catalog)
        return refusal if refusal is not None else cast(Response, inner(request))

    endpoint.__name__ = inner.__name__
    return endpoint


async def _http_error(request: Request, exc: Exception) -> Response:
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    if request.url.path.startswith("/api/"):
        detail = "no such API path; see /openapi.json" if status == 404 else str(getattr(exc, "detail", ""))
        answer = api_error(status, "not found" if status == 404 else "error", detail)
        answer.headers.update(getattr(exc, "headers", None) or {})
        return answer
    if status == 404:
        return not_found(
            request, f"Nothing lives at {request.url.path[:200]}.", [request.url.path.rsplit("/", 1)[-1]]
        )
    headers = getattr(exc, "headers", None)  # a 405's Allow
    return Response(str(getattr(exc, "detail", "")), status_code=status, headers=headers)


async def _value_error(request: Request, exc: Exception) -> Response:
    # A safety net: input the parsers let through but the engine refuses is still the client's error.
    if request.url.path.startswith("/api/"):
        return api_error(422, "bad parameters", str(exc)[:300])
    return bad_request(request, "parameters", str(exc)[:300])
