"""Checking that the compiled catalog is fresh while the command is still importing.

Loading a compiled catalog first checks that no data file changed since it was compiled: the size
and modification time of every data file and folder (`catalog.freshness`), some 12,000 `stat` calls,
the largest single cost of a command such as `modelvs cost`. Nothing cheaper sees a file edited in
place (its folder's time does not change), so the check is not skipped: `main` forks a child that
makes it while this process imports the command's modules, and the catalog is then opened with
its answer (`stamp_now`). The answer is used only for the data folder and the compiled file the
child checked, as it was compiled (the stamp it was built at); otherwise, or without `fork` or a
second CPU, the check runs here as before. The child reads and never writes.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from modelvs.catalog.build import StampNow

_pending: tuple[int, int] | None = None
"""The child's pid and the pipe it answers on."""


def start(args: list[str]) -> None:
    """Fork the child that checks the catalog `args` (a command line) will open."""
    global _pending
    if _pending is not None or not hasattr(os, "fork") or _cpus() < 2:
        return
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: answer, then leave without running anything of the parent's
        os.close(read)
        try:
            os.write(write, _check(args).encode())
        finally:
            os._exit(0)
    os.close(write)
    _pending = (pid, read)


def stamp_now(data_dir: Path) -> StampNow | None:
    """What the child found for `data_dir`, as `load_catalog` takes it; None when there is no
    answer for that folder (it is then checked in this process)."""
    found = _collect()
    if found is None or found.get("data") != str(data_dir.resolve()):
        return None

    def now(path: Path, stored: str) -> str | None:
        same = (str(path), stored) == (found.get("path"), found.get("stored"))
        return str(found["now"]) if same else None

    return now


def discard() -> None:
    """Forget the child's answer (the data folder was changed since it started)."""
    _collect()


def _collect() -> dict[str, Any] | None:
    global _pending
    if _pending is None:
        return None
    pid, read = _pending
    _pending = None
    chunks = []
    while chunk := os.read(read, 65536):
        chunks.append(chunk)
    os.close(read)
    os.waitpid(pid, 0)
    try:
        found = json.loads(b"".join(chunks))
    except ValueError:
        return None  # the child failed: no answer
    return found if isinstance(found, dict) else None


def _check(args: list[str]) -> str:
    """The child's answer: the data folder, the compiled file, its stamp as built and as now."""
    try:
        from modelvs.catalog.compiled import Compiled
        from modelvs.catalog.freshness import stamp
        from modelvs.catalog.where import compiled_path, default_data_dir

        data = _data_option(args) or default_data_dir()
        path = compiled_path(data)
        manifest, stored = Compiled(path).section("manifest")
        now = stamp(data, manifest)
    except Exception:  # no answer: the parent checks for itself
        return ""
    return json.dumps({"data": str(data.resolve()), "path": str(path), "stored": stored, "now": now})


def _data_option(args: list[str]) -> Path | None:
    for i, arg in enumerate(args):
        if arg == "--data" and i + 1 < len(args):
            return Path(args[i + 1])
        if arg.startswith("--data="):
            return Path(arg.removeprefix("--data="))
    return None


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
