"""`/changes` (price changes by date, newest first, in pages of `PAGE_SIZE` rows, filtered by lab,
provider, model and dates) and `/changes.atom` (the same filters, the newest `FEED_DATES` dates).

Rates print as published (`formatting.usd`: `$1.50`, `$2`, `$0.075`), the same on the page, the
home page and the feed. The static build has no query: it writes the first page, without the
filter form or page links, and says where the rest is."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import Response

from modelvs.catalog import UnknownModelError
from modelvs.engine.changes import PriceChange, by_date, price_changes
from modelvs.formatting import usd
from modelvs.params import ParamError, parse_date, parse_int
from modelvs.views.escape import xml as esc
from modelvs.web.http.responses import conditional, state_of
from modelvs.web.http.state import WebState
from modelvs.web.pages.browse import page_path, pager, url_with
from modelvs.web.pages.render import bad_request, canonical_url, not_found, page

PAGE_SIZE = 100
"""Changes one `/changes` page lists (newest first)."""
FILTERS = ("lab", "provider", "model", "since", "until")
"""The query parameters that narrow the changes (the page and the feed read them all)."""
MAX_PAGE = 10_000
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


def _usd(value: Decimal | None) -> str:
    return "not priced" if value is None else usd(value)


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
        "old": _usd(c.old),
        "new": _usd(c.new),
        "unit": "" if c.component.startswith("per_unit.") else " per 1M",  # `per request` is in the label
        "direction": c.direction,
        "source": c.source,
    }


@dataclass(frozen=True)
class Filtered:
    """The changes a query selects, and the filters it set (as given, for links and the form)."""

    changes: list[PriceChange]
    filters: dict[str, str]


def _filtered(request: Request) -> Filtered | Response:
    web = state_of(request)
    cat = web.catalog
    q = request.query_params
    given = {k: v for k in FILTERS if (v := (q.get(k) or "").strip())}
    lab, provider, name = given.get("lab"), given.get("provider"), given.get("model")
    if lab is not None and lab not in cat.labs:
        return bad_request(request, "lab", f"no lab has the id {lab[:80]!r}")
    if provider is not None and provider not in cat.providers:
        return bad_request(request, "provider", f"no provider has the id {provider[:80]!r}")
    model = None
    if name is not None:
        model = web.by_slug.get(name)
        if model is None:
            try:
                model = cat.resolve(name[:200])
            except UnknownModelError:
                return bad_request(request, "model", f"no model matches {name[:80]!r}")
    try:
        since = parse_date(given.get("since"), "since")
        until = parse_date(given.get("until"), "until")
    except ParamError as err:
        return bad_request(request, err.param, err.detail)
    changes = [
        c
        for c in all_changes(web)
        if (lab is None or c.model.split("/", 1)[0] == lab)
        and (provider is None or c.provider == provider)
        and (model is None or c.model == model)
        and (since is None or c.effective >= since)
        and (until is None or c.effective <= until)
    ]
    return Filtered(changes, given)


def _choices(web: WebState) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(name, id) of the labs and of the providers that have a change, by name: the form's options."""
    changes = all_changes(web)
    cat = web.catalog
    labs = {c.model.split("/", 1)[0] for c in changes}
    providers = {c.provider for c in changes}
    return (
        sorted((cat.labs[x].name if x in cat.labs else x, x) for x in labs),
        sorted((cat.providers[x].name if x in cat.providers else x, x) for x in providers),
    )


def changes_page(request: Request) -> Response:
    """Price changes grouped by date, newest first, `PAGE_SIZE` rows a page; `FILTERS` narrow them."""
    found = _filtered(request)
    if isinstance(found, Response):
        return found
    web = state_of(request)
    try:
        page_no = parse_int(request.query_params.get("page"), "page", 1, 1, MAX_PAGE)
    except ParamError as err:
        return bad_request(request, err.param, err.detail)
    on = web.today()
    changes, filters = found.changes, found.filters
    start = (page_no - 1) * PAGE_SIZE
    if start and start >= len(changes):
        return not_found(request, f"The price changes of this filter end before page {page_no}.")

    def make() -> Response:
        shown = changes[start : start + PAGE_SIZE]
        groups = [
            (day.isoformat(), day > on, [change_row(web, c, on) for c in cs]) for day, cs in by_date(shown)
        ]
        query = f"?{urlencode(filters)}" if filters else ""
        canonical = (
            page_path("/changes", page_no)  # the address a static host serves too
            if page_no > 1 and not filters
            else url_with("/changes", [*filters.items(), *([("page", str(page_no))] if page_no > 1 else [])])
        )
        labs, providers = _choices(web)
        return page(
            request,
            "changes.html",
            title="Price changes" + (f", page {page_no}" if page_no > 1 else ""),
            description="Every dated price change in the catalog: route, mode, component, old and new price.",
            path=canonical,
            groups=groups,
            total=len(changes),
            pager=pager("/changes", request.query_params, page_no, len(changes), PAGE_SIZE),
            static=web.static,
            filters=filters,
            feed_url=f"/changes.atom{query}",
            labs=labs,
            providers=providers,
        )

    return conditional(request, make)


def page_count(web: WebState, params: dict[str, str]) -> int:
    """Pages of `/changes` without a filter (what a static build writes)."""
    return max(1, (len(all_changes(web)) + PAGE_SIZE - 1) // PAGE_SIZE)


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def changes_feed(request: Request) -> Response:
    """An Atom 1.0 feed of price changes: one entry per effective date, newest first."""
    found = _filtered(request)
    if isinstance(found, Response):
        return found
    changes, filters = found.changes, found.filters
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
                f" {esc(r['old'])} → {esc(r['new'])}{r['unit']}"
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
