from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from modelvs.catalog import load_catalog
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
