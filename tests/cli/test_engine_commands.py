import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from modelvs.cli import app
from modelvs.engine.rank import RANK_BASIS
from tests.minicatalog import FILES, write_catalog

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
    # Google's own API also sells the Custom Tools id, a variant of the same model.
    routes = {r["route"]: r for r in json.loads(result.output)["routes"]}
    assert set(routes) == {
        "google:google/gemini-3.1-pro-preview",
        "google:google/gemini-3.1-pro-preview@customtools",
    }
    route = routes["google:google/gemini-3.1-pro-preview"]
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


def test_cost_lists_vetted_routes_and_all_of_them_on_request() -> None:
    vetted = json.loads(runner.invoke(app, ["cost", "gemini-3.1-pro-preview", "-f", "json", *ON]).output)
    every = json.loads(
        runner.invoke(app, ["cost", "gemini-3.1-pro-preview", "--routes", "all", "-f", "json", *ON]).output
    )
    assert all(r["vetted"] for r in vetted["routes"])
    assert vetted["routes"][0]["route"] == "google:google/gemini-3.1-pro-preview"
    resold = next(r for r in every["routes"] if r["provider"]["id"] == "quicksilverpro")
    assert (resold["vetted"], resold["provider"]["trust"], resold["monthly_usd"]) == (
        False,
        "reseller",
        "3910",
    )
    text = runner.invoke(app, ["cost", "gemini-3.1-pro-preview", *ON]).output
    assert "not vetted: --routes all lists them" in text


def test_money_in_json_is_exact_in_plain_notation() -> None:
    view = json.loads(
        runner.invoke(
            app, ["cost", "gpt-4o-2024-11-20", "--requests", "1", "--route", "openai", "-f", "json", *ON]
        ).output
    )
    [route] = view["routes"]
    assert route["monthly_usd"] == "0.0045"
    assert route["requests"][0]["lines"][0]["usd_per_1m"] == "2.5"
    big = json.loads(
        runner.invoke(
            app, ["cost", "gpt-4o-2024-11-20", "--requests", "1000M", "--route", "openai", "-f", "json", *ON]
        ).output
    )
    assert big["routes"][0]["monthly_usd"] == "4500000"


def test_rank_defaults_to_current_text_models_and_shows_ids() -> None:
    view = json.loads(runner.invoke(app, ["rank", "--limit", "30", "-f", "json", *ON]).output)
    from modelvs.catalog import load_catalog

    catalog = load_catalog()
    assert all(catalog.models[m["model"]["id"]].kind == "text" for m in view["models"])
    assert all(m["vetted"] for m in view["models"])
    embeddings = json.loads(runner.invoke(app, ["rank", "--kind", "embedding", "-f", "json", *ON]).output)
    assert embeddings["models"]
    assert all(catalog.models[m["model"]["id"]].kind == "embedding" for m in embeddings["models"])
    text = runner.invoke(app, ["rank", "--limit", "3", *ON]).output
    assert view["models"][0]["model"]["id"][:12] in text


def test_cost_of_a_deprecated_model_says_so(mini: Path) -> None:
    model = FILES["models/openai/gpt-4o-2024-11-20.toml"].replace(
        'name = "GPT-4o (2024-11-20)"',
        'name = "GPT-4o (2024-11-20)"\nstatus = "deprecated"\nretirement_date = 2027-01-14',
    )
    model = model.replace(
        '[provenance]\nname = "md"', '[provenance]\nname = "md"\nstatus = "md"\nretirement_date = "md"'
    )
    data = write_catalog(mini.parent / "old", {"models/openai/gpt-4o-2024-11-20.toml": model})
    text = runner.invoke(app, ["cost", "gpt-4o-2024-11-20", "--data", str(data), *ON], env={"COLUMNS": "200"})
    assert text.exit_code == 0, text.output
    words = " ".join(text.output.split())
    assert "GPT-4o (2024-11-20): monthly cost by route (deprecated, retires on 2027-01-14)" in words
    view = json.loads(
        runner.invoke(app, ["cost", "gpt-4o-2024-11-20", "--data", str(data), "-f", "json", *ON]).output
    )
    assert view["lifecycle"] == "deprecated, retires on 2027-01-14"


def test_rank_says_it_prices_the_cheapest_vetted_route() -> None:
    result = runner.invoke(app, ["rank", "--limit", "2", "-f", "md", *ON])
    assert result.exit_code == 0, result.output
    assert RANK_BASIS in result.output
