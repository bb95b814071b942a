"""Run importers and merge their proposals into `data/`: dry run by default, under the sync lock."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from modelvs.catalog import tomlio
from modelvs.catalog.build import catalog_of, check_dir
from modelvs.catalog.catalog import Catalog
from modelvs.catalog.checks import check
from modelvs.catalog.layout import KIND_BY_NAME, record_path
from modelvs.catalog.leftovers import acquire
from modelvs.catalog.load import parse_record
from modelvs.catalog.problems import Problem, Severity
from modelvs.catalog.resolve import UnknownModelError
from modelvs.schema import Model
from modelvs.sources.outcome import Outcome
from modelvs.sources.proposal import Proposal
from modelvs.sync.changes import Change, ChangeKind, changes_between, record_file
from modelvs.sync.fields import Records
from modelvs.sync.holds import hold_back
from modelvs.sync.merge import merge
from modelvs.sync.report import ChangeReport, latest_holds, log_entry, report_of
from modelvs.sync.results import JoinReport, attach_results
from modelvs.sync.review import apply_reviews
from modelvs.sync.tree import read_records, write_records


@dataclass(frozen=True)
class SyncResult:
    """What a sync changed (or would change) and whether it was written."""

    changes: list[Change]
    problems: list[Problem]
    written: bool
    files_touched: int = 0
    joins: JoinReport | None = None
    """How imported benchmark scores joined models, when a source proposed any."""
    report: ChangeReport = field(default_factory=lambda: ChangeReport(dt.date.min))
    """The change report: sources read, models, routes, prices and lifecycle changed, holds."""


def sync(
    data_dir: Path,
    proposals: Sequence[Proposal],
    *,
    today: dt.date,
    dry_run: bool = True,
    progress: Callable[[str], None] | None = None,
    sources: Sequence[Outcome] = (),
    accept: Collection[str] = (),
) -> SyncResult:
    """Merge `proposals` into `data_dir`; writes only when not a dry run and nothing is wrong.

    Runs under the sync lock (a second sync raises `SyncBusyError` before reading anything). Big
    moves on flagships are held back (`sync.holds`) unless their id is in `accept`; `sources` says
    how each source was read, for the report. A written sync that changed something keeps its
    report as `changes/<today>.toml`.
    """
    with acquire(data_dir):
        before = read_records(data_dir)
        proposals = [steady(before, p) for p in proposals]
        if progress:
            progress("merging")
        merged, changes = merge(before, proposals, today)
        merged, joins = attach_results(merged, proposals)
        scored = {k for k in before.keys() | merged.keys() if k[0] == "result"}
        changes += changes_between(
            {k: before[k] for k in scored & before.keys()}, {k: merged[k] for k in scored & merged.keys()}
        )
        after, report, changes = _hold_and_log(before, merged, changes, today, sources, accept)
        changes = changes + unreported(before, after, changes)
        touched = len(differing(before, after))
        if progress:
            progress("checking")
        if dry_run or not touched:
            problems = validate(after, today)
            report = dataclasses.replace(report, files_touched=touched, errors=_errors(problems))
            return SyncResult(
                changes, problems, written=False, files_touched=touched, joins=joins, report=report
            )
        written = write_records(data_dir, before, after, today=today)
        report = dataclasses.replace(
            report, files_touched=written.touched, written=written.swapped, errors=_errors(written.problems)
        )
        return SyncResult(
            changes,
            written.problems,
            written=written.swapped,
            files_touched=written.touched,
            joins=joins,
            report=report,
        )


def _hold_and_log(
    before: Records,
    merged: Records,
    changes: list[Change],
    today: dt.date,
    sources: Sequence[Outcome],
    accept: Collection[str],
) -> tuple[Records, ChangeReport, list[Change]]:
    """The records with held changes undone, the report, and the changes as published: a sync that
    changed models, routes, prices or lifecycle, or whose holds differ from the last log's, logs
    its report in `changes/<today>.toml`."""
    after, holds = hold_back(before, merged, today, accept)
    restored = {record_file(k) for k in merged.keys() | after.keys() if merged.get(k) != after.get(k)}
    changes = [c for c in changes if c.file not in restored]
    report = report_of(before, after, today, sources, holds)
    pending = [{"id": h.id, "what": h.what, "reason": h.reason} for h in holds]
    moved = report.prices or report.models or report.routes or report.lifecycle
    if moved or pending != latest_holds(before):
        key = ("change", today.isoformat())
        after[key] = log_entry(report, before.get(key))
        changes += changes_between({key: before[key]} if key in before else {}, {key: after[key]})
    return after, report, changes


def steady(before: Records, proposal: Proposal) -> Proposal:
    """A source read again at the version the catalog holds keeps its `retrieved` date: the date
    says when that version was first read, so a run that finds nothing new writes nothing."""
    held = before.get(("source", proposal.source_id))
    version = proposal.source.get("version")
    if held is None or version is None or held.get("version") != version or "retrieved" not in held:
        return proposal
    return dataclasses.replace(proposal, source={**proposal.source, "retrieved": held["retrieved"]})


def _errors(problems: list[Problem]) -> tuple[str, ...]:
    return tuple(str(p) for p in problems if p.severity is Severity.ERROR)


def differing(before: Records, after: Records) -> list[tuple[str, str]]:
    """The records a write of `after` over `before` writes or removes (what `write_records` counts)."""
    return sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))


def unreported(before: Records, after: Records, changes: list[Change]) -> list[Change]:
    """A change for each table of a file that is written although the merge reports no value of it
    (citations, provenance, the order of alternatives): a report that writes a file says so."""
    reported = {c.file for c in changes if c.kind is not ChangeKind.CONFLICT}
    found = []
    for key in differing(before, after):
        old, new = before.get(key), after.get(key)
        file = record_path(Path(), *key).as_posix()
        if old is None or new is None or file in reported:
            continue  # added and removed records are reported by the merge
        for name in sorted(old.keys() | new.keys()):
            if old.get(name) != new.get(name):
                found.append(Change(ChangeKind.CHANGED, file, name, old.get(name), new.get(name), "sync"))
    return found


def validate(records: Records, today: dt.date) -> list[Problem]:
    """Schema-validate every record and run the whole-catalog checks, in memory."""
    problems: list[Problem] = []
    typed: dict[str, dict[str, BaseModel]] = {k: {} for k in KIND_BY_NAME}
    for (kind, rid), raw in records.items():
        text = tomlio.dumps(raw)
        record = parse_record(KIND_BY_NAME[kind], f"{kind}:{rid}", text, problems)
        if record is not None:
            typed[kind][rid] = record
    return sorted(problems + check(catalog_of(typed), today))


def review(
    data_dir: Path,
    reviews: list[dict[str, Any]],
    benchmarks: list[dict[str, Any]],
    *,
    today: dt.date,
    dry_run: bool = True,
) -> tuple[SyncResult, list[str], list[str]]:
    """Apply hand reviews (see `sync.review`); all or nothing, like `sync`, under the sync lock."""
    with acquire(data_dir):
        return _review(data_dir, reviews, benchmarks, today=today, dry_run=dry_run)


def _review(
    data_dir: Path,
    reviews: list[dict[str, Any]],
    benchmarks: list[dict[str, Any]],
    *,
    today: dt.date,
    dry_run: bool,
) -> tuple[SyncResult, list[str], list[str]]:
    before = read_records(data_dir)
    index = Catalog(
        sources={},
        labs={},
        providers={},
        benchmarks={},
        models={
            mid: Model.model_construct(**{k: v for k, v in raw.items() if k in ("name", "aliases")})
            for (kind, mid), raw in before.items()
            if kind == "model"
        },
        routes={},
    )

    def resolve(name: str) -> str | None:
        try:
            return index.resolve(name)
        except UnknownModelError:
            return None

    after, applied, unmatched = apply_reviews(before, reviews, benchmarks, resolve, today)
    changes = changes_between(before, after)
    changes += unreported(before, after, changes)
    # A review may fix a catalog a newer rule finds wrong: only the errors it adds refuse it.
    if dry_run:
        had = frozenset(_error_keys(validate(before, today)))
        would = len(differing(before, after))
        problems = [p for p in validate(after, today) if _error_key(p) not in had]
        return SyncResult(changes, problems, written=False, files_touched=would), applied, unmatched
    written = write_records(
        data_dir,
        before,
        after,
        today=today,
        tolerated=frozenset(_error_keys(check_dir(data_dir, today).problems)),
    )
    result = SyncResult(changes, written.problems, written=written.swapped, files_touched=written.touched)
    return result, applied, unmatched


def _error_key(problem: Problem) -> tuple[str, str, str] | None:
    """What identifies an error across two checks of the same files (None for a warning)."""
    return (problem.file, problem.field, problem.message) if problem.severity is Severity.ERROR else None


def _error_keys(problems: list[Problem]) -> list[tuple[str, str, str]]:
    return [key for key in map(_error_key, problems) if key is not None]
