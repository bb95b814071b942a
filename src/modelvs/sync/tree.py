"""Read `data/` as raw records and replace it as a whole, so a failed sync changes nothing."""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from modelvs.catalog import tomlio
from modelvs.catalog.build import check_dir
from modelvs.catalog.layout import KIND_BY_NAME, record_id, record_path
from modelvs.catalog.leftovers import BACKUP, STAGING, acquire, beside, recover
from modelvs.catalog.load import data_files
from modelvs.catalog.problems import Problem, Severity
from modelvs.sync.fields import Records

__all__ = ["Written", "read_records", "recover", "write_records"]


def read_records(data_dir: Path) -> Records:
    """Every record under `data_dir` as parsed TOML, keyed by (kind, id).

    A sync reads under its lock (`catalog.leftovers.acquire`), which has put leftovers right.
    """
    records: Records = {}
    for kind, path in data_files(data_dir):
        inner = PurePosixPath(path.relative_to(data_dir / kind.folder).as_posix())
        records[(kind.name, record_id(kind, inner))] = tomlio.loads(path.read_text(encoding="utf-8"))
    return records


@dataclass(frozen=True)
class Written:
    """What `write_records` did: files written or removed, the new tree's check, and whether it
    replaced the data folder (only a tree that passes its check does)."""

    touched: int
    problems: list[Problem]
    swapped: bool


def write_records(
    data_dir: Path,
    before: Records,
    after: Records,
    *,
    today: dt.date,
    tolerated: frozenset[tuple[str, str, str]] = frozenset(),
) -> Written:
    """Make `data_dir` hold exactly `after`, under the sync lock.

    The new tree is built beside the old one, checked as `modelvs check` checks a catalog, and
    swapped in with two renames only when complete and free of errors (but the `tolerated` ones,
    as (file, field, message): errors the live tree already has, which a review may leave); an
    interruption before the swap leaves the old tree, and the next taker of the lock finishes or
    undoes a swap cut short.
    """
    with acquire(data_dir):
        staging, backup = beside(data_dir, STAGING), beside(data_dir, BACKUP)
        touched = _stage(data_dir, staging, before, after)
        checked = check_dir(staging, today)
        if any(
            p.severity is Severity.ERROR and (p.file, p.field, p.message) not in tolerated
            for p in checked.problems
        ):
            shutil.rmtree(staging, ignore_errors=True)
            return Written(touched, checked.problems, swapped=False)
        if data_dir.exists():
            data_dir.replace(backup)
        staging.replace(data_dir)
        shutil.rmtree(backup, ignore_errors=True)
        return Written(touched, checked.problems, swapped=True)


def _stage(data_dir: Path, staging: Path, before: Records, after: Records) -> int:
    shutil.copytree(data_dir, staging) if data_dir.exists() else staging.mkdir(parents=True)
    touched = 0
    for key in before.keys() - after.keys():
        record_path(staging, key[0], key[1]).unlink(missing_ok=True)
        touched += 1
    for key, raw in after.items():
        if before.get(key) == raw:
            continue
        path = record_path(staging, key[0], key[1])
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(tomlio.dumps(raw), encoding="utf-8")
        touched += 1
    _prune_empty_dirs(staging)
    return touched


def _prune_empty_dirs(root: Path) -> None:
    for kind in KIND_BY_NAME.values():
        folder = root / kind.folder
        if not folder.exists():
            continue
        for path in sorted(folder.rglob("*"), key=lambda p: len(p.parts), reverse=True):
            if path.is_dir() and not any(path.iterdir()):
                path.rmdir()
