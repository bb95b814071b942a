"""`reprice`: a team's usage logs priced as they were, and on other models."""

from __future__ import annotations

import sys
from contextlib import ExitStack
from enum import StrEnum
from pathlib import Path
from typing import IO

import typer

from modelvs.catalog import UnknownModelError
from modelvs.cli.common import DataOption, PlainOption, data_dir, fail, open_catalog, print_json
from modelvs.cli.output import Output
from modelvs.engine.reprice import AltRoutes
from modelvs.engine.reprice import reprice as reprice_usage
from modelvs.usage import FORMAT_BY_NAME, UsageFormatError, parse_columns, read_logs
from modelvs.usage.tokenizers import stated_ratios
from modelvs.views.records import as_dict
from modelvs.views.reprice import csv_text, markdown, report, reprice_view
from modelvs.views.text import TextTable

TERMINAL_COLUMNS = {"reprice-models": (0, 1, 2, 3, 4, 5), "reprice-alternatives": (0, 1, 2, 3)}
"""The columns a terminal has room for (token counts are in `--format md`, `csv` and `json`)."""


class ReportFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    MD = "md"
    CSV = "csv"


def register(app: typer.Typer) -> None:
    app.command()(reprice)


def reprice(
    files: list[Path] = typer.Argument(..., metavar="FILE...", hidden=True),
    as_: list[str] = typer.Option(
        None,
        "--as",
        metavar="MODEL",
        help="Another model to price the usage on (repeatable). Default: 5 suggestions.",
    ),
    routes: AltRoutes = typer.Option(
        AltRoutes.LAB,
        "--routes",
        help="lab (each other model on its lab's API; the default) or vetted (its cheapest vetted route).",
    ),
    input_format: str | None = typer.Option(
        None,
        "--input-format",
        metavar="NAME",
        help=f"The logs' format, when detection is not wanted: {', '.join(FORMAT_BY_NAME)}.",
    ),
    columns: str | None = typer.Option(
        None,
        "--columns",
        metavar="FIELD=COLUMN,...",
        help="Read any CSV: FIELD=COLUMN pairs, e.g. date=Day,model=Model,input_tokens=Prompt.",
    ),
    fmt: ReportFormat = typer.Option(ReportFormat.TEXT, "--format", "-f", help="text, json, md or csv."),
    plain: bool = PlainOption,
    data: Path | None = DataOption,
) -> None:
    """A usage log priced as it was (each row on its model and provider, that day), and on other models.

    FILE...: usage logs to read (- for standard input). Reads OpenTelemetry GenAI spans (OTLP/JSON),
    OpenAI and Anthropic usage exports, OpenRouter activity, LiteLLM spend logs, ccusage JSON and the
    plain usage CSV, detected from the file.
    """
    catalog = open_catalog(data)
    wanted = []
    for name in as_ or []:
        try:
            wanted.append(catalog.resolve(name))
        except UnknownModelError as err:
            fail(f"--as: {err}")
    if input_format is not None and input_format not in FORMAT_BY_NAME:
        fail(f"--input-format: unknown format {input_format!r}; known: {', '.join(FORMAT_BY_NAME)}")
    notes: set[str] = set()
    with ExitStack() as stack:
        streams: list[tuple[str, IO[bytes]]] = []
        for path in files:
            if str(path) == "-":
                streams.append(("-", sys.stdin.buffer))
                continue
            try:
                streams.append((str(path), stack.enter_context(path.open("rb"))))
            except OSError as err:
                fail(f"cannot read {path}: {err.strerror or err}")
        try:
            mapping = parse_columns(columns) if columns else None
            log_format, records = read_logs(streams, input_format=input_format, columns=mapping, notes=notes)
            result = reprice_usage(
                catalog,
                records,
                log_format=log_format,
                alternatives=wanted,
                routes=routes,
                ratios=stated_ratios(data_dir(data)),
                notes=notes,
            )
        except UsageFormatError as err:
            if err.file is None and len(streams) == 1:
                err.file = streams[0][0]
            fail(str(err))
    view = as_dict(reprice_view(result))
    if fmt is ReportFormat.JSON:
        print_json(view)
        return
    if fmt is ReportFormat.CSV:
        sys.stdout.write(csv_text(view))
        return
    found = report(view)
    out = Output.of(plain)
    if fmt is ReportFormat.MD:
        out.raw(markdown(found))
        return
    out.title(found.title)
    out.lines(found.summary)
    for t in found.tables:
        # A terminal has room for fewer columns; plain text (a pipe) keeps every one.
        shown = range(len(t.headers)) if out.plain else TERMINAL_COLUMNS.get(t.id, range(len(t.headers)))
        rows = [tuple(row[i] for i in shown) for row in t.rows]
        out.table(TextTable(tuple(t.headers[i] for i in shown), rows, t.title))
    out.lines(found.notes, "- ")
