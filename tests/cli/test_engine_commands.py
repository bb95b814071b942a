import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from modelvs.cli import app

runner = CliRunner()
ON = ["--on", "2026-11-24"]


def test_cost_of_the_reference_workload_on_the_shipped_catalog() -> None:
    result = runner.invoke(app, ["cost", "gpt-4o-2024-11-20", "--format", "json", *ON])
    assert result.exit_code == 0, result.output
    view = json.loads(result.output)
    assert view["workload"]["description"] == "1,000,000 requests a month of 800 input and 250 output tokens"
    first = view["routes"][0]
    assert (first["route"], first["monthly_usd"]) == ("openai:openai/gpt-4o-2024-11-20", "4500")
    openrouter = next(r for r in view["routes"] if r["provider"]["id"] == "openrouter")
    assert openrouter["monthly_usd"] == "4747.5"
    assert openrouter["fees"][0]["usd"] == "247.5"
    assert "lab's own API first" in view["tie_rule"]


def test_cost_flags_accept_suffixes_and_tiers_apply() -> None:
    args = ["cost", "gemini-3.1-pro-preview", "--route", "google", "--requests", "1k", "--input", "300k"]
    result = runner.invoke(app, [*args, "--output", "10k", "-f", "json", *ON])
    assert result.exit_code == 0, result.output
    [route] = json.loads(result.output)["routes"]
    assert route["monthly_usd"] == "1380"
    assert route["requests"][0]["tier_above"] == 200000


def test_impossible_requests_are_reported_not_priced() -> None:
    result = runner.invoke(
        app, ["cost", "gpt-4o-2024-11-20", "--route", "openai", "--input", "300k", "-f", "json", *ON]
    )
    [route] = json.loads(result.output)["routes"]
    assert route["monthly_usd"] is None
    assert route["impossible"] == "a prompt of 300,000 tokens is over the 128,000-token limit"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--input", "2x"], "--input takes a count like 800, 200k or 1.5M, got '2x'"),
        (["--batch-share", "150%"], "--batch-share must be between 0 and 1"),
        (["--cached", "1k"], "--cached is part of --input and cannot exceed it"),
        (["--requests", "1.5"], "--requests must come to a whole number"),
        (["--route", "nowhere"], "has no route on 'nowhere'"),
    ],
)
def test_bad_values_exit_2_saying_what_is_accepted(args: list[str], message: str) -> None:
    result = runner.invoke(app, ["cost", "gpt-4o-2024-11-20", *args])
    assert result.exit_code == 2
    assert message in " ".join(result.output.split())


def test_rank_filters_by_known_needs(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["rank", "--needs", "vision,reasoning", "--min-context", "1M", "--limit", "5", "-f", "json", *ON]
    )
    assert result.exit_code == 0, result.output
    view = json.loads(result.output)
    assert view["needs"] == "reasoning, vision, context >= 1,000,000 tokens"
    costs = [float(m["monthly_usd"]) for m in view["models"]]
    assert costs == sorted(costs)
    assert len(costs) == 5


def test_rank_refuses_unknown_capability() -> None:
    result = runner.invoke(app, ["rank", "--needs", "telepathy"])
    assert result.exit_code == 2
    assert "unknown 'telepathy'" in result.output
