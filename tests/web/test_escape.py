from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from starlette.testclient import TestClient
from typer.testing import CliRunner

from modelvs.catalog import load_catalog
from modelvs.cli import app
from modelvs.web import create_app
from tests.minicatalog import FILES, write_catalog

HOSTILE = "<script>alert(1)</script>"


@pytest.fixture
def hostile_client(tmp_path: Path) -> TestClient:
    evil_model = FILES["models/openai/gpt-4o-2024-11-20.toml"].replace(
        'name = "GPT-4o (2024-11-20)"', f'name = "{HOSTILE}"'
    )
    second = FILES["routes/openai/openai/gpt-4o-2024-11-20.toml"].replace("gpt-4o-2024-11-20", "evil")
    root = write_catalog(
        tmp_path / "data",
        {
            "models/openai/evil.toml": evil_model.replace("gpt-4o-2024-11-20", "evil"),
            "routes/openai/openai/evil.toml": second,
        },
    )
    return TestClient(create_app(load_catalog(root, use_cache=False), today=dt.date(2026, 11, 24)))


def test_pages_escape_hostile_names(hostile_client: TestClient) -> None:
    for url in ("/models/evil", "/compare/evil-vs-gpt-4o-2024-11-20", "/providers/openai", "/calculator"):
        response = hostile_client.get(url)
        assert response.status_code == 200, url
        assert HOSTILE not in response.text, url
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text or "\\u003cscript" in response.text, (
            url
        )


def test_json_ld_cannot_close_its_script_tag(hostile_client: TestClient) -> None:
    text = hostile_client.get("/compare/evil-vs-gpt-4o-2024-11-20").text
    start = text.index('<script type="application/ld+json">')
    block = text[start : text.index("</script>", start)]
    assert "<script>" not in block[10:]
    data = json.loads(block.split(">", 1)[1])
    assert HOSTILE in json.dumps(data["mainEntity"], ensure_ascii=False)


def test_api_encodes_hostile_names(hostile_client: TestClient) -> None:
    response = hostile_client.get("/api/v1/models/evil")
    assert response.headers["content-type"].startswith("application/json")
    assert response.json()["facts"][0]["value"] == HOSTILE
    search = hostile_client.get("/api/v1/search?q=<script>").json()
    assert search["query"] == "<script>"


def test_hostile_query_echo_is_escaped(hostile_client: TestClient) -> None:
    response = hostile_client.get("/calculator?requests=%3Cimg%20src=x%20onerror=alert(1)%3E")
    assert response.status_code == 422
    assert "<img src=x" not in response.text


FORMULAS = ('=HYPERLINK("https://evil.example","x")', "+1+1", "-2+3", "@SUM(A1)", "\tTAB")


@pytest.mark.parametrize("formula", FORMULAS)
def test_no_csv_output_carries_a_live_formula(tmp_path: Path, formula: str) -> None:
    """A model and a provider named like a formula, through every CSV the API and the CLI write."""
    named = f"name = '{formula}'"  # a TOML literal string: the quotes and the tab as they are
    model = FILES["models/openai/gpt-4o-2024-11-20.toml"].replace('name = "GPT-4o (2024-11-20)"', named)
    provider = (
        FILES["providers/openai.toml"]
        .replace('name = "OpenAI"', f"name = '{formula} host'")
        .replace('kind = "first-party"', 'kind = "cloud"')
        .replace('trust = "first_party"', 'trust = "established"')
        .replace('lab = "openai"\n', "")
    )
    route = FILES["routes/openai/openai/gpt-4o-2024-11-20.toml"]
    root = write_catalog(
        tmp_path / "data",
        {
            "models/openai/evil.toml": model.replace("gpt-4o-2024-11-20", "evil"),
            "routes/openai/openai/evil.toml": route.replace("gpt-4o-2024-11-20", "evil"),
            "providers/evilhost.toml": provider,
            "routes/evilhost/openai/evil.toml": route.replace("gpt-4o-2024-11-20", "evil"),
        },
    )
    client = TestClient(create_app(load_catalog(root, use_cache=False), today=dt.date(2026, 11, 24)))
    outputs = {
        url: client.get(url).text
        for url in (
            "/api/v1/models.csv",
            "/api/v1/providers.csv",
            "/api/v1/cost.csv?model=evil",
            "/api/v1/rank.csv",
            "/api/v1/search.csv?q=evil",
        )
    }
    cli = CliRunner().invoke(app, ["models", "--data", str(root), "--format", "csv", "--on", "2026-11-24"])
    assert cli.exit_code == 0, cli.output
    outputs["modelvs models --format csv"] = cli.output
    for where, text in outputs.items():
        cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
        if "cost.csv" not in where:  # the cost rows carry ids only, and an id never starts so
            assert any(formula in cell for cell in cells), (where, text)  # the name is there, as text
        assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")], (where, text)
