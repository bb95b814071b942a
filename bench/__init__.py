"""Benchmarks: `python -m bench.NAME` (or `make bench`). Figures go in closing notes, not asserts.

Every module here runs in CI at a tiny size (`tests/bench/test_smoke.py` finds them all): each
takes `--tiny` (or reads `MODELVS_BENCH_TINY=1`, which the smoke test sets) and then does a few
rounds of everything it measures, so a benchmark that no longer runs fails a test.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

TINY_ENV = "MODELVS_BENCH_TINY"


def add_tiny(parser: argparse.ArgumentParser) -> None:
    """The size flag every benchmark takes."""
    parser.add_argument(
        "--tiny", action="store_true", help=f"CI size: a few rounds of each (or {TINY_ENV}=1)."
    )


def is_tiny(args: argparse.Namespace | None = None) -> bool:
    """Whether to run at CI size: `--tiny`, or the environment says so."""
    return bool(getattr(args, "tiny", False)) or os.environ.get(TINY_ENV) == "1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def served(*extra: str, extra_env: dict[str, str] | None = None) -> Iterator[tuple[int, int]]:
    """`modelvs serve` (one worker, a fresh state folder, SQLite views) on a free loopback port:
    yields (port, pid) once it answers; stopped at the end."""
    port = free_port()
    with tempfile.TemporaryDirectory() as state:
        env = {**os.environ, "MODELVS_DATABASE_URL": "", **(extra_env or {})}
        command = [sys.executable, "-m", "modelvs.cli", "serve", "--port", str(port), "--state-dir", state]
        log = (Path(state) / "serve.log").open("wb")
        server = subprocess.Popen([*command, *extra], env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 120
            while True:
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/robots.txt", timeout=5):
                        break
                except OSError:
                    if server.poll() is not None or time.monotonic() > deadline:
                        log.close()
                        raise SystemExit(
                            "modelvs serve did not start:\n" + (Path(state) / "serve.log").read_text()
                        ) from None
                    time.sleep(0.2)
            yield port, server.pid
        finally:
            server.terminate()
            server.wait(timeout=30)
            log.close()
