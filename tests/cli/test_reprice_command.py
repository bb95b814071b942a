from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from typer.testing import CliRunner

from modelvs.cli import app
from tests.usage.conftest import FIXTURES

runner = CliRunner()
USAGE = str(FIXTURES / "usage.csv")


def test_text_names_the_totals_the_models_and_the_rows_not_priced() -> None:
    result = runner.invoke(app, ["reprice", USAGE, "--as", "claude-opus-4-7"])
    assert result.exit_code == 0, result.output
    assert "Re-priced as logged: $0.92 for 4 rows" in result.output
    assert "Claude Opus 4.7" in result.output
    assert "prompt over the 128,000-token context limit" in result.output


def test_a_malformed_file_exits_2_naming_the_file_line_and_field(tmp_path: Path) -> None:
    log = tmp_path / "bad.csv"
    log.write_text("date,model,input_tokens,output_tokens\n2026-11-05,gpt-4o,10,5\n2026-11-05,gpt-4o,ten,5\n")
    result = runner.invoke(app, ["reprice", str(log)])
    assert result.exit_code == 2
    said = "".join(result.output.split())  # the console wraps long lines where it likes
    assert "".join(f"{log}, line 3, field input_tokens: not a whole number: 'ten'".split()) in said


def test_an_unknown_alternative_or_format_exits_2() -> None:
    result = runner.invoke(app, ["reprice", USAGE, "--as", "gpt-99-nonexistent-zz"])
    assert result.exit_code == 2
    assert "--as" in result.output
    result = runner.invoke(app, ["reprice", USAGE, "--input-format", "excel"])
    assert result.exit_code == 2
    assert "otel" in result.output  # the formats it knows
    result = runner.invoke(app, ["reprice", str(FIXTURES / "missing.csv")])
    assert result.exit_code == 2


def test_several_files_and_standard_input() -> None:
    both = runner.invoke(
        app,
        ["reprice", USAGE, str(FIXTURES / "openai_usage.json"), "--as", "gpt-4o-2024-11-20", "-f", "json"],
    )
    assert both.exit_code == 0, both.output
    view = json.loads(both.output)
    assert view["format"] == "usage-csv+openai-usage"
    assert view["rows"] == 7
    assert view["unpriced"][0]["file"] == USAGE
    piped = runner.invoke(
        app, ["reprice", "-", "--as", "gpt-4o-2024-11-20", "-f", "json"], input=Path(USAGE).read_text()
    )
    assert piped.exit_code == 0, piped.output
    assert json.loads(piped.output)["repriced_total"] == "0.92425"


def test_markdown_and_csv_escape_what_the_log_says(tmp_path: Path) -> None:
    log = tmp_path / "hostile.csv"
    log.write_text(
        "date,provider,model,input_tokens,output_tokens\n"
        '2026-11-05,openai,"=HYPERLINK(""x"")|**bold**<b>\x1b[31m",10,5\n'
    )
    md = runner.invoke(app, ["reprice", str(log), "--as", "gpt-4o-2024-11-20", "-f", "md"])
    assert md.exit_code == 0, md.output
    assert "\\*\\*bold\\*\\*" in md.output
    assert "&lt;b&gt;" in md.output
    assert "\x1b" not in md.output
    assert "|**bold**" not in md.output
    table = runner.invoke(app, ["reprice", str(log), "--as", "gpt-4o-2024-11-20", "-f", "csv"])
    assert table.exit_code == 0, table.output
    rows = list(csv.DictReader(io.StringIO(table.output)))
    assert rows[0]["name"].startswith("'=HYPERLINK")  # a spreadsheet reads it as text, not a formula
    assert rows[-1]["kind"] == "alternative"
    text = runner.invoke(app, ["reprice", str(log), "--as", "gpt-4o-2024-11-20"])
    assert "\x1b" not in text.output
