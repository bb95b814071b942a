from __future__ import annotations

import html
import xml.etree.ElementTree as ET

from starlette.testclient import TestClient

from modelvs.catalog import Catalog
from modelvs.catalog.lifecycle import LIFECYCLE_RULE
from modelvs.catalog.notability import NOTABILITY_RULE
from modelvs.catalog.search import SEARCH_RULE
from modelvs.engine.compare import SIMILARITY_RULE
from modelvs.engine.compare.offers import HEADLINE_RULE
from modelvs.engine.lifecycle_note import LIFECYCLE_NOTE_RULE
from modelvs.engine.monthly import TIE_RULE
from modelvs.engine.rank import RANK_BASIS
from modelvs.sync.data_rules import DATA_RULES
from modelvs.sync.identity import IDENTITY_RULE
from modelvs.sync.results import JOIN_RULE
from modelvs.views.escape import CSV_RULE
from modelvs.web import create_app
from tests.web.conftest import REFERENCE, TODAY
from tests.web.html import parse


def test_home(catalog: Catalog) -> None:
    # An app of its own: the session's app has counted views of other tests' pairs (one each).
    response = TestClient(create_app(catalog, today=TODAY)).get("/")
    assert response.status_code == 200
    doc = parse(response.text)
    assert "data-suggest" in doc.find("form", action="/compare").find("input", name="models").attrs
    popular = [a.attrs["href"] for a in doc.find("section", **{"aria-labelledby": "popular-h"}).find_all("a")]
    assert popular[0] == f"/compare/{REFERENCE}"
    newest = max(s.retrieved for s in catalog.sources.values()).isoformat()
    assert doc.find("time").attrs["datetime"] == newest
    assert any('"Dataset"' in s.text for s in doc.find_all("script", type="application/ld+json"))


def test_one_search_box_on_the_home_page_the_header_one_elsewhere(client: TestClient) -> None:
    home = parse(client.get("/").text)
    [box] = home.find_all("form", role="search")
    assert box.attrs["action"] == "/compare"
    assert len(home.find_all("input", type="search")) == 1
    other = parse(client.get("/methodology").text)
    assert len(other.find("header").find_all("form", role="search")) == 1


def test_model_page(client: TestClient) -> None:
    doc = parse(client.get("/models/gpt-4o-2024-11-20").text)
    assert doc.find("h1").text == "GPT-4o (2024-11-20)"
    facts = doc.find("section", **{"aria-labelledby": "facts-h"}).text
    assert "128,000 tokens" in facts  # formatted, never a bare 128000
    assert "128000" not in facts
    assert "Open weights" in facts
    assert "False" not in facts
    assert "models.dev" in facts
    routes = doc.find("section", **{"aria-labelledby": "routes-h"})
    assert "OpenAI" in routes.text
    assert "Price history" in routes.text
    related = [
        a.attrs["href"] or "" for a in doc.find("section", **{"aria-labelledby": "related-h"}).find_all("a")
    ]
    assert related
    assert all(h.startswith("/compare/") and "gpt-4o-2024-11-20" in h for h in related)


def test_provider_page(client: TestClient) -> None:
    doc = parse(client.get("/providers/openrouter").text)
    assert "aggregator" in doc.find("main").text
    assert "5.5%" in doc.find("section", **{"aria-labelledby": "fees-h"}).text
    found = parse(client.get("/providers/openrouter?q=gpt-4o-2024-11-20").text)
    assert found.find("a", href="/models/gpt-4o-2024-11-20")
    assert client.get("/providers/nope").status_code == 404


def test_calculator_filters(client: TestClient) -> None:
    response = client.get("/calculator?capability=reasoning&min_context=1M&input_modality=audio&requests=1k")
    assert response.status_code == 200
    doc = parse(response.text)
    assert "checked" in doc.find("input", id="cap-reasoning").attrs
    assert "1,000 requests a month" in doc.find("p", **{"class": "workload-stated"}).text
    rows = doc.find("main").find("tbody").find_all("tr")
    assert 0 < len(rows) <= 50
    assert rows[0].find("td").text == "1"
    assert client.get("/calculator?capability=telepathy").status_code == 422
    assert client.get("/calculator?page=2").status_code == 200


def test_methodology_states_the_rules(client: TestClient, catalog: Catalog) -> None:
    text = parse(client.get("/methodology").text).find("main").text
    assert TIE_RULE in text
    assert SIMILARITY_RULE in text
    for rule in (NOTABILITY_RULE, SEARCH_RULE, HEADLINE_RULE, RANK_BASIS, LIFECYCLE_NOTE_RULE, CSV_RULE):
        assert " ".join(rule.split()) in text
    for rule in (*DATA_RULES, IDENTITY_RULE, LIFECYCLE_RULE, JOIN_RULE):
        assert html.unescape(rule) in text
    for source in catalog.sources.values():
        assert source.name in text
        assert source.license in text


def test_sitemap_lists_canonical_urls_not_all_pairs(client: TestClient, catalog: Catalog) -> None:
    response = client.get("/sitemap.xml")
    assert response.headers["content-type"].startswith("application/xml")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = [e.text or "" for e in ET.fromstring(response.content).findall("s:url/s:loc", ns)]
    # The test client's Host (testserver) is not a trusted host: links use the first trusted one.
    paths = [loc.removeprefix("http://localhost") for loc in locs]
    assert f"/compare/{REFERENCE}" in paths
    assert "/models/gpt-4o-2024-11-20" in paths
    assert "/providers/openrouter" in paths
    pairs = [p for p in paths if p.startswith("/compare/")]
    assert len(pairs) < 5 * len(catalog.models)
    assert len(set(paths)) == len(paths) < 50_000


def test_robots(client: TestClient) -> None:
    text = client.get("/robots.txt").text
    assert "Sitemap: http://localhost/sitemap.xml" in text


def test_static_assets(client: TestClient) -> None:
    assert client.get("/static/site.css").status_code == 200
    assert "textContent" in client.get("/static/search.js").text


def test_unknown_path_is_404_page(client: TestClient) -> None:
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert "text/html" in response.headers["content-type"]
