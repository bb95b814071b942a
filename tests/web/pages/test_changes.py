"""`/changes` and `/changes.atom`: grouped by date, filterable, valid Atom, linked from home and <head>."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from starlette.testclient import TestClient

from modelvs.catalog import Catalog
from modelvs.engine.changes import price_changes
from modelvs.web import create_app
from modelvs.web.routes import ROUTES
from tests.web.conftest import TODAY
from tests.web.html import Node, parse

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


def _rows(doc: Node) -> list[Node]:
    return [r for t in doc.find_all("tbody") for r in t.find_all("tr")]


def test_changes_are_paged_by_at_most_100_rows(client: TestClient, catalog: Catalog) -> None:
    every = price_changes(catalog)
    assert len(every) > 200  # the shipped catalog: enough for three pages
    first = parse(client.get("/changes").text)
    assert len(_rows(first)) == 100
    assert not first.find_all("a", rel="prev")
    assert first.find("a", rel="next").attrs["href"] == "/changes/page/2"  # a file on a static host
    seen = 0
    url: str | None = "/changes"
    while url is not None:
        doc = parse(client.get(url).text)
        rows = _rows(doc)
        assert 0 < len(rows) <= 100
        seen += len(rows)
        nxt = doc.find_all("a", rel="next")
        url = nxt[0].attrs["href"] if nxt else None
    assert seen == len(every)
    pages = -(-len(every) // 100)
    assert client.get(f"/changes?page={pages}").status_code == 200
    assert client.get(f"/changes/page/{pages}").text == client.get(f"/changes?page={pages}").text
    assert client.get(f"/changes?page={pages + 1}").status_code == 404
    assert client.get("/changes?page=0").status_code == 422


def test_changes_filter_by_lab_and_dates(client: TestClient, catalog: Catalog) -> None:
    every = price_changes(catalog)
    anthropic = [c for c in every if c.model.startswith("anthropic/")]
    assert anthropic
    doc = parse(client.get("/changes?lab=anthropic").text)
    assert f"{len(anthropic):,} change" in doc.find("main").text
    names = {catalog.models[c.model].name for c in anthropic}
    assert {r.find("th").text for r in _rows(doc)} <= names
    day = every[len(every) // 2].effective.isoformat()
    on_day = [c for c in every if c.effective.isoformat() == day]
    dated = parse(client.get(f"/changes?since={day}&until={day}").text)
    assert len(_rows(dated)) == min(100, len(on_day))
    assert [s.attrs["id"] for s in dated.find_all("section", **{"class": "change-day"})] == [f"d-{day}"]
    later = parse(client.get(f"/changes?since={day}").text)
    shown = [s.attrs["id"] or "" for s in later.find_all("section", **{"class": "change-day"})]
    assert all(d >= f"d-{day}" for d in shown)
    assert client.get("/changes?lab=nobody").status_code == 422
    assert client.get("/changes?since=2026-13-01").status_code == 422
    next_page = parse(client.get("/changes?lab=openai").text).find("a", rel="next").attrs["href"]
    assert next_page == "/changes?lab=openai&page=2"


def test_changes_print_money_one_way(client: TestClient) -> None:
    """Every rate as `formatting.usd` prints it: cents shown whenever there are any (`$1.50`, never
    `$1.5`), no trailing zeros past them, thousands separated."""
    text = " ".join(r.text for n in (1, 2, 3) for r in _rows(parse(client.get(f"/changes?page={n}").text)))
    amounts = re.findall(r"\$[0-9][0-9,]*(?:\.[0-9]+)?", text)
    assert len(amounts) > 100
    for amount in amounts:
        whole, _, cents = amount[1:].partition(".")
        assert not cents or (len(cents) >= 2 and (len(cents) == 2 or not cents.endswith("0"))), amount
        assert "," in whole or len(whole) <= 3, amount
    home = parse(client.get("/").text)
    listed = home.find("ul", **{"class": "changes"}).text
    assert not re.search(r"\$[0-9]+\.[0-9](?![0-9])", listed)


def test_changes_filter_by_provider_and_model(client: TestClient, catalog: Catalog) -> None:
    doc = parse(client.get("/changes?provider=google").text)
    providers = {a.text for a in doc.find_all("a") if (a.attrs.get("href") or "").startswith("/providers/")}
    assert providers == {catalog.providers["google"].name}
    model = price_changes(catalog, provider="google")[0].model
    by_model = parse(client.get(f"/changes?model={catalog.slugs[model]}").text)
    rows = _rows(by_model)
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


def test_a_static_build_pages_by_path_and_offers_no_filter_it_cannot_serve(catalog: Catalog) -> None:
    """A static host ignores the query: no filter form, and pages at /changes/page/N (files)."""
    static = TestClient(create_app(catalog, today=TODAY, built_pairs=()), follow_redirects=False)
    doc = parse(static.get("/changes").text)
    assert len(_rows(doc)) == 100
    assert [a.attrs["href"] for a in doc.find_all("a", rel="next")] == ["/changes/page/2"]
    assert not [f for f in doc.find_all("form") if f.attrs.get("action") == "/changes"]
    assert "the live site also filters them" in doc.find("main").text
    second = parse(static.get("/changes/page/2").text)
    assert _rows(second)
    assert [r.text for r in _rows(second)] != [r.text for r in _rows(doc)]
