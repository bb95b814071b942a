"""Run importers and merge their proposals into `data/`: dry run by default."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from modelvs.catalog import tomlio
from modelvs.catalog.build import catalog_of
from modelvs.catalog.catalog import Catalog
from modelvs.catalog.checks import check
from modelvs.catalog.layout import KIND_BY_NAME, record_path
from modelvs.catalog.load import parse_record
from modelvs.catalog.problems import Problem, Severity
from modelvs.catalog.resolve import UnknownModelError
from modelvs.schema import Model
from modelvs.sources.proposal import Proposal
from modelvs.sync.changes import Change, ChangeKind, changes_between
from modelvs.sync.fields import Records
from modelvs.sync.merge import merge
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


def sync(
    data_dir: Path,
    proposals: Sequence[Proposal],
    *,
    today: dt.date,
    dry_run: bool = True,
    progress: Callable[[str], None] | None = None,
) -> SyncResult:
    """Merge `proposals` into `data_dir`; writes only when not a dry run and nothing is wrong."""
    before = read_records(data_dir)
    if progress:
        progress("merging")
    merged, changes = merge(before, proposals, today)
    after, joins = attach_results(merged, proposals)
    scored = {k for k in before.keys() | after.keys() if k[0] == "result"}
    changes += changes_between(
        {k: before[k] for k in scored & before.keys()}, {k: after[k] for k in scored & after.keys()}
    )
    changes = changes + unreported(before, after, changes)
    if progress:
        progress("checking")
    problems = validate(after, today)
    errors = [p for p in problems if p.severity is Severity.ERROR]
    if dry_run or errors:
        touched = len(differing(before, after))
        return SyncResult(changes, problems, written=False, files_touched=touched, joins=joins)
    touched = write_records(data_dir, before, after)
    return SyncResult(changes, problems, written=True, files_touched=touched, joins=joins)


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
    """Apply hand reviews (see `sync.review`); all or nothing, like `sync`."""
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
    problems = validate(after, today)
    # A review may fix a catalog a newer rule finds wrong: only the errors it adds refuse it.
    had = {(p.file, p.field, p.message) for p in validate(before, today) if p.severity is Severity.ERROR}
    problems = [
        p for p in problems if p.severity is not Severity.ERROR or (p.file, p.field, p.message) not in had
    ]
    changes = changes_between(before, after)
    changes += unreported(before, after, changes)
    if dry_run or any(p.severity is Severity.ERROR for p in problems):
        would = len(differing(before, after))
        return SyncResult(changes, problems, written=False, files_touched=would), applied, unmatched
    touched = write_records(data_dir, before, after)
    return SyncResult(changes, problems, written=True, files_touched=touched), applied, unmatched
