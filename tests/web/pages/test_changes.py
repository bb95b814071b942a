"""`/changes` and `/changes.atom`: grouped by date, filterable, valid Atom, linked from home and <head>."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from starlette.testclient import TestClient

from modelvs.catalog import Catalog
from modelvs.engine.changes import price_changes
from modelvs.web.routes import ROUTES
from tests.web.html import parse

ATOM = "{http://www.w3.org/2005/Atom}"


def test_changes_page_groups_by_date_newest_first(client: TestClient, catalog: Catalog) -> None:
    response = client.get("/changes")
    assert response.status_code == 200
    doc = parse(response.text)
    days = [s.attrs.get("id") or "" for s in doc.find_all("section")]
    days = [d for d in days if d.startswith("d-")]
    assert days
    assert days == sorted(days, reverse=True)
    newest = price_changes(catalog)[0]
    assert days[0] == f"d-{newest.effective.isoformat()}"
    first = doc.find("section", id=days[0]).find("table")
    assert first.find("tbody").find_all("tr")
    assert doc.find("a", href="/changes.atom").attrs["type"] == "application/atom+xml"


def test_changes_filter_by_provider_and_model(client: TestClient, catalog: Catalog) -> None:
    doc = parse(client.get("/changes?provider=google").text)
    providers = {a.text for a in doc.find_all("a") if (a.attrs.get("href") or "").startswith("/providers/")}
    assert providers == {catalog.providers["google"].name}
    model = price_changes(catalog, provider="google")[0].model
    by_model = parse(client.get(f"/changes?model={catalog.slugs[model]}").text)
    rows = [r for t in by_model.find_all("tbody") for r in t.find_all("tr")]
    assert rows
    assert all(r.find("th").text == catalog.models[model].name for r in rows)
    assert client.get("/changes?provider=nobody").status_code == 422
    assert client.get("/changes?model=no-such-model-at-all").status_code == 422


def test_atom_feed_is_valid_and_has_entries(client: TestClient) -> None:
    response = client.get("/changes.atom")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated", "author"):
        assert feed.find(f"{ATOM}{name}") is not None, name
    links = {link.attrib["rel"]: link.attrib["href"] for link in feed.findall(f"{ATOM}link")}
    assert links["self"].endswith("/changes.atom")
    assert links["alternate"].endswith("/changes")
    entries = feed.findall(f"{ATOM}entry")
    assert entries
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert len(set(ids)) == len(ids)
    first = entries[0]
    assert (first.findtext(f"{ATOM}updated") or "").endswith("T00:00:00Z")
    assert feed.findtext(f"{ATOM}updated") == first.findtext(f"{ATOM}updated")
    content = first.find(f"{ATOM}content")
    assert content is not None
    assert content.attrib["type"] == "html"
    assert "<li>" in (content.text or "")
    assert client.get("/changes.atom").text == response.text  # stable ids and order


def test_filtered_feed_and_bad_filter(client: TestClient) -> None:
    feed = ET.fromstring(client.get("/changes.atom?provider=google").content)
    assert (feed.findtext(f"{ATOM}id") or "").endswith("?provider=google")
    assert client.get("/changes.atom?provider=<x>").status_code == 422


def test_linked_from_home_head_and_route_table(client: TestClient) -> None:
    doc = parse(client.get("/").text)
    alt = [
        link for link in doc.find_all("link", rel="alternate") if link.attrs.get("href") == "/changes.atom"
    ]
    assert alt
    assert alt[0].attrs["type"] == "application/atom+xml"
    section = next(s for s in doc.find_all("section") if s.attrs.get("aria-labelledby") == "changes-h")
    assert section.find("ul", **{"class": "changes"}).find_all("li")
    assert section.find("a", href="/changes")
    specs = {s.path: s for s in ROUTES}
    assert specs["/changes"].exportable
    assert specs["/changes.atom"].exportable
    assert "/changes</loc>" in client.get("/sitemap.xml").text
