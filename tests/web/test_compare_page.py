from __future__ import annotations

import json

from starlette.testclient import TestClient

from modelvs.catalog import Catalog
from modelvs.engine.compare import compare, comparison_to_dict
from modelvs.engine.workload import DEFAULT_WORKLOAD
from modelvs.web.compare_view import SECTIONS
from tests.web.conftest import REFERENCE, TODAY, RecordingStore
from tests.web.html import Node, parse

IDS = ["google/gemini-3.1-pro-preview", "openai/gpt-4o-2024-11-20"]


def _page(client: TestClient, query: str = "") -> Node:
    response = client.get(f"/compare/{REFERENCE}{query}")
    assert response.status_code == 200, response.text[:500]
    return parse(response.text)


def _section(doc: Node, sid: str) -> Node:
    return doc.find("section", id=sid)


def test_every_section_in_reference_order(client: TestClient) -> None:
    doc = _page(client)
    sections = [s for s in doc.find_all("section") if s.attrs.get("id")]
    assert [s.attrs["id"] for s in sections] == [sid for sid, _ in SECTIONS]
    assert [s.find("h2").text for s in sections] == [heading for _, heading in SECTIONS]


def test_figures_come_from_the_comparison_dict(client: TestClient, catalog: Catalog) -> None:
    data = comparison_to_dict(compare(catalog, IDS, DEFAULT_WORKLOAD, TODAY))
    cost = _section(_page(client), "monthly-cost").text
    assert data["facts"]["workload"]["text"] in cost
    headline = {c["model"]: c["monthly"]["text"] for c in data["facts"]["monthly"]["costs"]}
    assert headline == {IDS[0]: "$4,600", IDS[1]: "$4,500"}  # the labs' own APIs
    assert data["facts"]["lab_api"] is None
    assert "$4,600" in cost
    assert "$4,500" in cost
    for c in data["facts"]["monthly"]["costs"]:
        assert c["monthly"]["text"] in cost
    assert data["facts"]["monthly"]["tie_rule"] in cost


def test_workload_is_stated_and_editable_in_the_url(client: TestClient) -> None:
    doc = _page(client)
    stated = doc.find("p", **{"class": "workload-stated"}).text
    assert "1,000,000 requests a month of 800 input and 250 output tokens" in stated
    form = _section(doc, "monthly-cost").find("form")
    assert form.attrs["method"] == "get"
    names = {i.attrs["name"]: i.attrs["value"] for i in form.find_all("input")}
    assert names == {
        "requests": "1000000",
        "input": "800",
        "output": "250",
        "cached": "0",
        "reasoning": "0",
        "batch_share": "0",
    }
    edited = _page(client, "?requests=2M&input=800&output=250&batch_share=50%25")
    assert "2,000,000 requests a month" in edited.find("p", **{"class": "workload-stated"}).text
    assert {
        i.attrs["name"]: i.attrs["value"]
        for i in edited.find_all("input")
        if i.attrs.get("name") == "requests"
    }
    canonical = edited.find("link", rel="canonical").attrs["href"] or ""
    assert canonical.endswith(f"/compare/{REFERENCE}")


def test_capabilities_show_unknown_never_as_no(client: TestClient) -> None:
    table = _section(_page(client), "capabilities").find("table")
    rows = {
        r.find("th").text: [td.text for td in r.find_all("td")] for r in table.find("tbody").find_all("tr")
    }
    assert rows["Audio input"] == ["yes", "unknown"]
    assert rows["Reasoning (thinking)"] == ["yes", "no"]
    assert all(th.attrs.get("scope") in ("col", "row") for th in table.find_all("th"))


def test_pricing_lists_every_tier(client: TestClient) -> None:
    pricing = _section(_page(client), "pricing")
    tier_rows = [r for r in pricing.find_all("tr") if "prompt > 200,000 tokens" in r.text]
    assert any("$4" in r.text and "$18" in r.text for r in tier_rows)
    assert "priority" in pricing.text
    assert "batch" in pricing.text


def test_faq_is_also_json_ld(client: TestClient) -> None:
    doc = _page(client)
    blocks = [json.loads(s.text) for s in doc.find_all("script", type="application/ld+json")]
    faq = next(b for b in blocks if b["@type"] == "FAQPage")
    questions = [dt.text for dt in _section(doc, "faq").find_all("dt")]
    assert [q["name"] for q in faq["mainEntity"]] == questions


def test_related_links_are_canonical_pairs(client: TestClient) -> None:
    links = [a.attrs["href"] or "" for a in _section(_page(client), "related").find_all("a")]
    assert links
    for href in links:
        a, _, b = href.removeprefix("/compare/").partition("-vs-")
        assert client.get(href).status_code == 200, href
        assert a < b or "-vs-" in b


def test_head_tags(client: TestClient) -> None:
    doc = _page(client)
    assert (
        doc.find("meta", property="og:title").attrs["content"]
        == "Gemini 3.1 Pro Preview vs GPT-4o (2024-11-20)"
    )
    assert doc.find("a", **{"class": "skip"}).attrs["href"] == "#main"
    for field in doc.find_all("input"):
        if field.attrs.get("type") in ("hidden", "submit"):
            continue
        assert doc.find_all("label", **{"for": field.attrs["id"] or ""}), field.attrs


def test_views_are_recorded_except_for_bots(recording_client: TestClient, store: RecordingStore) -> None:
    recording_client.get(f"/compare/{REFERENCE}", headers={"User-Agent": "Mozilla/5.0 Firefox/130"})
    recording_client.get(
        f"/compare/{REFERENCE}", headers={"User-Agent": "Googlebot/2.1 (+http://www.google.com/bot.html)"}
    )
    recording_client.get("/compare/gpt-4o-2024-11-20-vs-gemini-3.1-pro-preview")  # a redirect is not a view
    # Counted in memory, written by the app's background writer: flush it now.
    assert recording_client.app.state.views.flush()  # type: ignore[attr-defined]
    assert [p for p, _ in store.views] == [REFERENCE]
    assert store.views[0][1].tzinfo is not None
    popular = parse(recording_client.get("/").text).find("section", **{"aria-labelledby": "popular-h"})
    assert popular.find("a").attrs["href"] == f"/compare/{REFERENCE}"


def test_many_models(client: TestClient) -> None:
    response = client.get("/compare?models=claude-opus-4-7,gemini-3.1-pro-preview,gpt-4o-2024-11-20")
    assert response.status_code == 200
    doc = parse(response.text)
    header = [th.text for th in _section(doc, "scorecard").find("thead").find_all("th")]
    assert header[1:4] == ["Claude Opus 4.7", "Gemini 3.1 Pro Preview", "GPT-4o (2024-11-20)"]
