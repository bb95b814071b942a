"""Staleness in view: every page's footer and every API answer say when each source's prices were
last taken into the catalog."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from modelvs.catalog import Catalog
from modelvs.catalog.stats import source_freshness
from modelvs.web.api.endpoints import REFRESHED_HEADER
from tests.web.conftest import TODAY
from tests.web.html import parse


def expected_header(catalog: Catalog) -> str:
    return ", ".join(f'{f.source}="{f.retrieved.isoformat()}"' for f in source_freshness(catalog, TODAY))


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/models",
        "/models/gpt-4o-2024-11-20",
        "/changes",
        "/compare/gemini-3.1-pro-preview-vs-gpt-4o-2024-11-20",
    ],
)
def test_every_page_says_when_each_source_was_refreshed(
    client: TestClient, catalog: Catalog, path: str
) -> None:
    doc = parse(client.get(path).text)
    line = doc.find("footer").find("p", **{"class": "refreshed"})
    text = " ".join(line.text.split())
    assert text.startswith("Prices last refreshed from each source:")
    found = source_freshness(catalog, TODAY)
    assert len(found) >= 5
    for f in found:
        assert f"{f.name} {f.retrieved.isoformat()}" in text
    assert [t.attrs["datetime"] for t in line.find_all("time")] == [f.retrieved.isoformat() for f in found]


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/models?limit=1",
        "/api/v1/models.csv?limit=1",
        "/api/v1/providers",
        "/api/v1/compare?models=gemini-3.1-pro-preview,gpt-4o-2024-11-20",
        "/api/v1/cost?model=gpt-4o-2024-11-20",
        "/api/v1/models/no-such-model",  # an error answer says it too
    ],
)
def test_every_api_answer_has_the_refreshed_header(client: TestClient, catalog: Catalog, path: str) -> None:
    response = client.get(path)
    assert response.headers[REFRESHED_HEADER] == expected_header(catalog)
    assert 'models-dev="' in response.headers[REFRESHED_HEADER]


def test_the_providers_answer_carries_it_as_a_field(client: TestClient, catalog: Catalog) -> None:
    body = client.get("/api/v1/providers").json()
    assert body["refreshed"] == {f.source: f.retrieved.isoformat() for f in source_freshness(catalog, TODAY)}


def test_the_header_is_documented_on_every_operation(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    operations = [(path, op) for path, item in paths.items() for op in item.values()]
    assert any(path == "/api/v1/reprice" for path, _ in operations)  # the POST too
    for path, operation in operations:
        headers = operation["responses"]["200"].get("headers", {})
        assert REFRESHED_HEADER in headers, path
        assert "RFC 8941" in headers[REFRESHED_HEADER]["description"]
