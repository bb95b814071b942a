"""`check`, `review` and `export`: the commands that check and maintain the catalog."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import typer

from modelvs.catalog import Catalog, Severity, check_dir
from modelvs.catalog.leftovers import SyncBusyError
from modelvs.catalog.stats import STALE_AFTER, catalog_stats, source_freshness, truth_figures
from modelvs.cli.common import (
    BUSY,
    DataOption,
    PlainOption,
    data_dir,
    fail,
    open_catalog,
    today,
)
from modelvs.cli.output import Output, note
from modelvs.engine.changes import pending_holds
from modelvs.export.sqlite import export_sqlite
from modelvs.sync.changes import summary
from modelvs.sync.run import review as run_review
from modelvs.views.text import TextTable


def register(app: typer.Typer) -> None:
    app.command()(check)
    app.command()(export)
    app.command()(review)


def check(
    stats: bool = typer.Option(False, "--stats", help="Print counts of the catalog."),
    warnings: bool = typer.Option(False, "--warnings", help="List every warning, not just their count."),
    plain: bool = PlainOption,
    data: Path | None = DataOption,
) -> None:
    """Load the whole catalog and report every problem (file, field, message); exit 1 on errors."""
    checked = check_dir(data_dir(data), today())
    for problem in checked.errors:
        note(str(problem))
    if warnings:
        for problem in checked.warnings:
            note(str(problem))
    out = Output.of(plain)
    kinds = Counter(p.message.split(":")[0] for p in checked.warnings)
    out.line(
        f"{len(checked.errors)} error(s), {len(checked.warnings)} warning(s)"
        + (f" ({', '.join(f'{n} {k}' for k, n in kinds.most_common(3))})" if kinds else "")
    )
    _print_held(out, checked.catalog)
    if stats:
        _print_stats(out, checked.catalog)
        _print_freshness(out, checked.catalog)
    if checked.errors:
        raise typer.Exit(1)


def _print_stats(out: Output, catalog: Catalog) -> None:
    counts = [(name, f"{value:,}") for name, value in catalog_stats(catalog, today()).items()]
    out.table(TextTable(("count", "value"), counts, "Catalog", right=frozenset({1})))
    figures = [
        (name, f"{figure:,}" if isinstance(figure, int) else figure)
        for name, figure in truth_figures(catalog, today()).items()
    ]
    out.table(TextTable(("measure", "value"), figures, "Where readers look first", right=frozenset({1})))


def _print_held(out: Output, catalog: Catalog) -> None:
    """Changes the last sync held for review (`data/changes/`): the catalog shows the old values."""
    held = pending_holds(catalog)
    for hold in held:
        note(f"held for review: {hold.id}: {hold.what} ({hold.reason}; `modelvs sync --accept {hold.id}`)")
    if held:
        out.line(f"{len(held)} change(s) held for review")


def _print_freshness(out: Output, catalog: Catalog) -> None:
    on = today()
    found = source_freshness(catalog, on)
    rows = [
        (f.source, f.version or "-", f.retrieved.isoformat(), f"{f.age:,}" + (" (stale)" if f.stale else ""))
        for f in found
    ]
    out.table(
        TextTable(("source", "version", "snapshot", "age (days)"), rows, f"Sources, on {on.isoformat()}")
    )
    for f in found:
        if f.stale:
            note(
                f"warning: {f.source}'s snapshot is from {f.retrieved.isoformat()}, {f.age} days old "
                f"(more than {STALE_AFTER}): refresh it with `modelvs sync --fetch --write`"
            )


def review(
    reviews: Path = typer.Argument(..., metavar="REVIEWS.json", hidden=True),
    benchmarks: Path | None = typer.Option(
        None, "--benchmarks", metavar="FILE", help="JSON list of benchmark definitions."
    ),
    write: bool = typer.Option(False, "--write", help="Apply (default: a dry run)."),
    plain: bool = PlainOption,
    data: Path | None = DataOption,
) -> None:
    """Apply hand-reviewed facts, each with the URL it was checked against; they then win over imports.

    REVIEWS.json: a JSON list of reviewed models (id, facts, the source of each field).
    """
    try:
        rows = json.loads(reviews.read_text(encoding="utf-8"))
        benches = json.loads(benchmarks.read_text(encoding="utf-8")) if benchmarks else []
    except (OSError, json.JSONDecodeError) as exc:
        fail(f"cannot read reviews: {exc}")
    try:
        result, applied, unmatched = run_review(
            data_dir(data), rows, benches, today=today(), dry_run=not write
        )
    except SyncBusyError as exc:
        fail(str(exc), code=BUSY)
    out = Output.of(plain)
    out.line(f"{len(applied)} model(s) reviewed; {len(unmatched)} matched no model: {', '.join(unmatched)}")
    errs = [p for p in result.problems if p.severity is Severity.ERROR]
    for problem in errs[:50]:
        note(str(problem))
    if errs:
        fail(f"{len(errs)} error(s); data/ is unchanged", code=1)
    out.line(summary(result.changes) + ("" if result.written else " (dry run: use --write)"))


def export(
    what: str = typer.Argument(..., metavar="sqlite", hidden=True),
    out: Path = typer.Argument(..., metavar="PATH", hidden=True),
    plain: bool = PlainOption,
    data: Path | None = DataOption,
) -> None:
    """Export the catalog (`sqlite PATH`: a database that opens in standard SQLite tools).

    PATH: the file to write.
    """
    if what != "sqlite":
        fail(f"unknown export {what!r}; known: sqlite")
    catalog = open_catalog(data)
    export_sqlite(catalog, out)
    Output.of(plain).line(f"wrote {out} ({len(catalog.models):,} models, {len(catalog.routes):,} routes)")
