"""Build a `Catalog` from `data/`: load, validate, index, check; cached on the data's hash."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
import pickle
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from pydantic import BaseModel

from modelvs.catalog.catalog import Catalog, LazyRecords
from modelvs.catalog.checks import check
from modelvs.catalog.leftovers import recover
from modelvs.catalog.load import Loaded, data_files, data_paths, load_dir
from modelvs.catalog.problems import CatalogError, Problem, Severity
from modelvs.catalog.tomlio import key_lines, line_of
from modelvs.schema import Benchmark, Lab, Model, Provider, Route, Source
from modelvs.schema.changelog import ChangeLog
from modelvs.schema.identity import IdentityDecision
from modelvs.schema.results import NameJoins, ResultSet

_CACHE_FORMAT = "6"


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


def default_data_dir() -> Path:
    """`$MODELVS_DATA`; else the checkout's `data/` when running from a source tree (an editable
    install); else the copy of it that the wheel ships as `modelvs/_catalog/`."""
    env = os.environ.get("MODELVS_DATA")
    if env:
        return Path(env)
    package = Path(__file__).resolve().parents[1]
    checkout = package.parents[1]
    if package.parent.name == "src" and (checkout / "pyproject.toml").is_file():
        return checkout / "data"
    # The catalog is read as plain files (os.walk, stat for the cache key), so the installed
    # package's folder is used as it is rather than through importlib.resources.
    return package / "_catalog"


def data_hash(data_dir: Path) -> str:
    """A digest of every data file's path and bytes: the catalog version."""
    digest = hashlib.blake2b(digest_size=16)
    for _, path in data_files(data_dir):
        digest.update(path.relative_to(data_dir).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def fingerprint(data_dir: Path) -> str:
    """A cheap digest of every data file's path, size and modification time: the cache key."""
    digest = hashlib.blake2b(digest_size=16)
    for _, path in data_paths(data_dir):
        stat = os.stat(path)  # noqa: PTH116 - plain strings: Path objects cost more than the stat
        digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    return digest.hexdigest()


def catalog_of(
    records: dict[str, dict[str, BaseModel]],
    files: dict[tuple[str, str], str] | None = None,
    version: str = "",
) -> Catalog:
    """A catalog from validated records by kind name (as `load_dir` returns them)."""
    return Catalog(
        sources=cast(dict[str, Source], records["source"]),
        labs=cast(dict[str, Lab], records["lab"]),
        providers=cast(dict[str, Provider], records["provider"]),
        benchmarks=cast(dict[str, Benchmark], records["benchmark"]),
        models=cast(dict[str, Model], records["model"]),
        routes=cast(dict[str, Route], records["route"]),
        identity=cast(dict[str, IdentityDecision], records.get("identity", {})),
        results=cast(dict[str, ResultSet], records.get("result", {})),
        joins=cast(dict[str, NameJoins], records.get("join", {})),
        changes=cast(dict[str, ChangeLog], records.get("change", {})),
        files=files or {},
        version=version,
    )


def check_dir(data_dir: Path, on: dt.date) -> Checked:
    """Load and check every file; returns all problems, never raises on bad data."""
    recover(data_dir)  # what a sync cut short is put right first
    return _check_loaded(data_dir, load_dir(data_dir), data_hash(data_dir), on)


def _check_loaded(data_dir: Path, loaded: Loaded, version: str, on: dt.date) -> Checked:
    catalog = catalog_of(loaded.records, files=loaded.files, version=version)
    found = check(catalog, on, broken=frozenset(loaded.broken))
    return Checked(catalog, sorted(loaded.problems + with_lines(data_dir, found)))


def with_lines(data_dir: Path, problems: list[Problem]) -> list[Problem]:
    """`problems` with the line of each field in its file, where the field stands in it."""
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


def load_catalog(data_dir: Path | None = None, *, use_cache: bool = True) -> Catalog:
    """The checked catalog; raises `CatalogError` listing every error.

    Parsing TOML is most of the cost, so a catalog that passed its checks is kept compiled
    (its parsed records, keyed by the files' sizes and times); loading it again validates
    those records without parsing or re-checking.
    """
    data_dir = data_dir or default_data_dir()
    recover(data_dir)  # what a sync cut short is put right first
    key = fingerprint(data_dir)
    cache = _cache_file(key) if use_cache else None
    if cache is not None and cache.exists():
        catalog = _from_cache(cache)
        if catalog is not None:
            return catalog
    loaded = load_dir(data_dir)
    checked = _check_loaded(data_dir, loaded, data_hash(data_dir), dt.date.today())
    if checked.errors:
        raise CatalogError(checked.errors)
    if cache is not None:
        catalog = checked.catalog
        payload = {
            "version": catalog.version,
            "raw": loaded.raw,
            "files": loaded.files,
            "names": catalog.names,
        }
        _write_atomic(cache, pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL))
    return checked.catalog


def _from_cache(cache: Path) -> Catalog | None:
    try:
        payload = pickle.loads(cache.read_bytes())
        raw = payload["raw"]
        return Catalog(
            sources=LazyRecords(Source, raw["source"]),
            labs=LazyRecords(Lab, raw["lab"]),
            providers=LazyRecords(Provider, raw["provider"]),
            benchmarks=LazyRecords(Benchmark, raw["benchmark"]),
            models=LazyRecords(Model, raw["model"]),
            routes=LazyRecords(Route, raw["route"]),
            identity=LazyRecords(IdentityDecision, raw.get("identity", {})),
            results=LazyRecords(ResultSet, raw.get("result", {})),
            joins=LazyRecords(NameJoins, raw.get("join", {})),
            changes=LazyRecords(ChangeLog, raw.get("change", {})),
            files=payload["files"],
            version=payload["version"],
            name_index=payload["names"],
        )
    except (OSError, pickle.UnpicklingError, EOFError, KeyError, TypeError, ValueError, AttributeError):
        return None  # a stale or damaged cache is rebuilt, never trusted


def _cache_file(key: str) -> Path:
    root = Path(os.environ.get("MODELVS_CACHE", Path.home() / ".cache" / "modelvs"))
    return root / f"catalog-{_CACHE_FORMAT}-{key}.pickle"


def _write_atomic(path: Path, payload: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(payload)
        tmp.replace(path)
    except OSError:
        return  # a read-only home must not stop the catalog from loading
