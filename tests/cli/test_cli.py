import json
import sqlite3
from pathlib import Path

from typer.testing import CliRunner

from modelvs.cli import app
from tests.minicatalog import write_catalog

runner = CliRunner()


def test_check_passes_and_prints_stats(mini: Path) -> None:
    result = runner.invoke(app, ["check", "--stats", "--data", str(mini)])
    assert result.exit_code == 0, result.output
    assert "0 error(s)" in result.output
    assert "models" in result.output


def test_check_fails_with_every_error(tmp_path: Path) -> None:
    data = write_catalog(tmp_path, {"labs/openai.toml": None, "providers/openai.toml": None})
    result = runner.invoke(app, ["check", "--data", str(data)])
    assert result.exit_code == 1
    assert "unknown lab 'openai'" in result.output
    assert "unknown provider 'openai'" in result.output


def test_show_json_has_sources(mini: Path) -> None:
    result = runner.invoke(app, ["show", "gpt-4o-2024-11-20", "--format", "json", "--data", str(mini)])
    assert result.exit_code == 0, result.output
    view = json.loads(result.output)
    assert view["id"] == "openai/gpt-4o-2024-11-20"
    [route] = view["routes"]
    [price] = route["prices"]
    assert price["per_1m_tokens"] == {"input": "2.5", "output": "10", "cache_read": "1.25"}
    assert price["source"]["name"] == "models.dev 1.0.398"
    caps = {c["id"]: c["value"] for c in view["capabilities"]}
    assert caps["vision"] == "yes"
    assert caps["reasoning"] == "unknown"


def test_show_unknown_model_suggests(mini: Path) -> None:
    result = runner.invoke(app, ["show", "gpt-40-2024-11-20", "--data", str(mini)])
    assert result.exit_code == 2
    assert "openai/gpt-4o-2024-11-20" in result.output


def test_show_markdown(mini: Path) -> None:
    result = runner.invoke(app, ["show", "gpt-4o-2024-11-20", "--format", "md", "--data", str(mini)])
    assert result.exit_code == 0
    assert result.output.startswith("# GPT-4o (2024-11-20)")
    assert "| OpenAI | standard | input $2.50, output $10, cache read $1.25 |" in result.output


def test_export_sqlite(mini: Path, tmp_path: Path) -> None:
    out = tmp_path / "catalog.db"
    result = runner.invoke(app, ["export", "sqlite", str(out), "--data", str(mini)])
    assert result.exit_code == 0, result.output
    db = sqlite3.connect(out)
    rows = db.execute(
        "SELECT m.name, p.input, p.input_text, p.output_text, p.source FROM prices p"
        " JOIN routes r ON r.id = p.route JOIN models m ON m.id = r.model"
    ).fetchall()
    assert rows == [("GPT-4o (2024-11-20)", 2.5, "2.5", "10", "models-dev")]
    assert db.execute("SELECT capability, supported FROM capabilities").fetchall() == [("vision", 1)]


def test_sync_unknown_source_is_refused(mini: Path) -> None:
    result = runner.invoke(app, ["sync", "--source", "nope", "--data", str(mini)])
    assert result.exit_code == 2
    assert "unknown source(s) nope" in result.output
