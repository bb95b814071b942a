"""Comparison pages: `/compare/<a>-vs-<b>` (canonical); `/compare/<a>/<b>` and `/compare?models=`."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from html import escape
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import Response

from modelvs.catalog.pairs import pair_slug
from modelvs.catalog.search import find
from modelvs.engine.compare.comparison import model_count_problem
from modelvs.params import WORKLOAD_PARAMS, ParamError, parse_models, parse_workload
from modelvs.storage.bots import is_bot
from modelvs.views.blocks import Link
from modelvs.views.comparison.popular import popular_links
from modelvs.web.http.responses import CACHE_ERROR, conditional, html, redirect, state_of
from modelvs.web.http.state import WebState
from modelvs.web.pages.compare_formats import FORMATS, Format, build_page, split_format
from modelvs.web.pages.render import bad_request, not_found, page

MAX_SPLITS = 4
"""`-vs-` a pair URL may hold: one between the models, the rest inside their names."""
_VERSUS = re.compile(r"\s+vs\.?\s+", re.IGNORECASE)
"""`a vs b` typed into the search box: two names."""


def _query_suffix(request: Request, keep: tuple[str, ...] = WORKLOAD_PARAMS) -> str:
    items = [(k, v) for k, v in request.query_params.multi_items() if k in keep]
    return f"?{urlencode(items)}" if items else ""


def compare_pair(request: Request) -> Response:
    """The canonical comparison page of two models, in HTML or (`.md`, `.json`) another format of
    the same page; any other spelling answers 301."""
    web = state_of(request)
    pair: str = request.path_params["pair"]
    if pair.count("-vs-") > MAX_SPLITS:  # refused before any lookup: no slug holds that many
        return not_found(
            request, f"{pair[:100]!r} is not a comparison of two models.", pair.split("-vs-")[:2]
        )
    ids = web.pair_ids(pair)
    fmt = FORMATS[0]
    if ids is None:
        pair, fmt = split_format(pair)
        ids = web.pair_ids(pair)
    if ids is not None and pair_slug(web.catalog, *ids) == pair:
        return _comparison(request, web, list(ids), pair, fmt)
    # Try every `-vs-` split with the loose resolver (aliases, names, the other order).
    parts: list[tuple[str, str]] = []
    start = 0
    while (i := pair.find("-vs-", start)) != -1:
        parts.append((pair[:i], pair[i + 4 :]))
        start = i + 1
    for left, right in parts:
        a, b = web.resolve(left), web.resolve(right)
        if a is not None and b is not None:
            return _redirect_pair(request, web, a, b, fmt.suffix)
    if not parts:
        return not_found(
            request, f"{pair[:100]!r} is not a comparison: use /compare/<model>-vs-<model>.", [pair]
        )
    left, right = parts[0]
    return _unknown_pair(request, web, left, right)


def compare_two(request: Request) -> Response:
    """`/compare/<a>/<b>`: 301 to the canonical pair URL."""
    web = state_of(request)
    left, right = request.path_params["a"], request.path_params["b"]
    a, b = web.resolve(left), web.resolve(right)
    if a is None or b is None:
        return _unknown_pair(request, web, left, right)
    return _redirect_pair(request, web, a, b)


def compare_many(request: Request) -> Response:
    """`/compare?models=a,b,c`: up to ten models; canonical form is sorted unique slugs.

    What the header search submits: each name (`a, b` or `a vs b`) goes where its first
    suggestion goes (`catalog.search.find`); one model opens its page; a name nothing matches
    gets the not-found page with the closest names."""
    web = state_of(request)
    raw = request.query_params.get("models")
    try:
        names = [n for typed in parse_models(raw) for n in _VERSUS.split(typed) if n.strip()]
    except ParamError as err:
        if raw is None:
            return page(
                request,
                "compare_start.html",
                title="Compare models",
                description="Pick two to ten models to compare.",
                path="/compare",
            )
        return bad_request(request, err.param, err.detail)
    found = {n: _find(web, n) for n in dict.fromkeys(n.strip() for n in names)}
    unknown = [n for n, mid in found.items() if mid is None]
    if unknown:
        return not_found(request, f"No model matches {', '.join(repr(n[:80]) for n in unknown)}.", unknown)
    ids = list(dict.fromkeys(mid for mid in found.values() if mid is not None))
    if len(ids) > 1 and (problem := model_count_problem(len(ids))) is not None:
        return bad_request(request, "models", problem)
    if len(ids) == 1:
        return redirect(f"/models/{web.catalog.slugs[ids[0]]}")
    if len(ids) == 2:
        return _redirect_pair(request, web, ids[0], ids[1])
    slugs = sorted(web.catalog.slugs[m] for m in ids)
    if raw != ",".join(slugs):
        items = [("models", ",".join(slugs))] + [
            (k, v) for k, v in request.query_params.multi_items() if k in WORKLOAD_PARAMS
        ]
        return redirect(f"/compare?{urlencode(items, safe=',')}")
    ordered = [web.by_slug[s] for s in slugs]
    return _comparison(request, web, ordered, None, FORMATS[0])


def _find(web: WebState, name: str) -> str | None:
    """A model's id: its slug as the canonical URLs write it, else where the search's first
    suggestion goes (a search costs milliseconds; a slug is a lookup)."""
    return web.by_slug.get(name) or find(web.catalog, name, web.today())


def _redirect_pair(request: Request, web: WebState, a: str, b: str, suffix: str = "") -> Response:
    if a == b:
        return redirect(f"/models/{web.catalog.slugs[a]}")
    return redirect(f"/compare/{pair_slug(web.catalog, a, b)}{suffix}{_query_suffix(request)}")


def _unknown_pair(request: Request, web: WebState, left: str, right: str) -> Response:
    a, b = web.resolve(left), web.resolve(right)
    unknown = [n for n, m in ((left, a), (right, b)) if m is None]
    known = a or b
    pairs: list[str] = []
    if known is not None:
        from modelvs.web.pages.render import suggest

        pairs = [pair_slug(web.catalog, known, s) for s in suggest(web, unknown[0]) if s != known]
    message = f"No model matches {' or '.join(repr(n[:80]) for n in unknown)}."
    return not_found(request, message, unknown, pairs)


def _comparison(request: Request, web: WebState, ids: list[str], pair: str | None, fmt: Format) -> Response:
    try:
        workload = parse_workload(request.query_params)
    except ParamError as err:
        return bad_request(request, err.param, err.detail)
    if pair is not None and fmt is FORMATS[0] and not is_bot(request.headers.get("user-agent")):
        web.store.record_view(pair, datetime.now(UTC))
    slugs = [web.catalog.slugs[m] for m in ids]
    popular = _popular_links(web, slugs, pair)  # every format lists them (HTML, Markdown, JSON)

    def make() -> Response:
        body = fmt.render(request, build_page(web, ids, workload, pair, popular))
        return Response(body, media_type=fmt.media_type)

    return conditional(request, make, extra=[p.url for p in popular])


def fragment_error(status: int, param: str, detail: str) -> Response:
    """The error a fragment endpoint answers with: one short HTML paragraph the script can show."""
    name = escape(param)
    body = f'<p class="error" role="alert" data-param="{name}"><strong>{name}</strong> {escape(detail)}</p>'
    return html(body, status=status, cache=CACHE_ERROR)


def compare_fragment(request: Request) -> Response:
    """Every workload-dependent section of a comparison at the query's workload, as one HTML
    fragment the live form swaps in (`/compare/<pair>/fragment` or `/compare/fragment?models=`)."""
    web = state_of(request)
    pair: str | None = request.path_params.get("pair")
    if pair is not None:
        found = web.pair_ids(pair)
        if found is None:
            return fragment_error(404, "pair", f"{pair[:100]!r} is not a canonical comparison")
        ids = list(found)
    else:
        try:
            names = parse_models(request.query_params.get("models"))
        except ParamError as err:
            return fragment_error(422, err.param, err.detail)
        ids = []
        for n in names:
            mid = web.resolve(n)
            if mid is None:
                return fragment_error(404, "models", f"no model matches {n[:80]!r}")
            if mid not in ids:
                ids.append(mid)
        if (problem := model_count_problem(len(ids))) is not None:
            return fragment_error(422, "models", problem)
    try:
        workload = parse_workload(request.query_params)
    except ParamError as err:
        return fragment_error(422, err.param, err.detail)

    def make() -> Response:
        response = html(web.render("compare_live.html", page=build_page(web, ids, workload, pair)))
        response.headers["X-Robots-Tag"] = "noindex"
        return response

    return conditional(request, make)


def _popular_links(web: WebState, slugs: list[str], current: str | None) -> tuple[Link, ...]:
    """The most viewed comparisons, those of the compared models first (at most ten)."""
    ranked = ((p, ids) for p, _ in web.popular() if (ids := web.pair_ids(p)) is not None)
    compared = [web.by_slug[s] for s in slugs]
    return popular_links(web.catalog, ranked, compared, current, web.linkable)
