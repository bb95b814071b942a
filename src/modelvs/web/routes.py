"""The one route table: the ASGI app is built from it, and the static build reuses it.

Each spec (`http/route_spec.py`) says whether its page can be exported as a static file, how to
enumerate its path parameters and which query parameters it reads; API specs also carry what
`/openapi.json` documents, their answer's record type included.
"""

from __future__ import annotations

from collections.abc import Iterable

from starlette.requests import Request
from starlette.responses import Response

from modelvs.engine.compare import Comparison
from modelvs.params import WORKLOAD_PARAMS
from modelvs.views.costs import CostView, RankView
from modelvs.views.model import ModelView
from modelvs.views.model_records import ModelListPage
from modelvs.views.reprice import RepriceView
from modelvs.web.api import endpoints as api
from modelvs.web.api import openapi
from modelvs.web.api import reprice as reprice_api
from modelvs.web.api.params import MODEL_INDEX, NEEDS, ON, RATING, ROUTES_PARAM, WORKLOAD, paging
from modelvs.web.http.route_spec import Endpoint, Param, RouteSpec, csv_twin, paged_twin
from modelvs.web.http.state import WebState
from modelvs.web.pages import (
    calculator,
    changes,
    compare_pages,
    home,
    model_page,
    models_index,
    provider_page,
    reprice,
    seo,
)

__all__ = ["ROUTES", "Endpoint", "RouteSpec"]


def _models(web: WebState) -> Iterable[dict[str, str]]:
    return ({"slug": s} for s in sorted(web.catalog.slugs.values()))


def _providers(web: WebState) -> Iterable[dict[str, str]]:
    return ({"provider": p} for p in sorted(web.catalog.providers))


def _pairs(web: WebState) -> Iterable[dict[str, str]]:
    return ({"pair": p} for p in seo.sitemap_pairs(web))


def _once(web: WebState) -> Iterable[dict[str, str]]:
    return [{}]


NEEDS_QUERY = (*(p.name for p in NEEDS), "min_rating", "rating_category")
"""What the calculator reads besides the workload: the ranking's needs and ratings."""


def _openapi(request: Request) -> Response:
    return openapi.openapi(request, ROUTES)


ROUTES: tuple[RouteSpec, ...] = (
    RouteSpec("/", home.home, "home", True, _once),
    RouteSpec(
        "/compare/fragment",
        compare_pages.compare_fragment,
        "compare_fragment",
        False,
        query=("models", *WORKLOAD_PARAMS),
    ),
    RouteSpec("/compare/{pair}", compare_pages.compare_pair, "compare", True, _pairs, query=WORKLOAD_PARAMS),
    RouteSpec(
        "/compare/{pair}/fragment",
        compare_pages.compare_fragment,
        "compare_pair_fragment",
        False,
        query=WORKLOAD_PARAMS,
    ),
    RouteSpec("/compare/{a}/{b}", compare_pages.compare_two, "compare_two", False, query=WORKLOAD_PARAMS),
    RouteSpec(
        "/compare", compare_pages.compare_many, "compare_many", False, query=("models", *WORKLOAD_PARAMS)
    ),
    RouteSpec(
        "/models",
        models_index.models_index,
        "models",
        True,
        _once,
        query=(*(p.name for p in MODEL_INDEX), "page"),
    ),
    RouteSpec("/models/{slug}", model_page.model_page, "model", True, _models, query=WORKLOAD_PARAMS),
    RouteSpec(
        "/providers/{provider}",
        provider_page.provider_page,
        "provider",
        True,
        _providers,
        query=("q", "sort", "kind", "page"),
    ),
    RouteSpec(
        "/calculator",
        calculator.calculator,
        "calculator",
        True,
        _once,
        query=(*WORKLOAD_PARAMS, *NEEDS_QUERY, "sort", "page"),
    ),
    RouteSpec(
        "/calculator/fragment",
        calculator.calculator_fragment,
        "calculator_fragment",
        False,
        query=(*WORKLOAD_PARAMS, *NEEDS_QUERY, "sort", "page"),
    ),
    RouteSpec("/changes", changes.changes_page, "changes", True, _once, query=(*changes.FILTERS, "page")),
    # A log is posted as a form or a body, never in the query, and never stored.
    RouteSpec("/reprice", reprice.reprice_page, "reprice", True, _once, methods=("GET", "HEAD", "POST")),
    RouteSpec("/reprice/fragment", reprice.reprice_fragment, "reprice_fragment", False, methods=("POST",)),
    RouteSpec(
        "/api/v1/reprice",
        reprice_api.reprice_api,
        "api_reprice",
        False,
        api=True,
        summary=reprice_api.SUMMARY,
        params=(
            Param(
                "as",
                "A model to price the usage on (repeatable or comma separated; at most 10)."
                " Default: five suggestions from the quality-per-dollar frontier.",
                repeated=True,
            ),
            Param(
                "routes", "lab (each model on its lab's API; default) or vetted (its cheapest vetted route)."
            ),
            Param("input_format", "The log's format, when it should not be detected (otel, usage-csv, ...)."),
            Param("columns", "Read any CSV: FIELD=COLUMN pairs (date=Day,model=Model,input_tokens=Prompt)."),
        ),
        response=RepriceView,
        methods=("POST",),
        body=reprice_api.BODY,
        errors=reprice_api.ERRORS,
    ),
    RouteSpec("/changes.atom", changes.changes_feed, "changes_feed", True, _once, query=changes.FILTERS),
    RouteSpec("/methodology", home.methodology, "methodology", True, _once),
    RouteSpec("/sitemap.xml", seo.sitemap, "sitemap", True, _once),
    RouteSpec("/robots.txt", seo.robots, "robots", True, _once),
    RouteSpec("/openapi.json", _openapi, "openapi", True, _once),
    RouteSpec(
        "/api/v1/search",
        api.search,
        "api_search",
        False,
        api=True,
        summary="Models matching a partial name, id or alias (for search suggestions).",
        params=(
            Param("q", "What has been typed so far.", required=True),
            paging(8, api.SEARCH_LIMIT)[0],
        ),
        response=api.SearchPage,
        csv=api.search_csv,
    ),
    RouteSpec(
        "/api/v1/models",
        api.models,
        "api_models",
        True,
        _once,
        api=True,
        summary="Models, filtered, sorted and paged as /models shows them, with prices on the lab's own"
        " and the cheapest vetted route.",
        params=MODEL_INDEX,
        response=ModelListPage,
        csv=api.models_csv,
    ),
    RouteSpec(
        "/api/v1/models/{slug}",
        api.model,
        "api_model",
        True,
        _models,
        api=True,
        summary="Everything known about one model: facts, capabilities, routes, prices, benchmarks, sources.",
        params=(
            Param("slug", "Canonical id, slug, name or alias.", required=True, where="path", min_length=1),
            ON,
        ),
        response=ModelView,
    ),
    RouteSpec(
        "/api/v1/providers",
        api.providers,
        "api_providers",
        True,
        _once,
        api=True,
        summary="Every provider.",
        response=api.ProvidersPage,
        csv=api.providers_csv,
    ),
    RouteSpec(
        "/api/v1/compare",
        api.compare,
        "api_compare",
        False,
        api=True,
        summary="A comparison of 2 to 10 models at a workload (what `modelvs compare -f json` prints).",
        params=(
            Param("models", "Model names separated by commas.", required=True, min_length=1),
            *WORKLOAD,
            ROUTES_PARAM,
            ON,
        ),
        response=Comparison,
    ),
    RouteSpec(
        "/api/v1/cost",
        api.cost,
        "api_cost",
        False,
        api=True,
        summary="What a workload costs a month on every route of a model, fees included.",
        params=(
            Param("model", "Canonical id, slug, name or alias.", required=True, min_length=1),
            *WORKLOAD,
            ROUTES_PARAM,
            ON,
        ),
        response=CostView,
        csv=api.cost_csv,
    ),
    RouteSpec(
        "/api/v1/rank",
        api.rank,
        "api_rank",
        False,
        api=True,
        summary="Every model meeting the requirements, ranked by monthly cost on its cheapest route.",
        params=(*NEEDS, *RATING, *WORKLOAD, ON, *paging(20, api.RANK_LIMIT)),
        response=RankView,
        csv=api.rank_csv,
    ),
)
ROUTES = ROUTES + tuple(csv_twin(spec) for spec in ROUTES if spec.csv is not None)
PAGE_COUNTS = {
    "models": models_index.page_count,
    "provider": provider_page.page_count,
    "calculator": calculator.page_count,
    "changes": changes.page_count,
}
"""The paged lists and how many pages each has at its default query: their `/page/N` twins."""
ROUTES = ROUTES + tuple(paged_twin(s, PAGE_COUNTS[s.name]) for s in ROUTES if s.name in PAGE_COUNTS)
