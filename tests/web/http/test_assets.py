"""Static files: fingerprinted names cached for good, plain names still served."""

from __future__ import annotations

import hashlib
import re

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from modelvs.catalog import Catalog
from modelvs.web import create_app
from modelvs.web.http.assets import IMMUTABLE, SHORT, Assets
from modelvs.web.http.state import STATIC_DIR, TEMPLATES_DIR
from tests.web.conftest import TODAY
from tests.web.html import parse


@pytest.fixture(scope="module")
def app(catalog: Catalog) -> Starlette:
    return create_app(catalog, today=TODAY, fingerprint_assets=True)


def _asset_urls(client: TestClient) -> list[str]:
    doc = parse(client.get("/").text)
    urls = [n.attrs.get("href") or "" for n in doc.find_all("link", rel="stylesheet")]
    return urls + [n.attrs.get("src") or "" for n in doc.find_all("script") if n.attrs.get("src")]


def test_pages_link_fingerprinted_assets_cached_for_good(app: Starlette) -> None:
    client = TestClient(app)
    urls = _asset_urls(client)
    assert len(urls) == 3
    for url in urls:
        match = re.fullmatch(r"/static/(\w+)\.([0-9a-f]{10})\.(css|js)", url)
        assert match, url
        body = (STATIC_DIR / f"{match[1]}.{match[3]}").read_bytes()
        assert match[2] == hashlib.sha256(body).hexdigest()[:10]
        response = client.get(url)
        assert response.status_code == 200
        assert response.content == body
        assert response.headers["cache-control"] == IMMUTABLE
        assert response.headers["content-type"].startswith(("text/css", "text/javascript"))


def test_plain_and_stale_names_are_served_briefly_cacheable(app: Starlette) -> None:
    client = TestClient(app)
    for url in ("/static/site.css", "/static/site.0123456789.css"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.content == (STATIC_DIR / "site.css").read_bytes()
        assert response.headers["cache-control"] == SHORT
    assert client.get("/static/nope.css").status_code == 404
    assert client.get("/static/../app.py").status_code == 404


def test_without_fingerprints_pages_link_the_plain_names(catalog: Catalog) -> None:
    # What the static build uses: it copies the folder under its plain names.
    assert set(_asset_urls(TestClient(create_app(catalog, today=TODAY)))) == {
        "/static/site.css",
        "/static/search.js",
        "/static/calculator.js",
    }


def test_templates_link_assets_only_through_the_helper() -> None:
    for template in TEMPLATES_DIR.glob("*.html"):
        assert "/static/" not in template.read_text(encoding="utf-8"), template.name


def test_every_asset_has_a_url() -> None:
    assets = Assets(STATIC_DIR, fingerprint=True)
    assert set(assets.files) == {p.name for p in STATIC_DIR.iterdir() if p.is_file()}
    for name in assets.files:
        found = assets.find(assets.url(name).removeprefix("/static/"))
        assert found is not None
        assert found[0].name == name
        assert found[1] is True
    with pytest.raises(KeyError):
        assets.url("missing.css")
