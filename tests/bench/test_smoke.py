"""Every benchmark runs, at a tiny size: one that no longer runs fails here, not in a closing note.

Each module of `bench/` (those added later included) is run as `python -m bench.NAME` with
`MODELVS_BENCH_TINY=1`, which each reads through its `--tiny` flag (`bench.is_tiny`); a module
that has no sizes runs as it is. It must exit 0 within its time limit.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench import TINY_ENV

ROOT = Path(__file__).resolve().parents[2]
MODULES = sorted(p.stem for p in (ROOT / "bench").glob("*.py") if not p.stem.startswith("_"))
LIMIT_S = 900


def test_the_benchmarks_are_found() -> None:
    assert {"catalog", "cli", "miss", "pricing", "serve", "soak", "web"} <= set(MODULES)


@pytest.mark.parametrize("name", MODULES)
def test_each_benchmark_runs_at_a_tiny_size(name: str, tmp_path: Path) -> None:
    env = {**os.environ, TINY_ENV: "1", "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", f"bench.{name}"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=LIMIT_S,
        check=False,
    )
    assert done.returncode == 0, f"bench.{name} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
