"""Every command on a catalog with errors prints the check's report and exits 1, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from modelvs.cli import app
from tests.cli.test_empty_catalog import COMMANDS
from tests.minicatalog import write_catalog

runner = CliRunner()
BROKEN_LAB = 'name = "OpenAI\n[citations.modelvs]\nsource = "modelvs"\n'


@pytest.mark.parametrize("args", COMMANDS, ids=lambda args: args[0])
def test_a_catalog_with_errors_gets_the_report(args: list[str], tmp_path: Path) -> None:
    folder = write_catalog(tmp_path / "data", {"labs/openai.toml": BROKEN_LAB})
    result = runner.invoke(
        app, [*args, "--data", str(folder)], env={"MODELVS_CACHE": str(tmp_path / "cache")}
    )
    output = " ".join(result.output.split())
    assert result.exit_code == 1, output
    assert isinstance(result.exception, SystemExit), output  # an exit, not a crash
    assert "labs/openai.toml:1: error: invalid TOML" in output
    assert "unknown lab" not in output  # one broken file, one error
    assert "Traceback" not in output
