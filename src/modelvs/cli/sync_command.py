"""`modelvs sync`: read every source (installed packages, files, or their public URLs with
`--fetch`), merge them into the catalog under its lock, and report what changed."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn

from modelvs.catalog import Severity
from modelvs.catalog.leftovers import SyncBusyError, acquire
from modelvs.cli.common import BUSY, DataOption, PlainOption, at_least, data_dir, fail, today
from modelvs.cli.output import Output, note
from modelvs.sources.outcome import Read, held_version, is_url, kept, packaged
from modelvs.sources.registry import BY_ID, FETCHED, IMPORTERS, OFFLINE
from modelvs.sources.snapshots import Snapshots, cache_root, record
from modelvs.sync.changes import ChangeKind, summary
from modelvs.sync.report import ChangeReport
from modelvs.sync.run import SyncResult
from modelvs.sync.run import sync as run_sync
from modelvs.views.sync_report import report_json, report_markdown

_SOURCE_HELP = (
    f"Source(s) to import: {', '.join(IMPORTERS)} (default: {', '.join(OFFLINE)}; with --fetch: "
    f"{', '.join(FETCHED)})."
)


def register(app: typer.Typer) -> None:
    app.command()(sync)


def sync(
    source: list[str] = typer.Option(None, "--source", "-s", metavar="SOURCE", help=_SOURCE_HELP),
    path: list[str] = typer.Option(
        None,
        "--path",
        metavar="SOURCE=PATH_OR_URL",
        help="Read SOURCE from a file or an http(s) URL instead.",
    ),
    fetch: bool = typer.Option(
        False,
        "--fetch",
        help="Download each source from its public URL (conditional GETs; raw snapshots kept under "
        "$MODELVS_CACHE/snapshots) instead of reading the installed packages.",
    ),
    write: bool = typer.Option(False, "--write", help="Apply the changes (default: a dry run)."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Only print what would change (the default)."),
    report: list[Path] = typer.Option(
        None,
        "--report",
        metavar="FILE",
        help="Write the change report to FILE: JSON for a .json name, else Markdown.",
    ),
    accept: list[str] = typer.Option(
        None,
        "--accept",
        metavar="ID",
        help="Publish a change held for review: a route or model id (repeatable).",
    ),
    keep_snapshots: Path | None = typer.Option(
        None,
        "--keep-snapshots",
        metavar="DIR",
        help="Also keep the raw snapshots the written catalog names in DIR (the others of those "
        "sources removed), so a checkout can rebuild its data: recorded/snapshots in this repository.",
    ),
    timeout: float = typer.Option(
        30.0, "--timeout", metavar="SECONDS", help="Seconds to wait on each download (--fetch)."
    ),
    retries: int = typer.Option(
        3,
        "--retries",
        metavar="N",
        callback=at_least(0),
        help="Tries again after a failed download (--fetch).",
    ),
    show_all: bool = typer.Option(False, "--all", help="List every change, not the first 200."),
    plain: bool = PlainOption,
    data: Path | None = DataOption,
) -> None:
    """Import the sources, merge them into data/ and print what changes; curated values always win.

    Holds the catalog's sync lock for the whole run: a second sync exits 75 naming the first.
    """
    if write and dry_run:
        fail("--write and --dry-run contradict each other")
    names = source or list(FETCHED if fetch else OFFLINE)
    unknown = [n for n in names if n not in IMPORTERS]
    if unknown:
        fail(f"unknown source(s) {', '.join(unknown)}; known: {', '.join(IMPORTERS)}")
    locations = _locations(path or [])
    folder = data_dir(data)
    out = Output.of(plain)
    try:
        with (
            acquire(folder),
            Progress(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                console=Console(stderr=True),
                transient=True,
            ) as bar,
        ):
            task = bar.add_task("importing")
            reads = []
            for name in names:
                bar.update(task, description=f"reading {name}")
                reads.append(
                    _read_source(name, locations.get(name), fetch, (timeout, retries), folder, keep_snapshots)
                )
            outcomes = [r.outcome for r in reads]
            result = None
            if not all(o.failed for o in outcomes):
                result = run_sync(
                    folder,
                    [r.proposal for r in reads if r.proposal is not None],
                    today=today(),
                    dry_run=not write,
                    progress=lambda step: bar.update(task, description=step),
                    sources=outcomes,
                    accept=accept or (),
                )
            if result is not None and keep_snapshots is not None and not result.report.errors and write:
                _keep_snapshots(out, folder, names, keep_snapshots)
    except SyncBusyError as exc:
        fail(str(exc), code=BUSY)
    if result is not None:
        _print_sync(out, result, show_all)
    changes = result.report if result is not None else ChangeReport(today(), tuple(outcomes))
    for target in report or []:
        text = report_json(changes) if target.suffix == ".json" else report_markdown(changes)
        target.write_text(text, encoding="utf-8")
    if result is None:
        for outcome in outcomes:
            note(str(outcome))
        fail("no source could be read; data/ is unchanged", code=1)
    if changes.errors:
        fail(f"{len(changes.errors)} error(s) in the merged catalog; data/ is unchanged", code=1)


def _keep_snapshots(out: Output, folder: Path, names: list[str], into: Path) -> None:
    """Copy the snapshot each source's record names (a live one) into `into`."""
    store = Snapshots(cache_root())
    for name in names:
        version = held_version(folder, name)
        if version is not None and record(store, into, name, version):
            out.line(f"kept {name} {version} in {into}")


def _read_source(
    name: str,
    location: str | None,
    fetch: bool,
    patience: tuple[float, int],
    folder: Path,
    recorded: Path | None,
) -> Read:
    """One source, from the URL given, its file, its public URL (`--fetch`) or its package; a
    source that fails is proposed as the catalog holds it (its kept snapshot or package)."""
    source = BY_ID[name]
    store = Snapshots(cache_root())
    if is_url(location) or (fetch and location is None and source.live):
        from modelvs.sources import live, refresh  # httpx2 is needed by downloads only

        policy = live.Policy(timeout=patience[0], retries=patience[1])
        with live.client(policy) as http:
            url = location or source.live or ""
            read = refresh.fetched(
                source, url, http=http, store=store, policy=policy, now=dt.datetime.now(dt.UTC)
            )
    elif fetch and location is None:
        read = packaged(source, None, today(), "it publishes no stable file: the packaged snapshot")
    else:
        read = packaged(source, location, today())
    if not read.outcome.failed:
        return read
    version = held_version(folder, name)
    stores = [store] + ([Snapshots(recorded)] if recorded is not None else [])
    proposal = kept(source, version, stores, today())
    if proposal is None:
        return read
    detail = f"{read.outcome.detail}; the catalog keeps {version}"
    return Read(dataclasses.replace(read.outcome, detail=detail), proposal)


def _print_sync(out: Output, result: SyncResult, show_all: bool) -> None:
    shown = result.changes if show_all else result.changes[:200]
    for change in shown:
        style = {"added": "green", "removed": "red", "changed": "yellow", "conflict": "magenta"}[change.kind]
        out.line(str(change), style=style)
    if len(shown) < len(result.changes):
        out.line(f"... {len(result.changes) - len(shown)} more (use --all)")
    conflicts = sum(1 for c in result.changes if c.kind is ChangeKind.CONFLICT)
    out.line(f"{summary(result.changes)}; {conflicts} conflict(s) kept as alternatives")
    out.lines(result.joins.lines() if result.joins else ())
    for outcome in result.report.sources:
        out.line(str(outcome), style="red" if outcome.failed else None)
    for held in result.report.held:
        out.line(
            f"held for review: {held.id}: {held.what} ({held.reason}; --accept {held.id} publishes it)",
            style="magenta",
        )
    for problem in [p for p in result.problems if p.severity is Severity.ERROR][:50]:
        note(str(problem))
    if result.written:
        out.line(f"wrote {result.files_touched} file(s)")
    elif not result.files_touched:
        out.line("nothing new: no file changes")
    elif not any(p.severity is Severity.ERROR for p in result.problems):
        out.line("dry run: nothing written (use --write to apply)")


def _locations(pairs: list[str]) -> dict[str, str]:
    found = {}
    for pair in pairs:
        name, sep, location = pair.partition("=")
        if not sep or not location:
            fail(f"--path takes SOURCE=PATH, got {pair!r}")
        found[name] = location
    return found
