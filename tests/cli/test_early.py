"""The early freshness check: a child process checks the compiled catalog while the command imports,
and an edit made before the command started is always seen.

Each case runs in its own interpreter, as the console script does (`main` forks before any thread
exists; a test process may have threads).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.minicatalog import write_catalog

PROBE = """
import json, sys
from pathlib import Path
from modelvs.catalog.build import load_catalog
from modelvs.catalog.where import compiled_path
from modelvs.catalog.compiled import Compiled
from modelvs.cli import early

data = Path(sys.argv[1])
path = compiled_path(data)
manifest, built = Compiled(path).section("manifest")
early.start(["cost", "gpt-4o-2024-11-20", "--data", sys.argv[1]])
other = early.stamp_now(Path("/nonexistent"))  # another folder: no answer (and the answer is used up)
early.start(["cost", "gpt-4o-2024-11-20", f"--data={sys.argv[1]}"])
now = early.stamp_now(data)
print(json.dumps({
    "other": other is not None,
    "answered": now is not None,
    "fresh": now(path, built) == built if now else None,
    "another_file": now(path.with_name("x.bin"), built) if now else None,
}))
"""


def _env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "MODELVS_CACHE": str(tmp_path / "cache")}


def _run(args: list[str], tmp_path: Path) -> str:
    done = subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, env=_env(tmp_path), timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def _cost(data: Path, tmp_path: Path) -> str:
    code = "import sys; from modelvs.cli import main; sys.argv[0] = 'modelvs'; main()"
    # 1,000 requests of 1,000 input tokens: 1M tokens at the input rate.
    args = ["cost", "gpt-4o-2024-11-20", "-r", "1k", "-i", "1000", "-o", "0", "--data", str(data)]
    return _run(["-c", code, *args], tmp_path)


@pytest.mark.skipif(not hasattr(os, "fork") or (os.cpu_count() or 1) < 2, reason="needs fork and 2 CPUs")
def test_the_child_answers_for_the_folder_and_file_it_checked(tmp_path: Path) -> None:
    data = write_catalog(tmp_path / "data")
    _cost(data, tmp_path)  # compiles the catalog
    found = json.loads(_run(["-c", PROBE, str(data)], tmp_path))
    assert found == {"other": False, "answered": True, "fresh": True, "another_file": None}
    route = data / "routes/openai/openai/gpt-4o-2024-11-20.toml"
    route.write_text(route.read_text() + "\n")  # in place: the folder's time does not change
    found = json.loads(_run(["-c", PROBE, str(data)], tmp_path))
    assert (found["answered"], found["fresh"]) == (True, False)


def test_a_price_edited_in_place_is_seen_by_the_next_command(tmp_path: Path) -> None:
    data = write_catalog(tmp_path / "data")
    assert "$2.50" in _cost(data, tmp_path)
    route = data / "routes/openai/openai/gpt-4o-2024-11-20.toml"
    folder_time = route.parent.stat().st_mtime_ns
    text = route.read_text()
    assert "input = 2.5\n" in text
    with route.open("r+") as f:  # as an editor that writes in place does
        f.write(text.replace("input = 2.5\n", "input = 3.5\n"))
    assert route.parent.stat().st_mtime_ns == folder_time
    assert "$3.50" in _cost(data, tmp_path)


def test_the_childs_check_imports_neither_pydantic_nor_the_loader(tmp_path: Path) -> None:
    # The child runs beside the command's imports on a shared CPU: what it imports, the command waits for.
    data = write_catalog(tmp_path / "data")
    _cost(data, tmp_path)  # compiles the catalog
    probe = (
        "import json, sys\n"
        "from modelvs.cli import early\n"
        "answer = json.loads(early._check(['cost', 'x', '--data', sys.argv[1]]))\n"
        "heavy = [m for m in ('pydantic', 'modelvs.schema', 'modelvs.catalog.build') if m in sys.modules]\n"
        "print(json.dumps({'answered': answer['data'], 'heavy': heavy}))\n"
    )
    found = json.loads(_run(["-c", probe, str(data)], tmp_path))
    assert found == {"answered": str(data.resolve()), "heavy": []}
