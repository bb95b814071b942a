"""`modelvs models`, `--version`, the short workload flags and dates before a model's release."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

from typer.testing import CliRunner

from modelvs import __version__
from modelvs.cli import app

runner = CliRunner()
ON = ["--on", "2026-11-24"]


def _json(*args: str) -> dict[str, object]:
    result = runner.invoke(app, ["models", *args, "-f", "json", *ON])
    assert result.exit_code == 0, result.output
    page: dict[str, object] = json.loads(result.output)
    return page


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output == f"modelvs {__version__}\n"


def test_models_filters_by_lab_capability_and_context_and_sorts() -> None:
    page = _json("--lab", "openai", "--capability", "vision", "--min-context", "1M", "--sort", "-context")
    rows = page["models"]
    assert isinstance(rows, list)
    assert rows
    assert page["total"] == len(rows)
    assert {r["lab"] for r in rows} == {"openai"}
    assert all("vision" in r["capabilities"] for r in rows)
    contexts = [r["context_window"] for r in rows]
    assert contexts == sorted(contexts, reverse=True)
    assert min(contexts) >= 1_000_000


def test_a_models_row_carries_the_lab_route_and_the_cheapest_vetted_route() -> None:
    [row] = [
        r for r in _json("--search", "gpt-4o-2024-11-20")["models"] if r["id"] == "openai/gpt-4o-2024-11-20"
    ]  # type: ignore[union-attr]
    assert row["lab_route"] == {
        "route": "openai:openai/gpt-4o-2024-11-20",
        "provider": "openai",
        "provider_name": "OpenAI API",
        "input_usd_per_1m": "2.5",
        "output_usd_per_1m": "10",
    }
    assert row["cheapest_route"]["input_usd_per_1m"] == "2.5"
    assert row["lifecycle"] == "deprecated"  # OpenAI has announced its shutdown
    assert row["rating"] is None


def test_models_price_filter_and_status() -> None:
    cheap = _json("--max-input-price", "0.1", "--status", "current", "--kind", "text")
    rows = cheap["models"]
    assert isinstance(rows, list)
    assert rows
    assert all(float(r["cheapest_route"]["input_usd_per_1m"]) <= 0.1 for r in rows)
    assert not {r["lifecycle"] for r in rows} & {"deprecated", "retired"}
    retired = _json("--status", "retired")["models"]
    assert isinstance(retired, list)
    assert {r["lifecycle"] for r in retired} == {"retired"}


def test_models_csv_has_a_header_and_one_row_per_model() -> None:
    result = runner.invoke(app, ["models", "--lab", "anthropic", "--format", "csv", *ON])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert len(rows) == _json("--lab", "anthropic")["total"]
    assert {r["lab"] for r in rows} == {"anthropic"}
    assert "cheapest_input_usd_per_1m" in rows[0]


def test_models_text_shows_whole_ids_and_a_page_count() -> None:
    result = runner.invoke(app, ["models", "--lab", "openai", "--limit", "3", *ON], env={"COLUMNS": "60"})
    assert result.exit_code == 0, result.output
    assert "3 of " in result.output
    rows = _json("--lab", "openai", "--limit", "3")["models"]
    assert isinstance(rows, list)
    for row in rows:
        assert row["id"] in result.output


def test_models_refuses_a_bad_filter_naming_the_flag() -> None:
    result = runner.invoke(app, ["models", "--sort", "price"])
    assert result.exit_code == 2
    assert "--sort takes one of relevance, name" in " ".join(result.output.split())
    result = runner.invoke(app, ["models", "--lab", "nobody"])
    assert result.exit_code == 2
    assert "--lab 'nobody' is not a lab id" in " ".join(result.output.split())


def test_short_workload_flags_are_the_long_ones() -> None:
    long = runner.invoke(
        app,
        [
            "cost",
            "gpt-4o-2024-11-20",
            "--requests",
            "10",
            "--input",
            "2k",
            "--output",
            "5",
            "--cached",
            "1k",
            "-f",
            "json",
            *ON,
        ],
    )
    short = runner.invoke(
        app, ["cost", "gpt-4o-2024-11-20", "-r", "10", "-i", "2k", "-o", "5", "-c", "1k", "-f", "json", *ON]
    )
    assert long.exit_code == short.exit_code == 0, short.output
    assert json.loads(long.output) == json.loads(short.output)
    assert json.loads(short.output)["workload"]["requests_per_month"] == 10


def test_rank_ids_are_never_cut() -> None:
    result = runner.invoke(app, ["rank", "--limit", "3", *ON], env={"COLUMNS": "70"})
    assert result.exit_code == 0, result.output
    view = json.loads(runner.invoke(app, ["rank", "--limit", "3", "-f", "json", *ON]).output)
    for row in view["models"]:
        assert row["model"]["id"] in result.output


def test_a_date_before_the_release_is_refused_by_cost_show_and_compare() -> None:
    for args in (["cost", "gpt-4o-2024-11-20"], ["show", "gpt-4o-2024-11-20"]):
        result = runner.invoke(app, [*args, "--on", "2023-01-01"])
        assert result.exit_code == 2, result.output
        assert "was released on 2024-11-20, after 2023-01-01" in " ".join(result.output.split())
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "modelvs.cli",
            "compare",
            "gpt-4o-2024-11-20",
            "gpt-5.5",
            "--on",
            "2023-01-01",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert "was released on" in " ".join(done.stderr.split())


def test_rank_of_a_past_day_leaves_later_models_out() -> None:
    result = runner.invoke(app, ["rank", "--limit", "50", "-f", "json", "--on", "2024-06-01"])
    assert result.exit_code == 0, result.output
    ids = [m["model"]["id"] for m in json.loads(result.output)["models"]]
    assert ids
    assert "openai/gpt-4o-2024-11-20" not in ids


def test_search_opens_on_what_people_mean() -> None:
    """Issue 15's targets: the first result of `models --search` on the shipped catalog."""
    first = {
        "opus 4.7": "Claude Opus 4.7",
        "gpt 5.5": "GPT-5.5",
        "gemini 3.1 pro": "Gemini 3.1 Pro Preview",
    }
    for typed, name in first.items():
        rows = _json("--search", typed, "--limit", "3")["models"]
        assert isinstance(rows, list)
        assert rows[0]["name"] == name, (typed, [r["name"] for r in rows])
    deepseek = _json("--search", "deepseek", "--limit", "3")["models"]
    assert isinstance(deepseek, list)
    assert deepseek[0]["name"].startswith("DeepSeek V4")
    assert deepseek[0]["lifecycle"] not in ("deprecated", "retired")
    sonnet = _json("--search", "sonnet", "--limit", "3")["models"]
    assert isinstance(sonnet, list)
    assert sonnet[0]["name"].startswith("Claude Sonnet")
    assert "3" not in sonnet[0]["name"]
    assert sonnet[0]["lifecycle"] not in ("deprecated", "retired")


def test_models_open_on_rated_models_and_leave_retired_ones_out() -> None:
    page = _json("--limit", "20")
    rows = page["models"]
    assert isinstance(rows, list)
    assert "Abliterated Model" not in [r["name"] for r in rows]
    assert sum(1 for r in rows if r["rating"] is not None) >= 15
    notability = [r["notability"] for r in rows]
    assert notability == sorted(notability, reverse=True)
    retired = _json("--status", "retired")["total"]
    assert isinstance(retired, int)
    assert retired > 0
    every = ("preview", "current", "deprecated", "retired")
    assert _json(*(f"--status={s}" for s in every))["total"] == page["total"] + retired
