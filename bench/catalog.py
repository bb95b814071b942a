"""Catalog load and check, cold and cached, and a full sync of every importer (dry run)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from modelvs.catalog import check_dir, default_data_dir, load_catalog
from modelvs.sources.registry import IMPORTERS, OFFLINE
from modelvs.sync.run import sync


def timed(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median and minimum seconds over `repeat` runs."""
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs), min(runs)


def main() -> None:
    data = default_data_dir()
    today = dt.date(2026, 11, 24)
    with tempfile.TemporaryDirectory() as cache:
        os.environ["MODELVS_CACHE"] = cache
        cold = timed(lambda: check_dir(data, today), 3)
        load_catalog(data)  # fill the compiled cache
        warm = timed(lambda: load_catalog(data), 5)
    files = sum(1 for _ in data.rglob("*.toml"))
    print(f"catalog: {files} files")
    print(f"load + check (parse, validate, index, all checks): median {cold[0]:.3f}s, min {cold[1]:.3f}s")
    print(f"load from compiled cache (hash files + unpickle): median {warm[0]:.3f}s, min {warm[1]:.3f}s")
    print(f"cache speed-up: {cold[0] / warm[0]:.1f}x")
    start = time.perf_counter()
    proposals = [IMPORTERS[name](None, today) for name in OFFLINE]
    imported = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "data"
        shutil.copytree(data, copy)
        start = time.perf_counter()
        result = sync(copy, proposals, today=today, dry_run=True)
        merged = time.perf_counter() - start
    print(
        f"full sync ({', '.join(OFFLINE)}): import {imported:.2f}s, merge + validate + check {merged:.2f}s,"
    )
    conflicts = sum(1 for c in result.changes if c.kind == "conflict")
    print(
        f"  {len(result.changes) - conflicts} value change(s) against the shipped catalog,"
        f" {conflicts} conflicts kept"
    )


if __name__ == "__main__":
    main()
