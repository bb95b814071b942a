"""Build a `Catalog` from `data/`: load, validate, index, check; compiled once, keyed on the files.

`check_dir` (what `check` and `sync` run) reads and validates every file. `load_catalog` (every
other command, the server, the library) does that only the first time a set of data files (and of
modelvs's own code) is seen: the checked catalog is compiled (`catalog.compiled`) into the cache
folder, and later loads open the compiled file, validating nothing.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import os
import shutil
import struct
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from modelvs.catalog import compiled, freshness
from modelvs.catalog.catalog import Catalog, indexes_of
from modelvs.catalog.derived import Derived
from modelvs.catalog.layout import KINDS
from modelvs.catalog.leftovers import recover
from modelvs.catalog.problems import CatalogError, Problem, Severity
from modelvs.catalog.where import cache_folder, compiled_path, default_data_dir

if TYPE_CHECKING:
    from pydantic import BaseModel

    from modelvs.catalog.load import Loaded

KEEP_DAYS = 14
"""Compiled catalogs (and their derived values) not written for this long are removed."""


@dataclass(frozen=True)
class Checked:
    """A catalog and every problem found in it."""

    catalog: Catalog
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]


def data_hash(data_dir: Path) -> str:
    """A digest of every data file's path and bytes: the catalog version."""
    from modelvs.catalog.load import data_files

    digest = hashlib.blake2b(digest_size=16)
    for _, path in data_files(data_dir):
        digest.update(path.relative_to(data_dir).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def catalog_of(
    records: dict[str, dict[str, BaseModel]],
    files: dict[tuple[str, str], str] | None = None,
    version: str = "",
) -> Catalog:
    """A catalog from validated records by kind name (as `load_dir` returns them)."""
    kinds = {k.folder: records.get(k.name, {}) for k in KINDS}
    return Catalog(**kinds, files=files or {}, version=version)  # type: ignore[arg-type]


def check_dir(data_dir: Path, on: dt.date) -> Checked:
    """Load and check every file; returns all problems, never raises on bad data."""
    from modelvs.catalog.load import load_dir

    recover(data_dir)  # what a sync cut short is put right first
    return _check_loaded(data_dir, load_dir(data_dir), data_hash(data_dir), on)


def _check_loaded(data_dir: Path, loaded: Loaded, version: str, on: dt.date) -> Checked:
    from modelvs.catalog.checks import check

    catalog = catalog_of(loaded.records, files=loaded.files, version=version)
    found = check(catalog, on, broken=frozenset(loaded.broken))
    return Checked(catalog, sorted(loaded.problems + with_lines(data_dir, found)))


def with_lines(data_dir: Path, problems: list[Problem]) -> list[Problem]:
    """`problems` with the line of each field in its file, where the field stands in it."""
    from modelvs.catalog.tomlio import key_lines, line_of

    lines: dict[str, dict[str, int]] = {}
    out = []
    for problem in problems:
        if problem.line is None and problem.field:
            if problem.file not in lines:
                try:
                    text = (data_dir / problem.file).read_text(encoding="utf-8")
                except (OSError, UnicodeDecodeError):
                    text = ""
                lines[problem.file] = key_lines(text)
            problem = dataclasses.replace(problem, line=line_of(lines[problem.file], problem.field))
        out.append(problem)
    return out


StampNow = Callable[[Path, str], str | None]
"""Given a compiled file and the stamp it was built at, the stamp of its data files now, when
something (another process) has just computed it; else None, and the stamp is computed here."""


def load_catalog(
    data_dir: Path | None = None, *, use_cache: bool = True, stamp_now: StampNow | None = None
) -> Catalog:
    """The checked catalog; raises `CatalogError` listing every error.

    The first load of a data folder (and after any change to its files) parses, validates and
    checks every file and compiles the result into the cache folder (`$MODELVS_CACHE`, else
    `~/.cache/modelvs`); later loads open the compiled file, which reads records only as they are
    asked for, after checking that no data file changed (`freshness`; `stamp_now` may say what
    another process found, as the CLI's early check does).
    """
    data_dir = data_dir or default_data_dir()
    recover(data_dir)  # what a sync cut short is put right first
    path = compiled_path(data_dir) if use_cache else None
    if path is not None and path.exists():
        catalog = open_compiled(path, data_dir, stamp_now)
        if catalog is not None:
            return catalog
    from modelvs.catalog.load import load_dir

    found = freshness.manifest(data_dir)
    stamp = freshness.stamp(data_dir, found)
    loaded = load_dir(data_dir)
    checked = _check_loaded(data_dir, loaded, data_hash(data_dir), dt.date.today())
    if checked.errors:
        raise CatalogError(checked.errors)
    if path is None:
        return checked.catalog
    catalog = checked.catalog
    sections = {
        "manifest": (found, stamp),
        "stamp": stamp,  # alone too: a process that was told the stamp now reads no manifest
        "version": catalog.version,
        "names": catalog.names,
        "indexes": indexes_of(catalog),
        "files": dict(catalog.files),
    }
    payload = compiled.write({kind: loaded.records[kind] for kind in loaded.records}, sections)
    _prune(path.parent)
    if _write_atomic(path, payload):
        return open_compiled(path, data_dir) or catalog
    return catalog


def open_compiled(path: Path, data_dir: Path, stamp_now: StampNow | None = None) -> Catalog | None:
    """The catalog compiled into `path` if it was compiled from `data_dir` as it is now; None if
    a data file changed since, or the file is damaged or of another format."""
    try:
        found = compiled.Compiled(path)
        stamp = found.section("stamp")
        now = stamp_now(path, stamp) if stamp_now is not None else None
        if (now or freshness.stamp(data_dir, found.section("manifest")[0])) != stamp:
            return None
        version = found.section("version")
    except (OSError, ValueError, EOFError, KeyError, TypeError, AttributeError, ImportError, struct.error):
        return None  # a missing, stale or damaged file is compiled again, never trusted
    with contextlib.suppress(OSError):
        os.utime(path)  # in use: not one to prune
    kinds = {k.folder: found.records(k.name) for k in KINDS}
    return Catalog(
        **kinds,
        files=_OnFirstRead(lambda: found.section("files")),
        version=version,
        name_index=lambda: found.section("names"),
        indexes=lambda: found.section("indexes"),
        derived=Derived(cache_folder() / f"derived-{version}" / freshness.code_digest()),
    )


class _OnFirstRead(Mapping[tuple[str, str], str]):
    """A section of the compiled file read when first used (the files map: only reports read it)."""

    def __init__(self, read: Callable[[], Mapping[tuple[str, str], str]]) -> None:
        self._read = read
        self._found: Mapping[tuple[str, str], str] | None = None

    @property
    def _data(self) -> Mapping[tuple[str, str], str]:
        if self._found is None:
            self._found = self._read()
        return self._found

    def __getitem__(self, key: tuple[str, str]) -> str:
        return self._data[key]

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)


def _prune(folder: Path) -> None:
    """Remove compiled catalogs and derived values not used for `KEEP_DAYS`."""
    old = time.time() - KEEP_DAYS * 86400
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        if not entry.name.startswith(("catalog-", "derived-")):
            continue
        try:
            if entry.stat(follow_symlinks=False).st_mtime >= old:
                continue
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path)
            else:
                Path(entry.path).unlink()
        except OSError:
            continue  # another process got there first, or it is not ours to remove


def _write_atomic(path: Path, payload: bytes) -> bool:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(payload)
        tmp.replace(path)
    except OSError:
        return False  # a read-only home must not stop the catalog from loading
    return True
