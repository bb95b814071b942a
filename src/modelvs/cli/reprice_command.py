"""`reprice`: a team's usage logs priced as they were, and on other models."""

from __future__ import annotations

import sys
from contextlib import ExitStack
from enum import StrEnum
from pathlib import Path
from typing import IO

import typer
from rich.table import Table

from modelvs.catalog import UnknownModelError
from modelvs.cli.common import DataOption, console, data_dir, fail, open_catalog, print_json
from modelvs.engine.reprice import AltRoutes
from modelvs.engine.reprice import reprice as reprice_usage
from modelvs.usage import FORMAT_BY_NAME, UsageFormatError, parse_columns, read_logs
from modelvs.usage.tokenizers import stated_ratios
from modelvs.views.escape import terminal
from modelvs.views.records import as_dict
from modelvs.views.reprice import csv_text, markdown, report, reprice_view

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
    files: list[Path] = typer.Argument(..., help="Usage logs to read (- for standard input)."),
    as_: list[str] = typer.Option(
        None, "--as", help="Another model to price the usage on (repeatable). Default: 5 suggestions."
    ),
    routes: AltRoutes = typer.Option(
        AltRoutes.LAB,
        "--routes",
        help="lab (each other model on its lab's API; the default) or vetted (its cheapest vetted route).",
    ),
    input_format: str | None = typer.Option(
        None,
        "--input-format",
        help=f"The logs' format, when detection is not wanted: {', '.join(FORMAT_BY_NAME)}.",
    ),
    columns: str | None = typer.Option(
        None,
        "--columns",
        help="Read any CSV: FIELD=COLUMN pairs, e.g. date=Day,model=Model,input_tokens=Prompt.",
    ),
    fmt: ReportFormat = typer.Option(ReportFormat.TEXT, "--format", "-f", help="text, json, md or csv."),
    data: Path | None = DataOption,
) -> None:
    """A usage log priced as it was (each row on its model and provider, at its day's prices), and on other
    models.

    Reads OpenTelemetry GenAI spans (OTLP/JSON), OpenAI and Anthropic usage exports, OpenRouter
    activity, LiteLLM spend logs, ccusage JSON and the plain usage CSV, detected from the file.
    """
    catalog = open_catalog(data)
    wanted = []
    for name in as_ or []:
        try:
            wanted.append(catalog.resolve(name))
        except UnknownModelError as err:
            fail(terminal(f"--as: {err}"))
    if input_format is not None and input_format not in FORMAT_BY_NAME:
        fail(terminal(f"--input-format: unknown format {input_format!r}; known: {', '.join(FORMAT_BY_NAME)}"))
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
                fail(terminal(f"cannot read {path}: {err.strerror or err}"))
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
            fail(terminal(str(err)))
    view = as_dict(reprice_view(result))
    if fmt is ReportFormat.JSON:
        print_json(view)
        return
    if fmt is ReportFormat.CSV:
        sys.stdout.write(csv_text(view))
        return
    found = report(view)
    if fmt is ReportFormat.MD:
        console.print(markdown(found), markup=False, highlight=False, soft_wrap=True)
        return
    console.print(f"[bold]{terminal(found.title)}[/]")
    for line in found.summary:
        console.print(terminal(line), highlight=False)
    for t in found.tables:
        shown = TERMINAL_COLUMNS.get(t.id, range(len(t.headers)))
        table = Table(*(t.headers[i] for i in shown), title=terminal(t.title))
        for row in t.rows:
            table.add_row(*(terminal(row[i]) for i in shown))
        console.print(table)
    for note in found.notes:
        console.print(terminal(f"- {note}"), highlight=False)
