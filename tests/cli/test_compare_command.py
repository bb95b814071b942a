"""`modelvs compare`: formats, workload flags, and exit 2 with a clear message on bad model lists."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import typer
from typer.testing import CliRunner

from modelvs.cli import compare_command
from modelvs.engine.compare.jsonschema import SCHEMA_PATH
from tests.minicatalog import write_catalog

runner = CliRunner()
ON = ["--on", "2026-11-24"]
PAIR = ["gemini-3.1-pro-preview", "gpt-4o-2024-11-20"]


@pytest.fixture(scope="module")
def app() -> typer.Typer:
    # Its own app: the command is tested as registered, whether or not the main app wires it yet.
    app = typer.Typer()
    app.callback()(lambda: None)
    compare_command.register(app)
    return app


def _out(app: typer.Typer, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["compare", *args])
    return result.exit_code, " ".join(result.output.split())


def test_json_is_the_versioned_schema_valid_comparison(app: typer.Typer) -> None:
    result = runner.invoke(app, ["compare", *PAIR, "-f", "json", *ON])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    jsonschema.validate(data, json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))
    assert (data["version"], data["on"]) == ("2", "2026-11-24")
    assert data["facts"]["monthly"]["costs"][1]["monthly"]["text"] == "$4,500"


def test_markdown_page_and_workload_flags(app: typer.Typer) -> None:
    result = runner.invoke(app, ["compare", *PAIR, "--requests", "1k", "--input", "300k", "-f", "md", *ON])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("# Gemini 3.1 Pro Preview vs GPT-4o (2024-11-20)\n")
    assert "Costs are for 1,000 requests a month of 300,000 input and 250 output tokens" in result.output
    assert "over the 128,000-token limit" in result.output


def test_text_is_the_answer_first_and_the_rest_with_full(app: typer.Typer) -> None:
    args = ["compare", *PAIR, "--requests", "1", "--input", "1000", "--output", "100", *ON]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Gemini 3.1 Pro Preview vs GPT-4o (2024-11-20)"
    # The deprecated model is said first.
    assert lines[1] == (
        "Gemini 3.1 Pro Preview: in preview; GPT-4o (2024-11-20): deprecated, retires on 2027-01-14."
    )
    assert lines[2].endswith(" a month cheaper than GPT-4o (2024-11-20) at your traffic.")  # the verdict
    assert "  GPT-4o (2024-11-20): $0.0035 a month on OpenAI API" in lines
    assert "Costs are for 1 request a month of 1,000 input and 100 output tokens (1k in, 100 out)." in lines
    assert "Each signal and who leads it" in lines
    assert "Switch friction" not in lines  # only named, in the last line
    assert lines[-1].startswith("With --full: Tradeoffs, Monthly cost at your traffic, Switch friction")
    assert len(lines) < 40
    full = runner.invoke(app, [*args, "--full"])
    assert full.exit_code == 0, full.output
    whole = full.output.splitlines()
    for title in ("Verdict", "Decision scorecard", "Switch friction", "FAQ", "Checked dates and sources"):
        assert title in whole
    assert len(whole) > 3 * len(lines)
    assert not [line for line in whole if "With --full" in line]


def test_markdown_is_the_answer_first_and_the_rest_with_full(app: typer.Typer) -> None:
    short = runner.invoke(app, ["compare", *PAIR, "-f", "md", *ON])
    assert [x for x in short.output.splitlines() if x.startswith("## ")] == [
        "## Verdict",
        "## Decision scorecard",
    ]
    full = runner.invoke(app, ["compare", *PAIR, "-f", "md", "--full", *ON])
    assert "## Switch friction" in full.output.splitlines()
    assert "## Checked dates and sources" in full.output.splitlines()


def test_json_is_always_the_whole_comparison(app: typer.Typer) -> None:
    short = runner.invoke(app, ["compare", *PAIR, "-f", "json", *ON])
    full = runner.invoke(app, ["compare", *PAIR, "-f", "json", "--full", *ON])
    assert short.exit_code == full.exit_code == 0, short.output
    assert json.loads(short.output) == json.loads(full.output)


@pytest.mark.parametrize(
    ("models", "message"),
    [
        (["gpt-4o-2024-11-20"], "compare takes 2 to 10 models, got 1"),
        ([f"m{i}" for i in range(11)], "compare takes 2 to 10 models, got 11"),
    ],
)
def test_model_count_is_checked_first(app: typer.Typer, models: list[str], message: str) -> None:
    code, out = _out(app, *models)
    assert (code, message in out) == (2, True), out


def test_unknown_model_exits_2_with_closest_matches(app: typer.Typer, mini: Path) -> None:
    code, out = _out(app, "gpt-4o-2024-11-20", "gpt-4o-2024-11-2", "--data", str(mini))
    assert code == 2
    assert "Unknown model 'gpt-4o-2024-11-2'. Did you mean: " in out
    assert "gpt-4o-2024-11-20" in out.split("Did you mean:")[1]


def test_the_same_model_twice_exits_2(app: typer.Typer, mini: Path) -> None:
    code, out = _out(app, "openai/gpt-4o-2024-11-20", "gpt-4o-2024-11-20", "--data", str(mini))
    assert code == 2
    assert "a model appears twice: openai/gpt-4o-2024-11-20" in out


def test_bad_date_and_flags_exit_2(app: typer.Typer, tmp_path: Path) -> None:
    data = str(write_catalog(tmp_path / "data"))
    assert _out(app, *PAIR, "--on", "tomorrow", "--data", data)[0] == 2
    code, out = _out(app, *PAIR, "--input", "2x", "--data", data)
    assert (code, "--input takes a count like 800" in out) == (2, True)


def test_opus_vs_gpt_5_5_text_headlines_on_the_labs_apis_with_the_saving(app: typer.Typer) -> None:
    code, text = _out(app, "claude-opus-4-7", "gpt-5.5", *ON)
    assert code == 0, text
    assert (
        "Claude Opus 4.7: $10,250 a month on Claude API"
        " (the cheapest vetted route, GMI Cloud: $9,225, 10% less)" in text
    )
    assert "GPT-5.5: $11,500 a month on OpenAI API" in text
    assert "Claude Opus 4.7 is $1,250 (10.9%) a month cheaper than GPT-5.5" in text
