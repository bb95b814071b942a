"""The package as a user gets it: build the sdist and, from it, the wheel; install the wheel into
fresh virtualenvs outside the checkout; run it from an empty folder.

Dependencies come from the package index, pinned by requirements.lock so that pip's cache
serves them. Nothing here may see the checkout's sources or the project venv: every command
runs in a fresh venv's own interpreter, from an empty folder, without PYTHONPATH or MODELVS_*.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import tarfile
import time
import urllib.request
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

pytestmark = pytest.mark.package

ROOT = Path(__file__).resolve().parents[1]
REFERENCE_PAGE = "/compare/gemini-3.1-pro-preview-vs-gpt-4o-2024-11-20"
EXTRAS_ONLY = ("starlette", "jinja2", "uvicorn", "psycopg", "psycopg_pool")


def _run(command: list[str | Path], *, cwd: Path | None = None, env: dict[str, str] | None = None) -> str:
    """stdout of a command that must succeed; its whole output on failure."""
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, f"{command} exited {done.returncode}:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def _repo_files(folder: str) -> set[str]:
    """Files under a folder of the checkout, relative to it (tracked or not, no bytecode)."""
    base = ROOT / folder
    return {
        p.relative_to(base).as_posix()
        for p in base.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sdist, and the wheel that `build` makes from that sdist (so the sdist must be complete)."""
    out = tmp_path_factory.mktemp("dist")
    _run([sys.executable, "-m", "build", "--outdir", out, ROOT])
    return out


@pytest.fixture(scope="module")
def wheel(dist: Path) -> Path:
    (found,) = dist.glob("modelvs-*.whl")
    return found


@dataclass(frozen=True)
class Venv:
    """A fresh virtualenv with the wheel installed, and an empty folder to run it from."""

    root: Path
    work: Path
    env: dict[str, str]

    @property
    def bin(self) -> Path:
        return self.root / "bin"

    def run(self, *args: str | Path) -> str:
        return _run([self.bin / "modelvs", *args], cwd=self.work, env=self.env)

    def python(self, code: str) -> str:
        return _run([self.bin / "python", "-c", code], cwd=self.work, env=self.env)


def _venv(base: Path, wheel: Path, extras: str) -> Venv:
    base.mkdir()
    root, work = base / "venv", base / "work"
    work.mkdir()
    # Only what a user's shell would have: pip's own settings and cache stay, the project's go.
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("MODELVS_", "PYTHON", "VIRTUAL_ENV", "COV_CORE", "COVERAGE"))
    }
    env |= {"PATH": f"{root / 'bin'}{os.pathsep}{env.get('PATH', '')}", "MODELVS_CACHE": str(base / "cache")}
    env |= {"COLUMNS": "120", "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    _run([sys.executable, "-m", "venv", root], cwd=work, env=env)
    requirement = f"{wheel}[{extras}]" if extras else str(wheel)
    pip = [root / "bin" / "python", "-m", "pip", "install", "--quiet"]
    _run([*pip, "--constraint", ROOT / "requirements.lock", requirement], cwd=work, env=env)
    return Venv(root, work, env)


@pytest.fixture(scope="module")
def core(tmp_path_factory: pytest.TempPathFactory, wheel: Path) -> Venv:
    """The wheel alone: the library and the commands that need no extra."""
    return _venv(tmp_path_factory.mktemp("fresh") / "core", wheel, extras="")


@pytest.fixture(scope="module")
def full(tmp_path_factory: pytest.TempPathFactory, wheel: Path) -> Venv:
    """The wheel with every extra, as a site operator installs it."""
    return _venv(tmp_path_factory.mktemp("fresh") / "full", wheel, extras="all")


def test_the_wheel_carries_the_catalog_templates_and_static_files(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())

    def under(prefix: str) -> set[str]:
        return {n.removeprefix(prefix) for n in names if n.startswith(prefix)}

    assert under("modelvs/_catalog/") == _repo_files("data")
    assert under("modelvs/web/templates/") == _repo_files("src/modelvs/web/templates")
    assert under("modelvs/web/static/") == _repo_files("src/modelvs/web/static")
    assert "modelvs/py.typed" in names
    assert not [n for n in names if "__pycache__" in n or n.startswith(("tests/", "data/", "bench/"))]


def test_the_sdist_carries_the_catalog_and_what_its_tests_need(dist: Path) -> None:
    (sdist,) = dist.glob("modelvs-*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    assert {f"data/{name}" for name in _repo_files("data")} <= names
    assert {"schemas/comparison.schema.json", "requirements.lock", "Makefile", "tests/conftest.py"} <= names


def test_the_library_reads_the_shipped_catalog_with_the_core_dependencies_alone(core: Venv) -> None:
    code = (
        "import json, sys, modelvs\n"
        "from modelvs.catalog import default_data_dir, load_catalog\n"
        "catalog = load_catalog()\n"
        "print(json.dumps({'package': modelvs.__file__, 'data': str(default_data_dir()),"
        " 'models': len(catalog.models), 'routes': len(catalog.routes), 'path': sys.path,"
        " 'loaded': sorted({m.split('.')[0] for m in sys.modules})}))"
    )
    seen = json.loads(core.python(code))
    assert Path(seen["package"]).is_relative_to(core.root)
    assert Path(seen["data"]).is_relative_to(core.root)
    assert not [p for p in seen["path"] if p and Path(p).resolve().is_relative_to(ROOT)]
    assert seen["models"] == len(list((ROOT / "data" / "models").glob("*/*.toml")))
    assert seen["routes"] == len(list((ROOT / "data" / "routes").glob("*/*/*.toml")))
    assert not set(seen["loaded"]) & set(EXTRAS_ONLY)


def test_serve_without_the_web_extra_names_it(core: Venv) -> None:
    done = subprocess.run(
        [core.bin / "modelvs", "serve", "--port", "1"],
        cwd=core.work,
        env=core.env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2, done.stdout + done.stderr
    assert "pip install 'modelvs[web]'" in " ".join(done.stderr.split())


def test_check_stats_shows_the_whole_shipped_catalog(full: Venv) -> None:
    out = full.run("check", "--stats")
    assert "0 error(s)" in out
    shown = re.search(r"^\W*models\W+([\d,]+)", out, re.MULTILINE)
    assert shown is not None, out
    assert int(shown.group(1).replace(",", "")) == len(list((ROOT / "data" / "models").glob("*/*.toml")))


def test_show_finds_a_shipped_model(full: Venv) -> None:
    out = full.run("show", "gpt-4o-2024-11-20")
    assert "openai/gpt-4o-2024-11-20" in out


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def served(full: Venv) -> Iterator[str]:
    """`modelvs serve` from the fresh venv, on a free loopback port; stopped afterwards."""
    port = _free_port()
    log = (full.work / "serve.log").open("wb")  # a file: a full pipe would stall the server
    command = [full.bin / "modelvs", "serve", "--port", str(port)]
    process = subprocess.Popen(command, cwd=full.work, env=full.env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    try:
        while True:
            try:
                with urllib.request.urlopen(f"{base}/robots.txt", timeout=2):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"modelvs serve did not start:\n{(full.work / 'serve.log').read_text()}")
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)
        log.close()


def test_serve_answers_the_reference_comparison_and_its_stylesheet(served: str) -> None:
    with urllib.request.urlopen(served + REFERENCE_PAGE, timeout=60) as response:
        assert response.status == 200
        page = response.read().decode()
    assert "gpt-4o-2024-11-20" in page
    assert "gemini-3.1-pro-preview" in page
    with urllib.request.urlopen(served + "/static/site.css", timeout=10) as response:
        assert response.status == 200


def test_the_readme_library_example_runs_from_the_wheel_alone(core: Venv) -> None:
    from tests.docs.test_readme import library_example

    check = f"\nimport sys\nassert not {{m.split('.')[0] for m in sys.modules}} & {set(EXTRAS_ONLY)!r}\n"
    core.python(library_example() + check)
    assert core.run("--version").strip().startswith("modelvs ")
