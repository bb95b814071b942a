"""`--help` of every command names what an option takes in words, never a Python type."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from modelvs import __version__
from modelvs.cli import COMMANDS, app

runner = CliRunner()
EVERY = [[], *([name] for name in COMMANDS), ["identity", "propose"], ["identity", "apply"]]
# What typer prints for a parameter without a metavar: `<str>`, `<int range> [x>=0]`, `<path>`,
# `<bool>`, `<float>`, `1<=x<=64`.
INTERNAL = re.compile(
    r"<(str|int|float|bool|boolean|path|filename|int range|float range|text)>|\bx[<>]=|<=x<="
)


@pytest.mark.parametrize("command", EVERY, ids=lambda c: " ".join(c) or "modelvs")
def test_help_shows_no_internal_type(command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert INTERNAL.findall(result.output) == []
    assert "Usage: " in result.output


def test_every_command_is_listed_and_version_is_a_flag() -> None:
    result = runner.invoke(app, ["--help"], env={"COLUMNS": "200"})
    for name in COMMANDS:
        assert f" {name} " in result.output
    assert re.search(r"--version +Print the version", result.output)
    assert runner.invoke(app, ["--version"]).output == f"modelvs {__version__}\n"


def test_options_say_what_they_take_and_arguments_are_described() -> None:
    cost = runner.invoke(app, ["cost", "--help"], env={"COLUMNS": "200"}).output
    for flag, takes in (("--requests", "COUNT"), ("--input", "TOKENS"), ("--on", "DATE"), ("--data", "DIR")):
        assert re.search(rf"{flag} +(-\w +)?{takes} ", cost), flag
    assert "MODEL: a canonical id, slug, display name or any alias." in cost
    rank = runner.invoke(app, ["rank", "--help"], env={"COLUMNS": "200"}).output
    assert re.search(r"--limit +N +How many models to list \(1 or more\)", rank)


def test_a_number_out_of_range_is_refused_in_words() -> None:
    result = runner.invoke(app, ["rank", "--limit", "0"])
    assert result.exit_code == 2
    assert "takes 1 or more, got 0" in result.output
