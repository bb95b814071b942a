"""The daily refresh workflow (`.github/workflows/refresh.yml`) runs the README's commands only."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOW = ROOT / ".github" / "workflows" / "refresh.yml"


def _workflow() -> dict[Any, Any]:
    loaded: dict[Any, Any] = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    return loaded


def _steps() -> list[dict[str, Any]]:
    (job,) = _workflow()["jobs"].values()
    steps: list[dict[str, Any]] = job["steps"]
    return steps


def _run_lines() -> list[str]:
    return [line.strip() for s in _steps() if "run" in s for line in s["run"].splitlines() if line.strip()]


def _readme_commands() -> set[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)```", readme, re.DOTALL)
    return {line.split("#", 1)[0].strip() for block in blocks for line in block.splitlines()} - {""}


def test_every_run_line_is_a_command_the_readme_documents() -> None:
    lines = _run_lines()
    assert lines
    assert [line for line in lines if line not in _readme_commands()] == []


def test_it_runs_daily_refreshes_checks_tests_then_opens_a_pull_request_with_the_report() -> None:
    on = _workflow()[True]  # YAML 1.1 reads the key `on` as true
    assert re.fullmatch(r"\d+ \d+ \* \* \*", on["schedule"][0]["cron"])
    lines = _run_lines()
    order = [
        next(i for i, line in enumerate(lines) if want in line)
        for want in ("modelvs sync --fetch --write", "modelvs check", "make test")
    ]
    assert order == sorted(order)
    sync = next(line for line in lines if "modelvs sync" in line)
    report = re.search(r"--report (\S+\.md)", sync)
    assert report is not None
    (opener,) = [s for s in _steps() if str(s.get("uses", "")).startswith("peter-evans/create-pull-request@")]
    assert opener["with"]["body-path"] == report.group(1)
    assert set(opener["with"]["add-paths"].split()) == {"data", "recorded/snapshots"}
    assert _steps().index(opener) == len(_steps()) - 1
