from __future__ import annotations

import gzip

import pytest
from starlette.testclient import TestClient

from modelvs.catalog import Catalog
from modelvs.web import create_app
from tests.web.conftest import REFERENCE, TODAY

PAGE = f"/compare/{REFERENCE}"


@pytest.fixture(scope="module")
def public_client(catalog: Catalog) -> TestClient:
    """With a base URL, pages do not depend on the Host: shared caches may keep them."""
    return TestClient(create_app(catalog, today=TODAY, base_url="https://modelvs.example"))


def test_etag_and_304(public_client: TestClient) -> None:
    client = public_client
    first = client.get(PAGE)
    tag = first.headers["etag"]
    assert tag.startswith('W/"')
    assert "s-maxage" in first.headers["cache-control"]
    assert first.headers["last-modified"].endswith("GMT")
    again = client.get(PAGE, headers={"If-None-Match": tag})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == tag


def test_etag_depends_on_the_query(client: TestClient) -> None:
    assert client.get(PAGE).headers["etag"] != client.get(f"{PAGE}?requests=2M").headers["etag"]
    api = client.get("/api/v1/models/gpt-4o")
    assert (
        client.get("/api/v1/models/gpt-4o", headers={"If-None-Match": api.headers["etag"]}).status_code == 304
    )


def test_gzip_when_accepted(client: TestClient) -> None:
    response = client.get(PAGE, headers={"Accept-Encoding": "gzip"})
    assert response.headers["content-encoding"] == "gzip"
    plain = client.get(PAGE, headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers
    assert response.text == plain.text  # the client decodes; same page either way
    assert len(gzip.compress(plain.content)) < len(plain.content) / 3


def test_redirects_and_errors_are_cacheable_briefly(client: TestClient) -> None:
    assert "max-age" in client.get("/compare/gpt-4o/gemini-2.5-pro").headers["cache-control"]
    # Without a base URL the 404 page's links name the request's host: no shared cache may keep it.
    assert client.get("/models/nope-nope").headers["cache-control"] == "private, max-age=60"
