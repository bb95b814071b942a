"""Catalog load and check, cold and compiled, and a full sync of every importer (dry run).

Run: `python -m bench.catalog [--tiny]` (`--tiny`: one run each, the sync of one source).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench import add_tiny, is_tiny
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
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_tiny(parser)
    tiny = is_tiny(parser.parse_args())
    data = default_data_dir()
    today = dt.date(2026, 11, 24)
    with tempfile.TemporaryDirectory() as cache:
        os.environ["MODELVS_CACHE"] = cache
        cold = timed(lambda: check_dir(data, today), 1 if tiny else 3)
        load_catalog(data)  # compile it
        warm = timed(lambda: load_catalog(data), 1 if tiny else 5)
        every = timed(lambda: load_catalog(data).load_all(), 1 if tiny else 5)
    files = sum(1 for _ in data.rglob("*.toml"))
    print(f"catalog: {files} files")
    print(f"load + check (parse, validate, index, all checks): median {cold[0]:.3f}s, min {cold[1]:.3f}s")
    print(f"open the compiled catalog (stat every file, read the header): median {warm[0]:.3f}s")
    print(f"  ... and read every record: median {every[0]:.3f}s, min {every[1]:.3f}s")
    print(f"speed-up: {cold[0] / warm[0]:.0f}x to open, {cold[0] / every[0]:.1f}x to read it all")
    sources = OFFLINE[:1] if tiny else OFFLINE
    start = time.perf_counter()
    proposals = [IMPORTERS[name](None, today) for name in sources]
    imported = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "data"
        shutil.copytree(data, copy)
        start = time.perf_counter()
        result = sync(copy, proposals, today=today, dry_run=True)
        merged = time.perf_counter() - start
    print(
        f"full sync ({', '.join(sources)}): import {imported:.2f}s, merge + validate + check {merged:.2f}s,"
    )
    conflicts = sum(1 for c in result.changes if c.kind == "conflict")
    print(
        f"  {len(result.changes) - conflicts} value change(s) against the shipped catalog,"
        f" {conflicts} conflicts kept"
    )


if __name__ == "__main__":
    main()
