"""A command whose extra is not installed exits 2 naming the extra and the pip command."""

from __future__ import annotations

import pytest
import typer

from modelvs.cli.common import require_extra


def test_a_missing_module_names_the_extra(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(typer.Exit) as exit_info:
        require_extra("web", ("json", "modelvs_no_such_module"), "`modelvs serve`")
    assert exit_info.value.exit_code == 2
    message = " ".join(capsys.readouterr().err.split())
    assert "`modelvs serve` needs the `web` extra, which is not installed (no modelvs_no_such" in message
    assert "pip install 'modelvs[web]'" in message


def test_installed_modules_pass() -> None:
    require_extra("web", ("json", "starlette"), "`modelvs serve`")
