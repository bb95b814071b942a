"""The calculator: every model that meets the requirements, ranked by monthly cost at the reader's traffic."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any, NamedTuple

from markupsafe import Markup
from starlette.datastructures import QueryParams
from starlette.requests import Request
from starlette.responses import Response

from modelvs.catalog import Catalog
from modelvs.engine.monthly import TIE_RULE, kept
from modelvs.engine.quality import arena_credit, categories, plus_minus
from modelvs.engine.rank import Needs, Ranked, RankOrder, ranking
from modelvs.engine.value import value_map
from modelvs.engine.workload import Workload, describe
from modelvs.formatting import exact, money
from modelvs.params import ParamError, needs_in, parse_int, parse_order, parse_workload
from modelvs.schema.vocab import CAPABILITY_LABELS, Modality
from modelvs.views.charts import ranking_chart, value_chart
from modelvs.views.costs import rank_view
from modelvs.views.workload_form import workload_form
from modelvs.web.http.responses import conditional, html, state_of
from modelvs.web.http.state import WebState
from modelvs.web.pages.browse import pager
from modelvs.web.pages.grid import html_text
from modelvs.web.pages.render import bad_request, page

PAGE_SIZE = 50
ORDER_LABELS = {
    RankOrder.COST: "Monthly cost, cheapest first",
    RankOrder.RATING: "Arena rating, highest first",
    RankOrder.VALUE: "Rating points per dollar, highest first",
}
CHART_MODELS = 5
"""Top models of the page the ranking chart draws."""


def ranked(
    web: WebState, needs: Needs, workload: Workload, on: dt.date, order: RankOrder = RankOrder.COST
) -> Sequence[Ranked]:
    """All models meeting `needs`, cheapest first or by `order` (cached per needs, workload, date
    and catalog)."""
    key = ("rank", needs, workload, on, order, web.catalog.version)
    result: Sequence[Ranked] = web.pages.get_or_make(
        key, lambda: ranking(web.catalog, needs, workload, on, order)
    )
    return result


def check_category(catalog: Catalog, category: str) -> None:
    """A `ParamError` unless `category` is one of the Arena's."""
    known = [c for c, _ in categories(catalog)]
    if known and category not in known:
        raise ParamError("rating_category", f"takes one of {', '.join(known)}, got {category[:40]!r}")


def ranked_view(
    web: WebState,
    needs: Needs,
    workload: Workload,
    offset: int,
    limit: int,
    order: RankOrder = RankOrder.COST,
    on: dt.date | None = None,
) -> dict[str, Any]:
    """`rank_view` of one page of the ranking, ranks counted from the top; `total` is the whole count."""
    on = on or web.today()
    everything = ranked(web, needs, workload, on, order)
    view = rank_view(web.catalog, everything[offset : offset + limit], needs, workload, on)
    for i, row in enumerate(view["models"], start=offset + 1):
        row["rank"] = i
    view["total"] = len(everything)
    view["offset"] = offset
    view["limit"] = limit
    return view


def _inputs(request: Request) -> tuple[Workload, Needs, int, RankOrder] | ParamError:
    q = request.query_params
    try:
        workload = parse_workload(q)
        needs = needs_in(q)
        check_category(state_of(request).catalog, needs.rating_category)
        order = parse_order(q.get("sort"))
        page_no = parse_int(q.get("page"), "page", 1, 1, 10_000)
    except ParamError as err:
        return err
    return workload, needs, page_no, order


def _results(
    request: Request, workload: Workload, needs: Needs, page_no: int, order: RankOrder
) -> dict[str, Any]:
    """What the ranking (the live region) shows: rows, pager and the traffic chart of the top models."""
    web = state_of(request)
    q = request.query_params
    offset = (page_no - 1) * PAGE_SIZE
    on = web.today()
    everything = ranked(web, needs, workload, on, order)
    shown = everything[offset : offset + PAGE_SIZE]
    # What the page prints, straight from the ranking: the API's records (`ranked_view`) itemise
    # every row's requests and notes, which no row of the page shows.
    view = {
        "workload": {"description": describe(workload)},
        "needs": needs.describe(),
        "on": on.isoformat(),
        "tie_rule": TIE_RULE,
        "total": len(everything),
    }
    catalog = web.catalog
    top = [
        (catalog.models[r.model].name, catalog.providers[r.cost.provider].name, Decimal(exact(monthly)))
        for r in shown[:CHART_MODELS]
        if (monthly := r.cost.monthly) is not None
    ]
    chart = ranking_chart(top)
    marked = [r.model for r in shown[:CHART_MODELS]]
    value = value_chart(web.catalog, value_map(web.catalog, workload, on, marked, needs.rating_category))
    total = len(everything)
    pages = (total + PAGE_SIZE - 1) // PAGE_SIZE
    links = pager("/calculator", q, page_no, total, PAGE_SIZE)
    return {
        "view": view,
        "rows": table_rows(catalog, shown, offset + 1),
        "charts": [c for c in (chart, value) if c is not None],
        "order": order.value,
        "credit": arena_credit(web.catalog),
        "page_no": page_no,
        "pages": pages,
        "prev_url": links.prev_url,
        "next_url": links.next_url,
    }


def table_rows(catalog: Catalog, shown: Sequence[Ranked], first: int) -> Markup:
    """The ranking table's rows (`first` the rank of the first), built in Python as `grid` builds
    the site's tables. The model and route cells of a row are kept per catalog, model and route
    (every request count prints them again), so a row formats only its rank, cost, rating and fees."""
    heads: dict[tuple[str, str], str] = kept(catalog, ("calculator row heads",), dict)
    out = []
    for rank_no, r in enumerate(shown, start=first):
        cost = r.cost
        head = heads.get((r.model, r.route))
        if head is None:
            head = heads[r.model, r.route] = _row_head(catalog, r.model, cost.provider)
        monthly = money(cost.monthly) if cost.monthly is not None else "not priced"
        fees = "; ".join(
            f"{f.percent}% {f.kind.value.replace('_', ' ')}: {money(f.amount)}" for f in cost.fees
        )
        rating = plus_minus(r.rating) if r.rating is not None else "not rated"
        out.append(
            f'\n    <tr><td data-label="Rank">{rank_no}</td>{head}'
            f'<td data-label="Monthly cost">{html_text(monthly)}</td>'
            f'<td data-label="Arena rating">{html_text(rating)}</td>'
            f'<td class="hide-phone" data-label="Fees">{html_text(fees or "none")}</td></tr>'
        )
    return Markup("".join(out))


def _row_head(catalog: Catalog, model_id: str, provider_id: str) -> str:
    """A row's model (its header) and route cells."""
    url, name = f"/models/{catalog.slugs[model_id]}", catalog.models[model_id].name
    provider = catalog.providers[provider_id].name
    return (
        f'<th scope="row"><a href="{html_text(url)}">{html_text(name)}</a></th>'
        '<td data-label="Cheapest route">'
        f'<a href="/providers/{html_text(provider_id)}">{html_text(provider)}</a></td>'
    )


class Choice(NamedTuple):
    """One option of the requirements form: a checkbox or a select's option."""

    id: str
    label: str
    chosen: bool


def calculator(request: Request) -> Response:
    """The calculator page: the workload and requirements form, the ranking and a traffic chart."""
    found = _inputs(request)
    if isinstance(found, ParamError):
        return bad_request(request, found.param, found.detail)
    workload, needs, page_no, order = found
    q = request.query_params
    web = state_of(request)

    def make() -> Response:
        return page(
            request,
            "calculator.html",
            title="Cost calculator: every model at your traffic",
            description="Every model that meets your requirements, ranked by monthly cost at your traffic.",
            path="/calculator",
            form=workload_form(
                workload, "/calculator", None if web.static else "/calculator/fragment", ("calc-live",)
            ),
            capabilities=[
                Choice(c.value, label, c in needs.capabilities) for c, label in CAPABILITY_LABELS.items()
            ],
            modalities=[Choice(m.value, m.value, m in needs.input_modalities) for m in Modality],
            min_context=q.get("min_context", ""),
            min_rating=q.get("min_rating", ""),
            rating_categories=[
                Choice(cid, name, cid == needs.rating_category) for cid, name in categories(web.catalog)
            ],
            orders=[Choice(o.value, ORDER_LABELS[o], o is order) for o in RankOrder],
            **_results(request, workload, needs, page_no, order),
        )

    return conditional(request, make)


def calculator_fragment(request: Request) -> Response:
    """The calculator's results (ranking, pager, chart) as an HTML fragment for the live calculator."""
    from modelvs.web.pages.compare_pages import fragment_error

    found = _inputs(request)
    if isinstance(found, ParamError):
        return fragment_error(422, found.param, found.detail)
    workload, needs, page_no, order = found

    def make() -> Response:
        web = state_of(request)
        body = web.render("calculator_results.html", **_results(request, workload, needs, page_no, order))
        response = html(body)
        response.headers["X-Robots-Tag"] = "noindex"
        return response

    return conditional(request, make)


def page_count(web: WebState, params: dict[str, str]) -> int:
    """Pages of the ranking at the default workload and needs (what a static build writes)."""
    empty = QueryParams()
    everything = ranked(web, needs_in(empty), parse_workload(empty), web.today(), parse_order(None))
    return max(1, (len(everything) + PAGE_SIZE - 1) // PAGE_SIZE)
