"""Library use and every command but `serve` and `build` run without the web and PostgreSQL stacks.

Those are extras (`web`, `postgres`): importing one of them here would break the package for
everyone who installed it alone. The cases run in a fresh interpreter, so what the rest of the
test session imported cannot hide an import.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.minicatalog import write_catalog

EXTRAS_ONLY = ("starlette", "jinja2", "uvicorn", "psycopg", "psycopg_pool")
PAIR = ["gemini-3.1-pro-preview", "gpt-4o-2024-11-20"]

# Runs each case (Python code, or CLI arguments) in turn and reports what of the extras was
# loaded by then, so a failure names the first case that imported one.
_PROBE = """
import json, sys
extras = set(json.loads(sys.argv[1]))
loaded = {}
for name, case in json.loads(sys.argv[2]):
    if isinstance(case, str):
        exec(case)
    else:
        from typer.testing import CliRunner
        from modelvs.cli import app
        result = CliRunner().invoke(app, case)
        assert result.exit_code == 0, (case, result.output)
    loaded[name] = sorted({m.split(".")[0] for m in sys.modules} & extras)
print(json.dumps(loaded))
"""


def _extras_loaded(cases: dict[str, str | list[str]]) -> dict[str, list[str]]:
    """For each case, in order, the extras' top-level modules loaded once it has run."""
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, json.dumps(EXTRAS_ONLY), json.dumps(list(cases.items()))],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return dict(json.loads(done.stdout))


def test_the_library_and_the_commands_run_without_the_extras(tmp_path: Path) -> None:
    mini = str(write_catalog(tmp_path / "data"))
    cases: dict[str, str | list[str]] = {
        "import": "import modelvs, modelvs.catalog, modelvs.engine, modelvs.engine.compare, modelvs.views",
        "load_catalog": "assert len(modelvs.catalog.load_catalog().models) > 1000",
        "library": "modelvs.price('gpt-4o-2024-11-20', input_tokens=10, output_tokens=1);"
        " modelvs.rank(['vision'], limit=2); modelvs.compare('gpt-4o-2024-11-20', 'gpt-5.5')",
        "models": ["models", "--lab", "openai", "--format", "csv"],
        "show": ["show", "gpt-4o-2024-11-20", "--format", "json"],
        "compare": ["compare", *PAIR, "--format", "md"],
        "cost": ["cost", "gpt-4o-2024-11-20"],
        "rank": ["rank", "--needs", "vision", "--limit", "3"],
        "check": ["check", "--stats", "--data", mini],
        "export": ["export", "sqlite", str(tmp_path / "catalog.db"), "--data", mini],
        "help": ["--help"],
        "serve --help": ["serve", "--help"],
        "build --help": ["build", "--help"],
    }
    assert _extras_loaded(cases) == {name: [] for name in cases}


def test_the_probe_notices_an_extra() -> None:
    assert _extras_loaded({"web": "import modelvs.web"}) == {"web": ["jinja2", "starlette"]}
