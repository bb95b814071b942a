"""Rendering pages: the base context every template gets, links, and the HTML error pages."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import HTMLResponse

from modelvs.catalog.notability import most_notable
from modelvs.catalog.stats import source_freshness
from modelvs.web.http.hosts import SiteHosts
from modelvs.web.http.responses import CACHE_ERROR, html, json_ld, state_of
from modelvs.web.http.state import WebState, suggest

__all__ = ["bad_request", "canonical_url", "not_found", "page", "page_body", "pair_link", "suggest"]

SUGGESTED_NAMES = 3
"""Unknown names of one request that the 404 page offers suggestions for."""
NOTABLE_SHOWN = 8
"""The most notable models the 404 page lists when no name comes close."""


def canonical_url(request: Request, path: str) -> str:
    """The absolute URL of `path`: on the configured base URL, else on the request's host if it
    is a trusted one, else on the first trusted host (see `modelvs.web.http.hosts`)."""
    hosts: SiteHosts = request.app.state.hosts
    return hosts.origin(request.scope) + path


def page_body(
    request: Request,
    template: str,
    *,
    title: str,
    description: str,
    path: str,
    structured: list[Any] | None = None,
    noindex: bool = False,
    **context: Any,
) -> str:
    """Render `template` with the base layout's context."""
    web = state_of(request)
    return web.render(
        template,
        title=title,
        description=description,
        canonical=canonical_url(request, path),
        json_ld=[Markup(json_ld(s)) for s in structured or []],  # <, > and & are \\u-escaped
        catalog_version=web.catalog.version[:12],
        refreshed=source_freshness(web.catalog, web.today()),
        on=web.today().isoformat(),
        noindex=noindex,
        **context,
    )


def page(request: Request, template: str, *, status: int = 200, **context: Any) -> HTMLResponse:
    """A rendered page (see `page_body`); error pages are cached briefly."""
    body = page_body(request, template, **context)
    return html(body, status=status, cache=CACHE_ERROR if status >= 400 else None)


def model_link(web: WebState, model_id: str) -> dict[str, str]:
    return {"url": f"/models/{web.catalog.slugs[model_id]}", "title": web.catalog.models[model_id].name}


def pair_link(web: WebState, pair: str, note: str = "") -> dict[str, str] | None:
    """A link to a comparison page, or None when there is no such page (here)."""
    ids = web.pair_ids(pair)
    if ids is None or not web.linkable(pair):
        return None
    names = [web.catalog.models[m].name for m in ids]
    return {"url": f"/compare/{pair}", "title": f"{names[0]} vs {names[1]}", "note": note}


def not_found(
    request: Request, what: str, names: list[str] | None = None, pairs: list[str] | None = None
) -> HTMLResponse:
    """The 404 page: what was not found, and the closest models (or pairs) to try instead."""
    web = state_of(request)
    suggestions: list[dict[str, str]] = []
    for name in (names or [])[:SUGGESTED_NAMES]:  # suggestions for the names the page shows first
        for mid in suggest(web, name):
            found = model_link(web, mid)
            if found not in suggestions:
                suggestions.append(found)
    pair_links = [link for p in pairs or [] if (link := pair_link(web, p)) is not None]
    notable: list[dict[str, str]] = []
    if not suggestions and not pair_links:  # nothing is close: never a page with nowhere to go
        notable = [model_link(web, m) for m in most_notable(web.catalog, web.today(), NOTABLE_SHOWN)]
    return page(
        request,
        "not_found.html",
        title="Not found",
        description=what,
        path=request.url.path,
        status=404,
        noindex=True,
        message=what,
        suggestions=suggestions,
        pair_suggestions=pair_links,
        notable=notable,
    )


def bad_request(request: Request, param: str, detail: str) -> HTMLResponse:
    """A 422 page saying which parameter is wrong and what it accepts."""
    return page(
        request,
        "error.html",
        title="Cannot use these parameters",
        description=detail,
        path=request.url.path,
        status=422,
        noindex=True,
        param=param,
        detail=detail,
        request_path=request.url.path,
    )
