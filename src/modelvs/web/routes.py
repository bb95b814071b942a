"""The one route table: the ASGI app is built from it, and the static build reuses it.

Each spec says whether its page can be exported as a static file and how to enumerate its path
parameters; API specs also carry what `/openapi.json` documents.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import Response

from modelvs.catalog import Catalog
from modelvs.engine.monthly import RouteSet
from modelvs.engine.quality import categories
from modelvs.engine.rank import RankOrder
from modelvs.schema.vocab import Capability, Modality, ModelKind
from modelvs.views.model_list import SortKey, Status
from modelvs.web.api import endpoints as api
from modelvs.web.api import openapi
from modelvs.web.http.state import WebState
from modelvs.web.pages import (
    calculator,
    changes,
    compare_pages,
    model_page,
    models_index,
    provider_page,
    reprice,
    seo,
)
from modelvs.web.pages import home as pages

Endpoint = Callable[[Request], Response] | Callable[[Request], Awaitable[Response]]


def _labs(catalog: Catalog) -> tuple[str, ...]:
    return tuple(sorted(catalog.labs))


def _providers_ids(catalog: Catalog) -> tuple[str, ...]:
    return tuple(sorted(catalog.providers))


def arena_categories(catalog: Catalog) -> tuple[str, ...]:
    return tuple(c for c, _ in categories(catalog)) or ("overall",)


Enumerate = Callable[[WebState], Iterable[dict[str, str]]]


@dataclass(frozen=True)
class Param:
    """A query or path parameter, as the OpenAPI document describes it."""

    name: str
    description: str
    type: str = "string"
    required: bool = False
    repeated: bool = False
    where: str = "query"
    minimum: int | None = None
    maximum: int | None = None
    default: int | str | None = None
    format: str | None = None
    """A JSON Schema format (`date`)."""
    enum: tuple[str, ...] | Callable[[Catalog], tuple[str, ...]] | None = None
    """The values accepted (of each item, when repeated), or what lists them from the catalog."""
    pattern: str | None = None
    """A regular expression a value must match whole (JSON Schema `pattern`)."""
    min_length: int | None = None


@dataclass(frozen=True)
class RouteSpec:
    path: str
    endpoint: Endpoint
    name: str
    exportable: bool
    """Whether the static build writes this page (parameters from `enumerate`)."""
    enumerate: Enumerate | None = None
    api: bool = False
    summary: str = ""
    params: tuple[Param, ...] = ()
    media: str = "application/json"
    """What a 200 answers: JSON, or CSV for a list's `.csv` twin."""
    methods: tuple[str, ...] = ("GET", "HEAD")


COUNT = r"^\s*([0-9]{1,15}(\.[0-9]{1,9})?\s*[kKmMbB]?)?\s*$"
"""`800`, `200k`, `1.5M` (or blank: the default); the maxima are the server's to check."""
SHARE = r"^\s*((0|1)(\.[0-9]{1,15})?|\.[0-9]{1,15}|[0-9]{1,3}(\.[0-9]{1,12})?%)?\s*$"
"""`0.5` or `50%` (or blank: none), between 0 and 1."""
WORKLOAD = (
    Param(
        "requests",
        "Requests a month (800, 200k, 1.5M; at most 1,000,000,000,000). Default 1,000,000.",
        pattern=COUNT,
    ),
    Param(
        "input", "Input tokens per request, cached included (800, 200k, 1.5M). Default 800.", pattern=COUNT
    ),
    Param("output", "Output tokens per request. Default 250.", pattern=COUNT),
    Param("cached", "Input tokens per request read from the cache; part of input. Default 0.", pattern=COUNT),
    Param("reasoning", "Reasoning tokens per request, billed on top of output. Default 0.", pattern=COUNT),
    Param("batch_share", "Share of requests in batch mode (0.5 or 50%). Default 0.", pattern=SHARE),
)
NEEDS = (
    Param(
        "capability",
        "Capability that must be a known yes (repeatable or comma separated).",
        repeated=True,
        enum=tuple(c.value for c in Capability),
    ),
    Param("min_context", "Smallest context window in tokens (200k, 1M).", pattern=COUNT),
    Param(
        "input_modality",
        "Required input modality (repeatable or comma separated).",
        repeated=True,
        enum=tuple(m.value for m in Modality),
    ),
    Param(
        "kind",
        "Model kind (text, embedding, image, ...; repeatable). Default: text.",
        repeated=True,
        enum=tuple(k.value for k in ModelKind),
    ),
    Param(
        "include_retired",
        "true to rank deprecated and retired models too. Default: false.",
        enum=("true", "false", "1", "0", "yes", "no"),
    ),
    Param(
        "routes",
        "vetted (default: the lab's own API, major clouds, established hosts) or all.",
        enum=tuple(r.value for r in RouteSet),
    ),
)
RATING = (
    Param(
        "min_rating",
        "Lowest Arena rating (1450); unrated models are left out.",
        pattern=r"^\s*([0-9]{1,5}(\.[0-9]{1,3})?)?\s*$",
    ),
    Param("rating_category", "Arena category of the ratings (default overall).", enum=arena_categories),
    Param(
        "sort",
        "cost (cheapest first), rating, or value (rating points per dollar).",
        enum=tuple(o.value for o in RankOrder),
    ),
)
ROUTES_PARAM = NEEDS[-1]
ON = Param(
    "on",
    "Use the prices in effect on this day (YYYY-MM-DD; default today). Not before the model's release.",
    format="date",
)
PRICE = r"^\s*(\$?[0-9]{1,12}(\.[0-9]{1,8})?)?\s*$"


def paging(default: int, maximum: int) -> tuple[Param, ...]:
    return (
        Param(
            "limit",
            f"Page size, 1 to {maximum:,}.",
            type="integer",
            minimum=1,
            maximum=maximum,
            default=default,
        ),
        Param("offset", "Rows to skip.", type="integer", minimum=0, maximum=10**7, default=0),
    )


MODEL_INDEX = (
    Param("q", "Part of a name, id or alias."),
    Param("lab", "Lab id (openai, google, ...; repeatable or comma separated).", repeated=True, enum=_labs),
    Param(
        "provider",
        "Provider id: only models it sells (repeatable or comma separated).",
        repeated=True,
        enum=_providers_ids,
    ),
    NEEDS[3],
    NEEDS[0],
    NEEDS[2],
    Param(
        "output_modality",
        "Required output modality (repeatable or comma separated).",
        repeated=True,
        enum=tuple(m.value for m in Modality),
    ),
    NEEDS[1],
    Param(
        "max_input_price",
        "Highest input price, USD per 1M tokens, on the cheapest vetted route.",
        pattern=PRICE,
    ),
    Param(
        "max_output_price",
        "Highest output price, USD per 1M tokens, on the cheapest vetted route.",
        pattern=PRICE,
    ),
    Param(
        "status",
        "preview, ga, current (preview and ga included), deprecated or retired.",
        repeated=True,
        enum=tuple(s.value for s in Status),
    ),
    Param(
        "sort",
        "Column to sort by (name, lab, kind, context, input, output, lab_input, ...); -key descends.",
        enum=tuple(f"{d}{k.value}" for k in SortKey for d in ("", "-")),
    ),
    ON,
    *paging(100, 1000),
)


def csv_twin(spec: RouteSpec, endpoint: Endpoint) -> RouteSpec:
    """The `.csv` twin of a list endpoint: the same parameters, the rows as CSV."""
    return RouteSpec(
        spec.path + ".csv",
        endpoint,
        spec.name + "_csv",
        False,
        api=True,
        summary=spec.summary + " As CSV.",
        params=spec.params,
        media="text/csv",
    )


def _models(web: WebState) -> Iterable[dict[str, str]]:
    return ({"slug": s} for s in sorted(web.catalog.slugs.values()))


def _providers(web: WebState) -> Iterable[dict[str, str]]:
    return ({"provider": p} for p in sorted(web.catalog.providers))


def _pairs(web: WebState) -> Iterable[dict[str, str]]:
    return ({"pair": p} for p in seo.sitemap_pairs(web))


def _once(web: WebState) -> Iterable[dict[str, str]]:
    return [{}]


ROUTES: tuple[RouteSpec, ...] = (
    RouteSpec("/", pages.home, "home", True, _once),
    RouteSpec("/compare/fragment", compare_pages.compare_fragment, "compare_fragment", False),
    RouteSpec("/compare/{pair}", compare_pages.compare_pair, "compare", True, _pairs),
    RouteSpec("/compare/{pair}/fragment", compare_pages.compare_fragment, "compare_pair_fragment", False),
    RouteSpec("/compare/{a}/{b}", compare_pages.compare_two, "compare_two", False),
    RouteSpec("/compare", compare_pages.compare_many, "compare_many", False),
    RouteSpec("/models", models_index.models_index, "models", True, _once),
    RouteSpec("/models/{slug}", model_page.model_page, "model", True, _models),
    RouteSpec("/providers/{provider}", provider_page.provider_page, "provider", True, _providers),
    RouteSpec("/calculator", calculator.calculator, "calculator", True, _once),
    RouteSpec("/calculator/fragment", calculator.calculator_fragment, "calculator_fragment", False),
    RouteSpec("/changes", changes.changes_page, "changes", True, _once),
    # A log is posted, never stored: the page (a form without JavaScript), its results fragment,
    # and the API (documented by `reprice.openapi_paths`, outside the GET-only loop of `openapi`).
    RouteSpec("/reprice", reprice.reprice_page, "reprice", True, _once, methods=("GET", "HEAD", "POST")),
    RouteSpec("/reprice/fragment", reprice.reprice_fragment, "reprice_fragment", False, methods=("POST",)),
    RouteSpec(
        "/api/v1/reprice",
        reprice.reprice_api,
        "api_reprice",
        False,
        summary="A usage log (the body) priced as it was, at each row's day's prices, and on other models.",
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
        methods=("POST",),
    ),
    RouteSpec("/changes.atom", changes.changes_feed, "changes_feed", True, _once),
    RouteSpec("/methodology", pages.methodology, "methodology", True, _once),
    RouteSpec("/sitemap.xml", seo.sitemap, "sitemap", True, _once),
    RouteSpec("/robots.txt", seo.robots, "robots", True, _once),
    RouteSpec("/openapi.json", openapi.openapi, "openapi", True, _once),
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
    ),
    RouteSpec(
        "/api/v1/providers", api.providers, "api_providers", True, _once, api=True, summary="Every provider."
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
    ),
    RouteSpec(
        "/api/v1/rank",
        api.rank,
        "api_rank",
        False,
        api=True,
        summary="Every model meeting the requirements, ranked by monthly cost on its cheapest route.",
        params=(*NEEDS, *RATING, *WORKLOAD, ON, *paging(20, api.RANK_LIMIT)),
    ),
)
_LISTS = {
    "api_search": api.search_csv,
    "api_models": api.models_csv,
    "api_providers": api.providers_csv,
    "api_cost": api.cost_csv,
    "api_rank": api.rank_csv,
}
ROUTES = ROUTES + tuple(csv_twin(spec, _LISTS[spec.name]) for spec in ROUTES if spec.name in _LISTS)
