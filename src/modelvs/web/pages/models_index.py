"""`/models`: every model in one sortable, filterable, paged table; its state lives in the URL, and
the same query is one click away as JSON (`/api/v1/models`) and CSV (`/api/v1/models.csv`).

A static build writes the default order only: its pages at `/models/page/N`, no sort links or
filter form (a static host cannot read a query), and JSON and CSV links to the files it writes."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from starlette.datastructures import QueryParams
from starlette.requests import Request
from starlette.responses import Response

from modelvs.engine.quality import arena_credit
from modelvs.formatting import usd
from modelvs.params import ParamError, parse_date, parse_int
from modelvs.schema.vocab import CAPABILITY_LABELS, MODEL_KIND_LABELS
from modelvs.views.model_list import (
    CHEAPEST_RULE,
    STATUS_LABELS,
    ModelRow,
    RoutePrice,
    SortKey,
    Status,
    list_models,
    with_page,
)
from modelvs.views.model_records import parse_model_query
from modelvs.web.http.responses import conditional, state_of
from modelvs.web.http.state import WebState
from modelvs.web.pages.browse import PAGE_SIZE, page_path, pager, query_without, sort_links, url_with
from modelvs.web.pages.render import bad_request, page

COLUMNS = (
    ("name", "Model"),
    ("lab", "Lab"),
    ("kind", "Kind"),
    ("context", "Context"),
    ("lab_input", "input"),
    ("lab_output", "output"),
    ("input", "input"),
    ("output", "output"),
    ("rating", "Rating"),
)
CAPS_SHOWN = 3
ORDERS = (
    ("", "Most notable first"),
    ("name", "Name, A to Z"),
    ("lab", "Lab, A to Z"),
    ("-context", "Largest context first"),
    ("input", "Cheapest input (vetted route)"),
    ("output", "Cheapest output (vetted route)"),
    ("lab_input", "Cheapest input (lab's own API)"),
    ("lab_output", "Cheapest output (lab's own API)"),
    ("-rating", "Highest rated first"),
)
"""The filter form's orders: what the column headers sort by, where a phone does not show them."""


def models_index(request: Request) -> Response:
    web = state_of(request)
    q = request.query_params
    try:
        query = parse_model_query(web.catalog, q, default_limit=None)
        page_no = parse_int(q.get("page"), "page", 1, 1, 10_000)
        on = parse_date(q.get("on")) or web.today()
    except ParamError as err:
        return bad_request(request, err.param, err.detail)
    query = with_page(query, (page_no - 1) * PAGE_SIZE, PAGE_SIZE)

    def make() -> Response:
        found = list_models(web.catalog, query, on)
        data = query_without(q, "page")
        api = [*data, ("offset", str(query.offset)), ("limit", str(PAGE_SIZE))]
        # A static host answers every query with the plain file: link the files the build writes.
        json_url, csv_url = (
            ("/api/v1/models.json", "/api/v1/models.csv")
            if web.static
            else (url_with("/api/v1/models", api), url_with("/api/v1/models.csv", api))
        )
        return page(
            request,
            "models_index.html",
            title="Every model: prices, context and capabilities",
            description=f"All {len(web.catalog.models):,} models of the catalog, sortable and filterable, "
            "with prices on the lab's own API and on the cheapest vetted route.",
            path=page_path("/models", page_no) if page_no > 1 and not data else "/models",
            rows=[_row(r) for r in found.rows],
            pager=pager("/models", q, page_no, found.total),
            sorts=sort_links(
                "/models", q, COLUMNS, query.sort.value, query.descending, offered=not web.static
            ),
            filters=None if web.static else _filters(web.catalog, q),
            json_url=json_url,
            csv_url=csv_url,
            static=web.static,
            cheapest_rule=CHEAPEST_RULE,
            filtered=bool(query_without(q, "page", "sort")),
            by_relevance=query.sort is SortKey.RELEVANCE,
            relevance_url=url_with("/models", query_without(q, "page", "sort")),
            retired_hidden=not query.statuses,
            price_day=on.isoformat(),
            credit=arena_credit(web.catalog),
        )

    return conditional(request, make)


def page_count(web: WebState, params: dict[str, str]) -> int:
    """Pages of `/models` at its default query (what a static build writes)."""
    query = parse_model_query(web.catalog, QueryParams(), default_limit=None)
    total = list_models(web.catalog, with_page(query, 0, 1), web.today()).total
    return max(1, (total + PAGE_SIZE - 1) // PAGE_SIZE)


def _price(value: Decimal | None) -> str:
    return "-" if value is None else usd(value)


def _route(price: RoutePrice | None) -> dict[str, str] | None:
    if price is None:
        return None
    return {
        "input": _price(price.input),
        "output": _price(price.output),
        "provider": price.provider_name,
        "provider_id": price.provider,
    }


def _row(row: ModelRow) -> dict[str, Any]:
    caps = [CAPABILITY_LABELS[c] for c in row.capabilities]
    shown = ", ".join(caps[:CAPS_SHOWN]) + (
        f" and {len(caps) - CAPS_SHOWN} more" if len(caps) > CAPS_SHOWN else ""
    )
    return {
        "url": f"/models/{row.slug}",
        "name": row.name,
        "id": row.id,
        "lab": row.lab_name,
        "kind": MODEL_KIND_LABELS[row.kind] if row.kind else "unknown",
        "context": f"{row.context_window:,}" if row.context_window else "unknown",
        "lab_route": _route(row.lab_route),
        "cheapest": _route(row.cheapest),
        "capabilities": shown or "none known",
        "rating": "not rated" if row.rating is None else f"{row.rating:,.0f}",
        "status": STATUS_LABELS[row.status],
        "ended": row.status in (Status.DEPRECATED, Status.RETIRED),
    }


def _filters(catalog: Any, q: Any) -> dict[str, Any]:
    """The filter form's fields with the values the URL holds."""

    def options(pairs: list[tuple[str, str]], name: str) -> list[dict[str, Any]]:
        chosen = set(q.getlist(name))
        return [{"value": v, "label": label, "selected": v in chosen} for v, label in pairs]

    labs = sorted(((lid, lab.name) for lid, lab in catalog.labs.items()), key=lambda p: p[1].casefold())
    return {
        "q": q.get("q") or "",
        "labs": options(labs, "lab"),
        "kinds": options([(k.value, label) for k, label in MODEL_KIND_LABELS.items()], "kind"),
        "capabilities": options([(c.value, label) for c, label in CAPABILITY_LABELS.items()], "capability"),
        "statuses": options([(s.value, STATUS_LABELS[s]) for s in Status], "status"),
        "min_context": q.get("min_context") or "",
        "max_input_price": q.get("max_input_price") or "",
        "sorts": options(_orders(q.get("sort") or ""), "sort"),
    }


def _orders(current: str) -> list[tuple[str, str]]:
    """`ORDERS`, and the URL's own order where a column header chose another one."""
    if current and current not in {value for value, _ in ORDERS}:
        return [*ORDERS, (current, "As the column header chose")]
    return list(ORDERS)
