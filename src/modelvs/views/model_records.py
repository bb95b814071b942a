"""The model index as data: its query parsed from text, its rows as JSON records and CSV.

One parser serves the CLI flags, `/models` and `/api/v1/models`; the records are what the API
returns and what its OpenAPI schema documents (the `TypedDict`s below).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation

from typing_extensions import TypedDict

from modelvs.catalog import Catalog
from modelvs.formatting import exact
from modelvs.params import MultiQuery, ParamError, parse_count, parse_int, parse_vocab
from modelvs.schema.vocab import Capability, Modality, ModelKind
from modelvs.views.escape import csv_text
from modelvs.views.model_list import ModelList, ModelQuery, ModelRow, RoutePrice, SortKey, Status
from modelvs.views.records import record

MAX_LIMIT = 1000
"""The most rows one page of the index holds."""
DEFAULT_LIMIT = 100


class Query(dict[str, list[str]]):
    """Parameter name -> values, for callers that have no query string (the CLI)."""

    def get(self, key: str, /) -> str | None:  # type: ignore[override]
        values = super().get(key) or []
        return values[-1] if values else None

    def getlist(self, key: str) -> list[str]:
        return list(super().get(key) or [])


def parse_model_query(
    catalog: Catalog, q: MultiQuery, *, default_limit: int | None = DEFAULT_LIMIT
) -> ModelQuery:
    """The index query in `q`: `q`, `lab`, `provider`, `kind`, `capability`, `input_modality`,
    `output_modality`, `min_context`, `max_input_price`, `max_output_price`, `status` (none: every
    status but retired), `sort` (`-key` descending; default `relevance`), `offset`, `limit` (1 to
    `MAX_LIMIT`). Raises `ParamError`."""
    sort_text = (q.get("sort") or SortKey.RELEVANCE.value).strip()
    descending = sort_text.startswith("-")
    try:
        sort = SortKey(sort_text.removeprefix("-"))
    except ValueError:
        accepted = ", ".join(k.value for k in SortKey)
        raise ParamError(
            "sort", f"takes one of {accepted} (-key for descending), got {sort_text[:40]!r}"
        ) from None
    min_context = q.get("min_context")
    return ModelQuery(
        q=(q.get("q") or "").strip()[:200],
        labs=_ids(q.getlist("lab"), catalog.labs, "lab", "a lab id such as openai or google"),
        providers=_ids(
            q.getlist("provider"), catalog.providers, "provider", "a provider id; see /api/v1/providers"
        ),
        kinds=parse_vocab(ModelKind, q.getlist("kind"), "kind"),
        capabilities=parse_vocab(Capability, q.getlist("capability"), "capability"),
        modalities_in=parse_vocab(Modality, q.getlist("input_modality"), "input_modality"),
        modalities_out=parse_vocab(Modality, q.getlist("output_modality"), "output_modality"),
        min_context=parse_count(min_context, "min_context", 10**9)
        if min_context and min_context.strip()
        else None,
        max_input_price=_price(q.get("max_input_price"), "max_input_price"),
        max_output_price=_price(q.get("max_output_price"), "max_output_price"),
        statuses=parse_vocab(Status, q.getlist("status"), "status"),
        sort=sort,
        descending=descending,
        offset=parse_int(q.get("offset"), "offset", 0, 0, 10**7),
        limit=parse_int(q.get("limit"), "limit", default_limit, 1, MAX_LIMIT) if default_limit else None,
    )


def _ids(values: list[str], known: Iterable[str], param: str, what: str) -> frozenset[str]:
    found = {v.strip() for raw in values for v in raw.split(",") if v.strip()}
    unknown = sorted(found - set(known))
    if unknown:
        raise ParamError(param, f"{unknown[0][:80]!r} is not {what}")
    return frozenset(found)


def _price(text: str | None, param: str) -> Decimal | None:
    if text is None or not text.strip():
        return None
    raw = text.strip().removeprefix("$")
    try:
        value = Decimal(raw) if len(raw) <= 20 else Decimal("NaN")
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite() or value < 0:
        raise ParamError(param, f"takes USD per 1M tokens such as 2.5, got {text[:40]!r}")
    return value


@record
class RoutePriceRecord(TypedDict):
    """A route's standard list prices on the day."""

    route: str
    """Route id (`provider:lab/model`)."""
    provider: str
    """Provider id."""
    provider_name: str
    input_usd_per_1m: str | None
    """Exact decimal text; null when the route publishes no input price."""
    output_usd_per_1m: str | None


@record
class ModelRecord(TypedDict):
    """One model of the index."""

    id: str
    """Canonical id (`lab/model`)."""
    slug: str
    name: str
    lab: str
    """Lab id."""
    lab_name: str
    kind: str | None
    """What the model does (text, embedding, image, ...); null when no source says."""
    status: str | None
    """The status the catalog records (preview, current, deprecated, retired), if any."""
    lifecycle: str
    """On the day: preview, current, deprecated or retired."""
    release_date: str | None
    context_window: int | None
    max_output: int | None
    modalities_in: list[str]
    modalities_out: list[str]
    capabilities: list[str]
    """Capabilities that are a known yes (unknown is not listed as no: see the model)."""
    open_weights: bool | None
    routes: int
    """How many routes (every trust level) sell it."""
    lab_route: RoutePriceRecord | None
    """The lab's own API, when it sells the model."""
    cheapest_route: RoutePriceRecord | None
    """The cheapest vetted route at the default traffic."""
    rating: str | None
    """A quality rating, once the catalog has one."""
    notability: float
    """How notable the model is on the day: what the default order sorts by (see /methodology)."""
    url: str
    """The model's page."""


@record
class ModelListPage(TypedDict):
    """One page of the index."""

    version: str
    on: str
    """The day whose prices are shown (ISO date)."""
    total: int
    """Rows the whole query selects."""
    limit: int | None
    offset: int
    next_offset: int | None
    """The offset of the next page, or null on the last."""
    models: list[ModelRecord]


def _route_record(price: RoutePrice | None) -> RoutePriceRecord | None:
    if price is None:
        return None
    return RoutePriceRecord(
        route=price.route,
        provider=price.provider,
        provider_name=price.provider_name,
        input_usd_per_1m=_money(price.input),
        output_usd_per_1m=_money(price.output),
    )


def _money(value: Decimal | None) -> str | None:
    return None if value is None else exact(value)


def model_record(row: ModelRow) -> ModelRecord:
    return ModelRecord(
        id=row.id,
        slug=row.slug,
        name=row.name,
        lab=row.lab,
        lab_name=row.lab_name,
        kind=row.kind.value if row.kind else None,
        status=row.raw_status,
        lifecycle=row.status.value,
        release_date=row.release_date.isoformat() if row.release_date else None,
        context_window=row.context_window,
        max_output=row.max_output,
        modalities_in=[m.value for m in row.modalities_in],
        modalities_out=[m.value for m in row.modalities_out],
        capabilities=[c.value for c in row.capabilities],
        open_weights=row.open_weights,
        routes=row.routes,
        lab_route=_route_record(row.lab_route),
        cheapest_route=_route_record(row.cheapest),
        rating=_money(row.rating),
        notability=row.notability,
        url=f"/models/{row.slug}",
    )


def model_list_page(found: ModelList, version: str) -> ModelListPage:
    return ModelListPage(
        version=version,
        on=found.on.isoformat(),
        total=found.total,
        limit=found.query.limit,
        offset=found.query.offset,
        next_offset=found.next_offset,
        models=[model_record(r) for r in found.rows],
    )


CSV_COLUMNS = (
    "id",
    "name",
    "lab",
    "kind",
    "lifecycle",
    "release_date",
    "context_window",
    "max_output",
    "lab_route",
    "lab_input_usd_per_1m",
    "lab_output_usd_per_1m",
    "cheapest_route",
    "cheapest_input_usd_per_1m",
    "cheapest_output_usd_per_1m",
    "capabilities",
    "modalities_in",
    "modalities_out",
    "open_weights",
    "routes",
    "rating",
)


def csv_row(record: ModelRecord) -> tuple[object, ...]:
    own, best = record["lab_route"], record["cheapest_route"]
    return (
        record["id"],
        record["name"],
        record["lab"],
        record["kind"],
        record["lifecycle"],
        record["release_date"],
        record["context_window"],
        record["max_output"],
        own["route"] if own else None,
        own["input_usd_per_1m"] if own else None,
        own["output_usd_per_1m"] if own else None,
        best["route"] if best else None,
        best["input_usd_per_1m"] if best else None,
        best["output_usd_per_1m"] if best else None,
        " ".join(record["capabilities"]),
        " ".join(record["modalities_in"]),
        " ".join(record["modalities_out"]),
        record["open_weights"],
        record["routes"],
        record["rating"],
    )


def to_csv(columns: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """RFC 4180 CSV with a header row: None is empty, booleans `true`/`false`, lists joined by
    spaces; a text cell that starts like a formula (`=`, `+`, `-`, `@`, tab, CR) is neutralised
    (`views.escape.csv_text`). Every CSV the project writes comes from here."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(v) for v in row])
    return out.getvalue()


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return csv_text(" ".join(str(v) for v in value))
    if isinstance(value, int | float | Decimal):
        return str(value)
    return csv_text(str(value))
