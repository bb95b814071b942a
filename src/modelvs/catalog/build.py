"""Build a `Catalog` from `data/`: load, validate, index, check; cached on the data's hash."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import pickle
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from modelvs.catalog.catalog import Catalog
from modelvs.catalog.checks import check
from modelvs.catalog.load import data_files, load_dir
from modelvs.catalog.problems import CatalogError, Problem, Severity
from modelvs.schema import Benchmark, Lab, Model, Provider, Route, Source

_CACHE_FORMAT = "1"


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
    """`$MODELVS_DATA`, else the `data/` folder of this checkout."""
    env = os.environ.get("MODELVS_DATA")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[3] / "data"


def data_hash(data_dir: Path) -> str:
    """A digest of every data file's path and bytes: the catalog version."""
    digest = hashlib.blake2b(digest_size=16)
    for _, path in data_files(data_dir):
        digest.update(path.relative_to(data_dir).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def check_dir(data_dir: Path, on: dt.date) -> Checked:
    """Load and check every file; returns all problems, never raises on bad data."""
    loaded = load_dir(data_dir)
    records = loaded.records
    catalog = Catalog(
        sources=cast(dict[str, Source], records["source"]),
        labs=cast(dict[str, Lab], records["lab"]),
        providers=cast(dict[str, Provider], records["provider"]),
        benchmarks=cast(dict[str, Benchmark], records["benchmark"]),
        models=cast(dict[str, Model], records["model"]),
        routes=cast(dict[str, Route], records["route"]),
        files=loaded.files,
        version=data_hash(data_dir),
    )
    return Checked(catalog, sorted(loaded.problems + check(catalog, on)))


def load_catalog(data_dir: Path | None = None, *, use_cache: bool = True) -> Catalog:
    """The checked catalog; raises `CatalogError` listing every error.

    A compiled copy is kept per data hash, so an unchanged catalog loads without parsing.
    """
    data_dir = data_dir or default_data_dir()
    version = data_hash(data_dir)
    cache = _cache_file(version) if use_cache else None
    if cache is not None and cache.exists():
        try:
            cached = pickle.loads(cache.read_bytes())
        except (pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
            cached = None
        if isinstance(cached, Catalog) and cached.version == version:
            return cached
    checked = check_dir(data_dir, dt.date.today())
    if checked.errors:
        raise CatalogError(checked.errors)
    if cache is not None:
        _write_atomic(cache, pickle.dumps(checked.catalog, protocol=pickle.HIGHEST_PROTOCOL))
    return checked.catalog


def _cache_file(version: str) -> Path:
    root = Path(os.environ.get("MODELVS_CACHE", Path.home() / ".cache" / "modelvs"))
    return root / f"catalog-{_CACHE_FORMAT}-{version}.pickle"


def _write_atomic(path: Path, payload: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(payload)
        tmp.replace(path)
    except OSError:
        return  # a read-only home must not stop the catalog from loading
