"""The JSON API under `/api/v1/`: the same view records the CLI prints; every list also as CSV.

Each endpoint reads its parameters into a view (a `TypedDict` record of `views/`, which is also what
`/openapi.json` documents) and answers it as JSON, or, for the `.csv` twin of a list, as its rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from typing_extensions import TypedDict

from modelvs.catalog.lifecycle import NotYetReleasedError, require_released
from modelvs.catalog.stats import source_freshness
from modelvs.engine.compare import compare as compare_models
from modelvs.engine.compare import comparison_to_dict
from modelvs.engine.compare.comparison import model_count_problem
from modelvs.engine.monthly import model_costs
from modelvs.params import (
    ParamError,
    needs_in,
    parse_date,
    parse_int,
    parse_models,
    parse_order,
    parse_routes,
    parse_workload,
)
from modelvs.views.costs import cost_view
from modelvs.views.model import model_view
from modelvs.views.model_list import list_models
from modelvs.views.model_records import CSV_COLUMNS, csv_row, model_list_page, parse_model_query, to_csv
from modelvs.views.records import as_dict, record
from modelvs.web.http.responses import JSON, api_error, conditional, dumps, state_of
from modelvs.web.http.state import WebState, search_models, suggest
from modelvs.web.pages.calculator import check_category, ranked_view

API_VERSION = "1"
REFRESHED_HEADER = "Modelvs-Sources-Refreshed"
"""On every API answer: each imported source's snapshot date, as a structured-field dictionary
(RFC 8941) of strings, `models-dev="2026-12-02", genai-prices="2026-12-02"`."""
SEARCH_LIMIT = 50
RANK_LIMIT = 1000
View = dict[str, Any]


@record
class SearchResult(TypedDict):
    id: str
    slug: str
    name: str
    lab: str
    """The lab's name."""
    url: str


@record
class SearchPage(TypedDict):
    """Models matching what has been typed, best first."""

    version: str
    query: str
    results: list[SearchResult]


@record
class ProviderFeeRecord(TypedDict):
    kind: str
    percent: str
    description: str


@record
class ProviderRecord(TypedDict):
    id: str
    name: str
    kind: str
    """first-party, cloud or aggregator."""
    trust: str
    """first_party, major_cloud, established or reseller: how far default answers trust it."""
    lab: str | None
    """The lab whose own API this is, for a first-party provider."""
    routes: int
    fees: list[ProviderFeeRecord]
    url: str


@record
class ProvidersPage(TypedDict):
    version: str
    providers: list[ProviderRecord]
    refreshed: dict[str, str]
    """Source id -> the date (YYYY-MM-DD) its prices were last taken in (also the
    `Modelvs-Sources-Refreshed` header of every answer)."""


class _RefusedError(Exception):
    """A request the API answers with an error instead of a view."""

    def __init__(self, response: JSON) -> None:
        self.response = response


def _unprocessable(err: ParamError) -> _RefusedError:
    return _RefusedError(
        api_error(422, f"bad parameter: {err.param}", f"{err.param} {err.detail}", param=err.param)
    )


def _unknown(web: WebState, name: str) -> _RefusedError:
    return _RefusedError(
        api_error(
            404,
            "unknown model",
            f"no model matches {name[:200]!r}; pass a canonical id, slug, name or alias",
            suggestions=suggest(web, name),
        )
    )


def _day(web: WebState, request: Request) -> dt.date:
    """`on` (YYYY-MM-DD), else the app's today."""
    try:
        return parse_date(request.query_params.get("on")) or web.today()
    except ParamError as err:
        raise _unprocessable(err) from None


def _model(web: WebState, name: str, on: dt.date) -> str:
    mid = web.resolve(name)
    if mid is None:
        raise _unknown(web, name)
    try:
        require_released(mid, web.catalog.models[mid], on)
    except NotYetReleasedError as err:
        raise _unprocessable(ParamError("on", str(err))) from None
    return mid


def refreshed(web: WebState) -> dict[str, str]:
    """Source id -> its snapshot date: when the catalog last took each source's prices in."""
    return {f.source: f.retrieved.isoformat() for f in source_freshness(web.catalog, web.today())}


def stamp_refreshed(request: Request, response: Response) -> Response:
    """The answer with the `Modelvs-Sources-Refreshed` header."""
    web = state_of(request)
    value: str = web.pages.get_or_make(
        ("refreshed-header", web.catalog.version),
        lambda: ", ".join(f'{sid}="{day}"' for sid, day in refreshed(web).items()),
    )
    response.headers[REFRESHED_HEADER] = value
    return response


def _answer(request: Request, make: Callable[[], View], csv: Callable[[View], str] | None = None) -> Response:
    """The view `make` builds, as JSON or (for a `.csv` path) as CSV; a refusal as its error."""
    try:
        view = make()
    except _RefusedError as refused:
        return stamp_refreshed(request, refused.response)
    except ParamError as err:
        return stamp_refreshed(request, _unprocessable(err).response)
    if csv is not None:
        body = csv(view)
        return stamp_refreshed(
            request, conditional(request, lambda: Response(body, media_type="text/csv; charset=utf-8"))
        )
    return stamp_refreshed(request, conditional(request, lambda: JSON(view)))


def _table(
    columns: Sequence[str], rows: Callable[[View], Iterable[Sequence[object]]]
) -> Callable[[View], str]:
    return lambda view: to_csv(columns, rows(view))


def _models_view(request: Request) -> View:
    web = state_of(request)
    query = parse_model_query(web.catalog, request.query_params)
    return as_dict(model_list_page(list_models(web.catalog, query, _day(web, request)), API_VERSION))


def models(request: Request) -> Response:
    """The model index: filters, sort and pages as `/models` takes them; prices on the lab's and the
    cheapest vetted route."""
    return _answer(request, lambda: _models_view(request))


def models_csv(request: Request) -> Response:
    return _answer(
        request, lambda: _models_view(request), lambda v: to_csv(CSV_COLUMNS, map(csv_row, v["models"]))
    )


def model(request: Request) -> Response:
    web = state_of(request)

    def make() -> View:
        on = _day(web, request)
        return model_view(web.catalog, _model(web, request.path_params["slug"], on), on)

    return _answer(request, make)


def _providers_view(request: Request) -> View:
    cat = state_of(request).catalog
    rows = [
        ProviderRecord(
            id=pid,
            name=p.name,
            kind=p.kind.value,
            trust=p.trust.value,
            lab=p.lab,
            routes=len(cat.routes_by_provider.get(pid, ())),
            fees=[
                ProviderFeeRecord(kind=f.kind.value, percent=str(f.percent), description=f.description)
                for f in p.fees
            ],
            url=f"/providers/{pid}",
        )
        for pid, p in sorted(cat.providers.items())
    ]
    return as_dict(ProvidersPage(version=API_VERSION, providers=rows, refreshed=refreshed(state_of(request))))


def providers(request: Request) -> Response:
    return _answer(request, lambda: _providers_view(request))


def providers_csv(request: Request) -> Response:
    columns = ("id", "name", "kind", "trust", "lab", "routes", "fees")

    def rows(view: View) -> Iterable[Sequence[object]]:
        for p in view["providers"]:
            fees = "; ".join(f"{f['percent']}% {f['kind']}" for f in p["fees"])
            yield (p["id"], p["name"], p["kind"], p["trust"], p["lab"], p["routes"], fees)

    return _answer(request, lambda: _providers_view(request), _table(columns, rows))


def compare(request: Request) -> Response:
    web = state_of(request)
    try:
        names = parse_models(request.query_params.get("models"))
        workload = parse_workload(request.query_params)
        routes = parse_routes(request.query_params.get("routes"))
        on = _day(web, request)
        ids: list[str] = []
        for n in names:
            mid = _model(web, n, on)
            if mid not in ids:
                ids.append(mid)
    except ParamError as err:
        return stamp_refreshed(request, _unprocessable(err).response)
    except _RefusedError as refused:
        return stamp_refreshed(request, refused.response)
    if (problem := model_count_problem(len(ids))) is not None:
        wrong = api_error(422, "bad parameter: models", f"models {problem}", param="models")
        return stamp_refreshed(request, wrong)

    def body() -> bytes:
        return dumps(comparison_to_dict(compare_models(web.catalog, ids, workload, on, routes)))

    # Serialising a comparison costs more than computing it: keep the bytes per pair and workload.
    key = ("api-compare", tuple(ids), workload, web.catalog.version, on, routes)
    return stamp_refreshed(
        request,
        conditional(
            request, lambda: Response(web.pages.get_or_make(key, body), media_type="application/json")
        ),
    )


def _cost_view(request: Request) -> View:
    web = state_of(request)
    name = request.query_params.get("model")
    if not name:
        raise ParamError("model", "is required: a canonical id, slug, name or alias")
    workload = parse_workload(request.query_params)
    routes = parse_routes(request.query_params.get("routes"))
    on = _day(web, request)
    mid = _model(web, name, on)
    return cost_view(web.catalog, mid, model_costs(web.catalog, mid, workload, on, routes), workload, on)


def cost(request: Request) -> Response:
    return _answer(request, lambda: _cost_view(request))


_COST_COLUMNS = (
    "route",
    "provider",
    "trust",
    "vetted",
    "monthly_usd",
    "tokens_usd",
    "fees_usd",
    "impossible",
    "incomplete",
    "quarantine",
)


def _cost_cells(row: dict[str, Any]) -> tuple[object, ...]:
    fees = [f["usd"] for f in row["fees"] if f["usd"] is not None]
    return (
        row["route"],
        row["provider"]["id"],
        row["provider"]["trust"],
        row["vetted"],
        row["monthly_usd"],
        row["tokens_usd"],
        " ".join(fees) or None,
        row["impossible"],
        row["incomplete"],
        row["quarantine"],
    )


def cost_csv(request: Request) -> Response:
    return _answer(
        request, lambda: _cost_view(request), _table(_COST_COLUMNS, lambda v: map(_cost_cells, v["routes"]))
    )


def _rank_view(request: Request) -> View:
    web = state_of(request)
    q = request.query_params
    workload = parse_workload(q)
    needs = needs_in(q)
    order = parse_order(q.get("sort"))
    check_category(web.catalog, needs.rating_category)
    limit = parse_int(q.get("limit"), "limit", 20, 1, RANK_LIMIT)
    offset = parse_int(q.get("offset"), "offset", 0, 0, 10**7)
    return ranked_view(web, needs, workload, offset, limit, order, _day(web, request))


def rank(request: Request) -> Response:
    return _answer(request, lambda: _rank_view(request))


def rank_csv(request: Request) -> Response:
    columns = ("rank", "model", "name", *_COST_COLUMNS)

    def rows(view: View) -> Iterable[Sequence[object]]:
        for m in view["models"]:
            yield (m["rank"], m["model"]["id"], m["model"]["name"], *_cost_cells(m))

    return _answer(request, lambda: _rank_view(request), _table(columns, rows))


def _search_view(request: Request) -> View:
    web = state_of(request)
    query = request.query_params.get("q", "")
    limit = parse_int(request.query_params.get("limit"), "limit", 8, 1, SEARCH_LIMIT)
    rows = [
        SearchResult(id=e.id, slug=e.slug, name=e.name, lab=e.lab, url=f"/models/{e.slug}")
        for e in search_models(web, query, limit)
    ]
    return as_dict(SearchPage(version=API_VERSION, query=query, results=rows))


def search(request: Request) -> Response:
    """Models matching what is typed so far: ids, names and aliases (for the search box)."""
    return _answer(request, lambda: _search_view(request))


def search_csv(request: Request) -> Response:
    columns = ("id", "slug", "name", "lab", "url")
    return _answer(
        request,
        lambda: _search_view(request),
        _table(
            columns, lambda v: ((r["id"], r["slug"], r["name"], r["lab"], r["url"]) for r in v["results"])
        ),
    )
