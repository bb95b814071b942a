"""`check`, `sync`, `review` and `export`: the commands that check and maintain the catalog."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import typer
from rich.markup import escape
from rich.progress import Progress, SpinnerColumn, TextColumn
from rich.table import Table

from modelvs.catalog import Catalog, Severity, check_dir
from modelvs.catalog.stats import catalog_stats
from modelvs.cli.common import (
    DataOption,
    console,
    data_dir,
    errors,
    fail,
    open_catalog,
    today,
)
from modelvs.export.sqlite import export_sqlite
from modelvs.sources.registry import IMPORTERS, OFFLINE
from modelvs.sync.changes import ChangeKind, summary
from modelvs.sync.run import review as run_review
from modelvs.sync.run import sync as run_sync

_SOURCE_HELP = f"Source(s) to import: {', '.join(IMPORTERS)} (default: {', '.join(OFFLINE)})."


def register(app: typer.Typer) -> None:
    app.command()(check)
    app.command()(sync)
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
    if stats:
        _print_stats(checked.catalog)
    if checked.errors:
        raise typer.Exit(1)


def _print_stats(catalog: Catalog) -> None:
    table = Table("count", "value", title="Catalog")
    for name, value in catalog_stats(catalog, today()).items():
        table.add_row(name, f"{value:,}")
    console.print(table)


def sync(
    source: list[str] = typer.Option(
        None,
        "--source",
        "-s",
        help=_SOURCE_HELP,
    ),
    path: list[str] = typer.Option(None, "--path", help="Read SOURCE from a file or URL: SOURCE=PATH."),
    write: bool = typer.Option(False, "--write", help="Apply the changes (default: a dry run)."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Only print what would change (the default)."),
    show_all: bool = typer.Option(False, "--all", help="List every change, not the first 200."),
    data: Path | None = DataOption,
) -> None:
    """Import the sources, merge them into data/ and print what changes; curated values always win."""
    if write and dry_run:
        fail("--write and --dry-run contradict each other")
    names = source or list(OFFLINE)
    unknown = [n for n in names if n not in IMPORTERS]
    if unknown:
        fail(f"unknown source(s) {', '.join(unknown)}; known: {', '.join(IMPORTERS)}")
    locations = _locations(path or [])
    retrieved = today()
    proposals = []
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), console=errors, transient=True) as bar:
        task = bar.add_task("importing")
        for name in names:
            bar.update(task, description=f"importing {name}")
            try:
                proposals.append(IMPORTERS[name](locations.get(name), retrieved))
            except (OSError, ValueError, ImportError) as exc:
                fail(f"{name}: {exc} (data/ is unchanged)", code=1)
        result = run_sync(
            data_dir(data),
            proposals,
            today=retrieved,
            dry_run=not write,
            progress=lambda step: bar.update(task, description=step),
        )
    shown = result.changes if show_all else result.changes[:200]
    for change in shown:
        style = {"added": "green", "removed": "red", "changed": "yellow", "conflict": "magenta"}[change.kind]
        console.print(f"[{style}]{escape(str(change))}[/]", highlight=False)
    if len(shown) < len(result.changes):
        console.print(f"... {len(result.changes) - len(shown)} more (use --all)")
    conflicts = sum(1 for c in result.changes if c.kind is ChangeKind.CONFLICT)
    console.print(f"{summary(result.changes)}; {conflicts} conflict(s) kept as alternatives")
    for line in result.joins.lines() if result.joins else ():
        console.print(escape(line), highlight=False)
    errs = [p for p in result.problems if p.severity is Severity.ERROR]
    if errs:
        for problem in errs[:50]:
            errors.print(escape(str(problem)), highlight=False)
        fail(f"{len(errs)} error(s) in the merged catalog; data/ is unchanged", code=1)
    if result.written:
        console.print(f"wrote {result.files_touched} file(s)")
    else:
        console.print("dry run: nothing written (use --write to apply)")


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
    result, applied, unmatched = run_review(data_dir(data), rows, benches, today=today(), dry_run=not write)
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


def _locations(pairs: list[str]) -> dict[str, str]:
    found = {}
    for pair in pairs:
        name, sep, location = pair.partition("=")
        if not sep or not location:
            fail(f"--path takes SOURCE=PATH, got {pair!r}")
        found[name] = location
    return found
