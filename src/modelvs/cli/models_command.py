"""`models`: list and filter the catalog's models, with their prices on the lab's and the cheapest route."""

from __future__ import annotations

import sys
from decimal import Decimal
from enum import StrEnum
from pathlib import Path

import typer

from modelvs.cli.common import DataOption, PlainOption, at_least, fail, open_catalog, parse_on, print_json
from modelvs.cli.output import Output
from modelvs.formatting import usd
from modelvs.params import ParamError
from modelvs.views.model_list import (
    CHEAPEST_RULE,
    STATUS_LABELS,
    ModelRow,
    RoutePrice,
    SortKey,
    Status,
    list_models,
)
from modelvs.views.model_records import (
    CSV_COLUMNS,
    Query,
    csv_row,
    model_list_page,
    parse_model_query,
    to_csv,
)
from modelvs.views.text import TextTable

VERSION = "1"
_STATUSES = ", ".join(s.value for s in Status)
_SORTS = ", ".join(k.value for k in SortKey)


class ListFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    MD = "md"
    CSV = "csv"


def register(app: typer.Typer) -> None:
    app.command()(models)


def models(
    search: str | None = typer.Option(
        None, "--search", "-q", metavar="TEXT", help="Part of a name, id or alias."
    ),
    lab: list[str] = typer.Option(
        None, "--lab", metavar="LAB", help="Lab id (openai, google, ...; repeatable)."
    ),
    provider: list[str] = typer.Option(
        None, "--provider", metavar="PROVIDER", help="Only models this provider sells (repeatable)."
    ),
    kind: list[str] = typer.Option(
        None, "--kind", metavar="KIND", help="Model kind (text, embedding, image, ...; repeatable)."
    ),
    capability: list[str] = typer.Option(
        None,
        "--capability",
        "--needs",
        metavar="CAPABILITY",
        help="Capability that must be a known yes (repeatable or comma separated).",
    ),
    input_modality: list[str] = typer.Option(
        None, "--input-modality", metavar="MODALITY", help="Required input modality."
    ),
    output_modality: list[str] = typer.Option(
        None, "--output-modality", metavar="MODALITY", help="Required output modality."
    ),
    min_context: str | None = typer.Option(
        None, "--min-context", metavar="TOKENS", help="Smallest context window (200k, 1M)."
    ),
    max_input_price: str | None = typer.Option(
        None,
        "--max-input-price",
        metavar="USD",
        help="Highest input price per 1M tokens on the cheapest vetted route.",
    ),
    max_output_price: str | None = typer.Option(
        None,
        "--max-output-price",
        metavar="USD",
        help="Highest output price per 1M tokens on the cheapest vetted route.",
    ),
    status: list[str] = typer.Option(
        None,
        "--status",
        metavar="STATUS",
        help=f"{_STATUSES} (repeatable; current includes preview; none: all but retired).",
    ),
    sort: str = typer.Option(
        SortKey.RELEVANCE.value,
        "--sort",
        metavar="[-]KEY",
        help=f"{_SORTS}; -KEY sorts descending (relevance: the most notable first, see /methodology).",
    ),
    limit: int = typer.Option(
        0, "--limit", metavar="N", callback=at_least(0), help="How many models to list (0: all)."
    ),
    offset: int = typer.Option(0, "--offset", metavar="N", callback=at_least(0), help="Models to skip."),
    on: str | None = typer.Option(
        None, "--on", metavar="DATE", help="Prices in effect on this date (YYYY-MM-DD)."
    ),
    fmt: ListFormat = typer.Option(ListFormat.TEXT, "--format", "-f", help="text, json, md or csv."),
    plain: bool = PlainOption,
    data: Path | None = DataOption,
) -> None:
    """List the models that match the filters, with prices on the lab's own and the cheapest vetted route."""
    given = {
        "q": [search] if search else [],
        "lab": lab or [],
        "provider": provider or [],
        "kind": kind or [],
        "capability": capability or [],
        "input_modality": input_modality or [],
        "output_modality": output_modality or [],
        "min_context": [min_context] if min_context else [],
        "max_input_price": [max_input_price] if max_input_price else [],
        "max_output_price": [max_output_price] if max_output_price else [],
        "status": status or [],
        "sort": [sort],
        "offset": [str(offset)],
        "limit": [str(limit)] if limit else [],
    }
    catalog = open_catalog(data)
    day = parse_on(on)
    try:
        query = parse_model_query(catalog, Query(given), default_limit=limit or None)
    except ParamError as err:
        flag = "--search" if err.param == "q" else "--" + err.param.replace("_", "-")
        fail(f"{flag} {err.detail}")
    found = list_models(catalog, query, day)
    page = model_list_page(found, VERSION)
    if fmt is ListFormat.JSON:
        print_json(page)
        return
    if fmt is ListFormat.CSV:
        sys.stdout.write(to_csv(CSV_COLUMNS, [csv_row(m) for m in page["models"]]))
        return
    headers = ("id", "name", "kind", "context", "lab's API in/out", "cheapest vetted in/out", "status")
    rows = [_cells(r) for r in found.rows]
    shown = (
        f"{len(rows):,} of {found.total:,} models" if len(rows) < found.total else f"{found.total:,} models"
    )
    footer = [f"{shown}; prices in effect on {day.isoformat()}, USD per 1M tokens.", CHEAPEST_RULE]
    if fmt is ListFormat.MD:
        lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
        lines += ["| " + " | ".join(c.replace("|", "\\|") for c in row) + " |" for row in rows]
        sys.stdout.write("\n".join([*lines, "", *footer]) + "\n")
        return
    out = Output.of(plain)
    # An id is what the next command takes: never wrapped.
    out.table(TextTable(headers, rows, "Models", keep=frozenset({0}), right=frozenset({3})))
    out.lines(footer)


def _cells(row: ModelRow) -> tuple[str, ...]:
    return (
        row.id,
        row.name,
        row.kind.value if row.kind else "unknown",
        f"{row.context_window:,}" if row.context_window else "unknown",
        _prices(row.lab_route, with_provider=False),
        _prices(row.cheapest, with_provider=True),
        STATUS_LABELS[row.status],
    )


def _prices(price: RoutePrice | None, *, with_provider: bool) -> str:
    if price is None:
        return "none"
    text = f"{_usd(price.input)} / {_usd(price.output)}"
    return f"{text} ({price.provider_name})" if with_provider else text


def _usd(value: Decimal | None) -> str:
    return "-" if value is None else usd(value)
