"""`/changes` (price changes by date, filterable by provider and model) and `/changes.atom`."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import Response

from modelvs.catalog import UnknownModelError
from modelvs.engine.changes import PriceChange, by_date, price_changes
from modelvs.views.escape import xml as esc
from modelvs.web.http.responses import conditional, state_of
from modelvs.web.http.state import WebState
from modelvs.web.pages.render import bad_request, canonical_url, page

MAX_ROWS = 500
"""Changes one `/changes` page lists (newest first); filters narrow the rest."""
FEED_DATES = 50
"""Dates (entries) the feed carries."""
FEED_ID = "tag:modelvs,2025:price-changes"
"""Prefix of the feed's and its entries' ids (stable across hosts and builds)."""


def all_changes(web: WebState) -> list[PriceChange]:
    """Every price change in the catalog, newest first (cached per catalog version)."""
    result: list[PriceChange] = web.pages.get_or_make(
        ("price-changes", web.catalog.version), lambda: price_changes(web.catalog)
    )
    return result


def recent_changes(web: WebState, limit: int = 6) -> list[dict[str, Any]]:
    """The newest changes already in effect, as rows for the home page."""
    on = web.today()
    return [change_row(web, c, on) for c in all_changes(web) if c.effective <= on][:limit]


def component_label(component: str) -> str:
    """`tier>200000.input` as `input, prompt > 200,000 tokens`; `cache_write.5m` as `cache write (5m)`."""
    if component.startswith("tier"):
        head, _, name = component.partition(".")
        cmp = ">=" if head[4:6] == ">=" else ">"
        return f"{component_label(name)}, prompt {cmp} {int(head[4 + len(cmp) :]):,} tokens"
    if component.startswith("per_unit."):
        return "per " + component.removeprefix("per_unit.").replace("_", " ")
    if component.startswith("cache_write."):
        return f"cache write ({component.removeprefix('cache_write.')})"
    return component.replace("_", " ")


def _usd(value: Decimal | None, component: str) -> str:
    if value is None:
        return "not priced"
    unit = "" if component.startswith("per_unit.") else " per 1M"
    return f"${value.normalize():f}{unit}"


def change_row(web: WebState, c: PriceChange, on: dt.date) -> dict[str, Any]:
    """A change as the templates and the feed show it."""
    cat = web.catalog
    provider = cat.providers.get(c.provider)
    model = cat.models.get(c.model)
    return {
        "key": c.key,
        "date": c.effective.isoformat(),
        "scheduled": c.effective > on,
        "provider": provider.name if provider is not None else c.provider,
        "provider_id": c.provider,
        "model": model.name if model is not None else c.model,
        "model_url": f"/models/{cat.slugs[c.model]}" if c.model in cat.slugs else None,
        "mode": c.mode,
        "component": component_label(c.component),
        "old": _usd(c.old, c.component),
        "new": _usd(c.new, c.component),
        "direction": c.direction,
        "source": c.source,
    }


def _filtered(request: Request) -> tuple[list[PriceChange], dict[str, str]] | Response:
    web = state_of(request)
    q = request.query_params
    provider = (q.get("provider") or "").strip() or None
    name = (q.get("model") or "").strip() or None
    if provider is not None and provider not in web.catalog.providers:
        return bad_request(request, "provider", f"no provider has the id {provider[:80]!r}")
    model = None
    if name is not None:
        model = web.by_slug.get(name)
        if model is None:
            try:
                model = web.catalog.resolve(name[:200])
            except UnknownModelError:
                return bad_request(request, "model", f"no model matches {name[:80]!r}")
    changes = [
        c
        for c in all_changes(web)
        if (provider is None or c.provider == provider) and (model is None or c.model == model)
    ]
    filters = {k: v for k, v in (("provider", provider), ("model", name)) if v is not None}
    return changes, filters


def changes_page(request: Request) -> Response:
    """Price changes grouped by date, newest first; `?provider=` and `?model=` narrow them."""
    found = _filtered(request)
    if isinstance(found, Response):
        return found
    changes, filters = found
    web = state_of(request)
    on = web.today()

    def make() -> Response:
        shown = changes[:MAX_ROWS]
        groups = [
            (day.isoformat(), day > on, [change_row(web, c, on) for c in cs]) for day, cs in by_date(shown)
        ]
        query = f"?{urlencode(filters)}" if filters else ""
        return page(
            request,
            "changes.html",
            title="Price changes",
            description="Every dated price change in the catalog: route, mode, component, old and new price.",
            path="/changes",
            groups=groups,
            total=len(changes),
            shown=len(shown),
            filters=filters,
            feed_url=f"/changes.atom{query}",
            providers=sorted((p.name, pid) for pid, p in web.catalog.providers.items()),
        )

    return conditional(request, make)


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def changes_feed(request: Request) -> Response:
    """An Atom 1.0 feed of price changes: one entry per effective date, newest first."""
    found = _filtered(request)
    if isinstance(found, Response):
        return found
    changes, filters = found
    web = state_of(request)
    on = web.today()

    def make() -> Response:
        query = f"?{urlencode(filters)}" if filters else ""
        groups = by_date(changes)[:FEED_DATES]
        newest = groups[0][0] if groups else (web.newest_source or on)
        suffix = f"?{urlencode(sorted(filters.items()))}" if filters else ""
        feed_title = "modelvs price changes" + (f" ({', '.join(filters.values())})" if filters else "")
        self_url = canonical_url(request, "/changes.atom" + query)
        html_url = canonical_url(request, "/changes" + query)
        out = [
            '<?xml version="1.0" encoding="utf-8"?>',
            '<feed xmlns="http://www.w3.org/2005/Atom">',
            f"<id>{esc(FEED_ID + suffix)}</id>",
            f"<title>{esc(feed_title)}</title>",
            "<subtitle>Dated LLM price changes from the modelvs catalog, with their sources.</subtitle>",
            f"<updated>{_stamp(newest)}</updated>",
            f'<link rel="self" type="application/atom+xml" href="{esc(self_url)}"/>',
            f'<link rel="alternate" type="text/html" href="{esc(html_url)}"/>',
            "<author><name>modelvs</name></author>",
        ]
        for day, cs in groups:
            rows = [change_row(web, c, on) for c in cs]
            routes = sorted({f"{r['model']} on {r['provider']}" for r in rows})
            lead = "Scheduled: " if day > on else ""
            title = (
                f"{lead}{len(rows)} price change{'s' if len(rows) != 1 else ''} on {day.isoformat()}: "
                + (", ".join(routes[:3]) + (f" and {len(routes) - 3} more" if len(routes) > 3 else ""))
            )
            items = "".join(
                f"<li>{esc(r['model'])} on {esc(r['provider'])} ({esc(r['mode'])}), {esc(r['component'])}:"
                f" {esc(r['old'])} → {esc(r['new'])}"
                + (f" (source: {esc(r['source']['name'])})" if r["source"] else "")
                + "</li>"
                for r in rows
            )
            link = canonical_url(request, f"/changes{query}#d-{day.isoformat()}")
            out += [
                "<entry>",
                f"<id>{esc(f'{FEED_ID}/{day.isoformat()}{suffix}')}</id>",
                f"<title>{esc(title)}</title>",
                f"<updated>{_stamp(day)}</updated>",
                f'<link rel="alternate" type="text/html" href="{esc(link)}"/>',
                f'<content type="html">{esc(f"<ul>{items}</ul>")}</content>',
                "</entry>",
            ]
        out.append("</feed>")
        return Response("\n".join(out) + "\n", media_type="application/atom+xml; charset=utf-8")

    return conditional(request, make)
