"""Library use and every command but `serve` and `build` run without the web and PostgreSQL stacks.

Those are extras (`web`, `postgres`): importing one of them here would break the package for
everyone who installed it alone. Each case runs in a fresh interpreter, so what the rest of the
test session imported cannot hide an import.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.minicatalog import write_catalog

EXTRAS_ONLY = ("starlette", "jinja2", "uvicorn", "psycopg", "psycopg_pool")
PAIR = ["gemini-3.1-pro-preview", "gpt-4o-2024-11-20"]


def _extras_loaded_by(code: str) -> list[str]:
    """The top-level modules of the extras that running `code` in a fresh interpreter loads."""
    loaded = "{m.split('.')[0] for m in sys.modules}"
    report = f"import sys; print(' '.join(sorted({loaded} & {set(EXTRAS_ONLY)!r})))"
    done = subprocess.run(
        [sys.executable, "-c", f"{code}\n{report}"], capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout.split()


def _run_cli(*args: str) -> str:
    return (
        "from typer.testing import CliRunner\nfrom modelvs.cli import app\n"
        f"result = CliRunner().invoke(app, {list(args)!r})\nassert result.exit_code == 0, result.output"
    )


def test_the_library_loads_the_catalog_without_the_extras() -> None:
    code = (
        "import modelvs, modelvs.catalog, modelvs.engine, modelvs.engine.compare, modelvs.views\n"
        "assert len(modelvs.catalog.load_catalog().models) > 1000"
    )
    assert _extras_loaded_by(code) == []


@pytest.mark.parametrize(
    "args",
    [
        ["show", "gpt-4o-2024-11-20", "--format", "json"],
        ["compare", *PAIR, "--format", "md"],
        ["cost", "gpt-4o-2024-11-20"],
        ["rank", "--needs", "vision", "--limit", "3"],
        ["--help"],
        ["serve", "--help"],
        ["build", "--help"],
    ],
    ids=" ".join,
)
def test_a_command_runs_without_the_extras(args: list[str]) -> None:
    assert _extras_loaded_by(_run_cli(*args)) == []


def test_check_and_export_run_without_the_extras(tmp_path: Path) -> None:
    mini = str(write_catalog(tmp_path / "data"))
    check = _run_cli("check", "--stats", "--data", mini)
    export = _run_cli("export", "sqlite", str(tmp_path / "catalog.db"), "--data", mini)
    assert _extras_loaded_by(f"{check}\n{export}") == []


def test_the_probe_notices_an_extra() -> None:
    assert _extras_loaded_by("import modelvs.web") == ["jinja2", "starlette"]
