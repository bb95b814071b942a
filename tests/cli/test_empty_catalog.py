"""Every command that opens the catalog refuses a missing or empty folder, naming it and the fix.

An empty folder would otherwise load as a valid catalog of nothing: `check` said "0 error(s)"
and exited 0, and `serve` would have served a site without a model.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from modelvs.cli import app
from tests.minicatalog import FILES, write_catalog

runner = CliRunner()

COMMANDS = [
    ["check", "--stats"],
    ["show", "gpt-4o-2024-11-20"],
    ["compare", "gpt-4o-2024-11-20", "gemini-3.1-pro-preview"],
    ["cost", "gpt-4o-2024-11-20"],
    ["rank"],
    ["export", "sqlite", "catalog.db"],
    ["build", "site"],
    ["serve", "--port", "1"],  # refused before it listens: no server starts
]


def _refusal(args: list[str], folder: Path) -> str:
    result = runner.invoke(app, [*args, "--data", str(folder)])
    assert result.exit_code == 2, result.output
    return " ".join(result.output.split())


@pytest.mark.parametrize("args", COMMANDS, ids=lambda args: args[0])
def test_a_missing_folder_is_refused(args: list[str], tmp_path: Path) -> None:
    message = _refusal(args, tmp_path / "nowhere")
    assert f"the catalog folder {tmp_path / 'nowhere'} does not exist" in message
    assert "Pass --data DIR or set MODELVS_DATA" in message


@pytest.mark.parametrize("args", COMMANDS, ids=lambda args: args[0])
def test_an_empty_folder_is_refused(args: list[str], tmp_path: Path) -> None:
    (tmp_path / "models").mkdir()  # folders alone are no catalog
    message = _refusal(args, tmp_path)
    assert f"the catalog folder {tmp_path} holds no catalog files" in message
    assert "Pass --data DIR or set MODELVS_DATA" in message


def test_modelvs_data_names_the_folder_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MODELVS_DATA", str(tmp_path))
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 2
    assert f"the catalog folder {tmp_path} holds no catalog files" in " ".join(result.output.split())


def test_a_folder_with_any_record_is_checked_as_usual(tmp_path: Path) -> None:
    write_catalog(tmp_path, {name: None for name in FILES if not name.startswith("sources/")})
    result = runner.invoke(app, ["check", "--data", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "0 error(s)" in result.output
