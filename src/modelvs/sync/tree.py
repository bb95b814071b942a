"""Read `data/` as raw records and replace it as a whole, so a failed sync changes nothing."""

from __future__ import annotations

import shutil
from pathlib import Path, PurePosixPath

from modelvs.catalog import tomlio
from modelvs.catalog.layout import KIND_BY_NAME, record_id, record_path
from modelvs.catalog.leftovers import BACKUP, STAGING, beside, hold, recover, release
from modelvs.catalog.load import data_files
from modelvs.sync.fields import Records

__all__ = ["read_records", "recover", "write_records"]


def read_records(data_dir: Path) -> Records:
    """Every record under `data_dir` as parsed TOML, keyed by (kind, id)."""
    recover(data_dir)
    records: Records = {}
    for kind, path in data_files(data_dir):
        inner = PurePosixPath(path.relative_to(data_dir / kind.folder).as_posix())
        records[(kind.name, record_id(kind, inner))] = tomlio.loads(path.read_text(encoding="utf-8"))
    return records


def write_records(data_dir: Path, before: Records, after: Records) -> int:
    """Make `data_dir` hold exactly `after`; returns the number of files written or removed.

    The new tree is built beside the old one and swapped in with two renames; an
    interruption before the swap leaves the old tree, and `recover` finishes or undoes
    a swap that was cut short.
    """
    recover(data_dir)
    lock = hold(data_dir)
    try:
        return _write(data_dir, before, after)
    finally:
        release(lock)  # what a crash leaves, the next command that opens the catalog recovers


def _write(data_dir: Path, before: Records, after: Records) -> int:
    staging, backup = beside(data_dir, STAGING), beside(data_dir, BACKUP)
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
    if data_dir.exists():
        data_dir.replace(backup)
    staging.replace(data_dir)
    shutil.rmtree(backup, ignore_errors=True)
    return touched


def _prune_empty_dirs(root: Path) -> None:
    for kind in KIND_BY_NAME.values():
        folder = root / kind.folder
        if not folder.exists():
            continue
        for path in sorted(folder.rglob("*"), key=lambda p: len(p.parts), reverse=True):
            if path.is_dir() and not any(path.iterdir()):
                path.rmdir()
