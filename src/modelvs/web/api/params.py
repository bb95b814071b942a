"""The API's parameters, as the route table declares them and `/openapi.json` documents them.

Groups shared by several routes (a workload, ranking needs, a page of a list) are written once.
"""

from __future__ import annotations

from modelvs.catalog import Catalog
from modelvs.engine.monthly import RouteSet
from modelvs.engine.quality import categories
from modelvs.engine.rank import RankOrder
from modelvs.schema.vocab import Capability, Modality, ModelKind
from modelvs.views.model_list import SortKey, Status
from modelvs.web.http.route_spec import Param


def _labs(catalog: Catalog) -> tuple[str, ...]:
    return tuple(sorted(catalog.labs))


def _providers_ids(catalog: Catalog) -> tuple[str, ...]:
    return tuple(sorted(catalog.providers))


def arena_categories(catalog: Catalog) -> tuple[str, ...]:
    return tuple(c for c, _ in categories(catalog)) or ("overall",)


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
        "preview, current (preview included), deprecated or retired.",
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
