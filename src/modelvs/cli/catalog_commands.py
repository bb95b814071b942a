"""`check`, `review` and `export`: the commands that check and maintain the catalog."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Table

from modelvs.catalog import Catalog, Severity, check_dir
from modelvs.catalog.leftovers import SyncBusyError
from modelvs.catalog.stats import STALE_AFTER, catalog_stats, source_freshness, truth_figures
from modelvs.cli.common import (
    BUSY,
    DataOption,
    console,
    data_dir,
    errors,
    fail,
    open_catalog,
    today,
)
from modelvs.engine.changes import pending_holds
from modelvs.export.sqlite import export_sqlite
from modelvs.sync.changes import summary
from modelvs.sync.run import review as run_review


def register(app: typer.Typer) -> None:
    app.command()(check)
    app.command()(export)
    app.command()(review)


def check(
    stats: bool = typer.Option(False, "--stats", help="Print counts of the catalog."),
    warnings: bool = typer.Option(False, "--warnings", help="List every warning, not just their count."),
    data: Path | None = DataOption,
) -> None:
    """Load the whole catalog and report every problem (file, field, message); exit 1 on errors."""
    checked = check_dir(data_dir(data), today())
    for problem in checked.errors:
        errors.print(escape(str(problem)), highlight=False)
    if warnings:
        for problem in checked.warnings:
            errors.print(escape(str(problem)), highlight=False)
    kinds = Counter(p.message.split(":")[0] for p in checked.warnings)
    console.print(
        f"{len(checked.errors)} error(s), {len(checked.warnings)} warning(s)"
        + (f" ({', '.join(f'{n} {k}' for k, n in kinds.most_common(3))})" if kinds else ""),
        highlight=False,
    )
    _print_held(checked.catalog)
    if stats:
        _print_stats(checked.catalog)
        _print_freshness(checked.catalog)
    if checked.errors:
        raise typer.Exit(1)


def _print_stats(catalog: Catalog) -> None:
    table = Table("count", "value", title="Catalog")
    for name, value in catalog_stats(catalog, today()).items():
        table.add_row(name, f"{value:,}")
    console.print(table)
    truth = Table("measure", "value", title="Where readers look first")
    for name, figure in truth_figures(catalog, today()).items():
        truth.add_row(name, f"{figure:,}" if isinstance(figure, int) else figure)
    console.print(truth)


def _print_held(catalog: Catalog) -> None:
    """Changes the last sync held for review (`data/changes/`): the catalog shows the old values."""
    held = pending_holds(catalog)
    for hold in held:
        errors.print(
            escape(
                f"held for review: {hold.id}: {hold.what} ({hold.reason}; `modelvs sync --accept {hold.id}`)"
            ),
            highlight=False,
        )
    if held:
        console.print(f"{len(held)} change(s) held for review", highlight=False)


def _print_freshness(catalog: Catalog) -> None:
    on = today()
    found = source_freshness(catalog, on)
    table = Table("source", "version", "snapshot", "age (days)", title=f"Sources, on {on.isoformat()}")
    for f in found:
        table.add_row(
            f.source,
            escape(f.version or "-"),
            f.retrieved.isoformat(),
            f"{f.age:,}" + (" (stale)" if f.stale else ""),
        )
    console.print(table)
    for f in found:
        if f.stale:
            errors.print(
                escape(
                    f"warning: {f.source}'s snapshot is from {f.retrieved.isoformat()}, {f.age} days old "
                    f"(more than {STALE_AFTER}): refresh it with `modelvs sync --fetch --write`"
                ),
                highlight=False,
            )


def review(
    reviews: Path = typer.Argument(..., help="JSON list of reviewed models (id, facts, sources per field)."),
    benchmarks: Path | None = typer.Option(None, "--benchmarks", help="JSON list of benchmark definitions."),
    write: bool = typer.Option(False, "--write", help="Apply (default: a dry run)."),
    data: Path | None = DataOption,
) -> None:
    """Apply hand-reviewed facts, each with the URL it was checked against; they then win over imports."""
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
        fail(escape(str(exc)), code=BUSY)
    console.print(
        f"{len(applied)} model(s) reviewed; {len(unmatched)} matched no model: {', '.join(unmatched)}"
    )
    errs = [p for p in result.problems if p.severity is Severity.ERROR]
    for problem in errs[:50]:
        errors.print(escape(str(problem)), highlight=False)
    if errs:
        fail(f"{len(errs)} error(s); data/ is unchanged", code=1)
    console.print(summary(result.changes) + ("" if result.written else " (dry run: use --write)"))


def export(
    what: str = typer.Argument(..., help="What to export: sqlite."),
    out: Path = typer.Argument(..., help="Output file."),
    data: Path | None = DataOption,
) -> None:
    """Export the catalog (`sqlite PATH`: a database that opens in standard SQLite tools)."""
    if what != "sqlite":
        fail(f"unknown export {what!r}; known: sqlite")
    catalog = open_catalog(data)
    export_sqlite(catalog, out)
    console.print(f"wrote {out} ({len(catalog.models):,} models, {len(catalog.routes):,} routes)")
