"""The comparison page in HTML, asserted by structure: answer first, live sections, collapsed
reference tables, the same formats at `.md` and `.json`."""

from __future__ import annotations

import json

from starlette.testclient import TestClient

from modelvs.views.comparison import LIVE, SECTIONS
from tests.web.conftest import REFERENCE, RecordingStore
from tests.web.html import Node, parse


def _page(client: TestClient, query: str = "") -> Node:
    response = client.get(f"/compare/{REFERENCE}{query}")
    assert response.status_code == 200, response.text[:500]
    return parse(response.text)


def _section(doc: Node, sid: str) -> Node:
    return doc.find("section", id=sid)


def test_every_section_in_page_order_the_live_ones_marked(client: TestClient) -> None:
    doc = _page(client)
    sections = [s for s in doc.find_all("section") if s.attrs.get("id")]
    assert [s.attrs["id"] for s in sections] == [h.id for h in SECTIONS]
    assert [s.find("h2").text for s in sections] == [h.title for h in SECTIONS]
    assert [s.attrs["id"] for s in sections if "data-live" in s.attrs] == list(LIVE)


def test_the_answer_and_the_workload_form_come_first(client: TestClient) -> None:
    doc = _page(client)
    article = doc.find("article")
    order = [n.tag if n.tag != "section" else n.attrs["id"] for n in article.children if isinstance(n, Node)]
    assert order[:5] == ["h1", "p", "answer", "form", "nav"]
    answer = _section(doc, "answer")
    assert "is $100 (2.2%) a month cheaper" in answer.find("p", **{"class": "verdict"}).text
    cards = [li.text for li in answer.find("ul", **{"class": "headline"}).find_all("li")]
    assert cards == [
        "Gemini 3.1 Pro Preview : $4,600 a month on Google AI Studio (Gemini API)",
        "GPT-4o (2024-11-20) : $4,500 a month on OpenAI API",
    ]
    form = doc.find("form", **{"class": "workload"})
    assert form.attrs["method"] == "get"
    assert form.attrs["data-live-fragment"] == f"/compare/{REFERENCE}/fragment"
    assert form.attrs["data-live-target"] == " ".join(LIVE)
    values = {i.attrs["name"]: i.attrs["value"] for i in form.find_all("input")}
    assert values == {
        "requests": "1000000",
        "input": "800",
        "output": "250",
        "cached": "0",
        "reasoning": "0",
        "batch_share": "0",
    }


def test_an_edited_workload_in_the_url_prices_every_section(client: TestClient) -> None:
    doc = _page(client, "?requests=2M&input=800&output=250&batch_share=50%25")
    stated = doc.find("p", **{"class": "workload-stated"}).text
    assert "2,000,000 requests a month of 800 input and 250 output tokens" in stated
    assert stated.count("batch mode") == 1
    assert "$9,200" not in _section(doc, "answer").text  # half of it in batch: less than twice the cost
    canonical = doc.find("link", rel="canonical").attrs["href"] or ""
    assert canonical.endswith(f"/compare/{REFERENCE}")


def test_reference_tables_collapse_the_lab_route_first(client: TestClient) -> None:
    pricing = _section(_page(client), "pricing")
    blocks = pricing.find_all("details", **{"class": "prices"})
    assert len(blocks) == 2
    assert not [d for d in blocks if "open" in d.attrs]
    first = blocks[0].find("tbody").find_all("tr")[0]
    assert first.find("th").text == "Google AI Studio (Gemini API)"
    tier = [r for r in blocks[0].find_all("tr") if "prompts over 200,000 tokens" in r.text]
    assert any("$4" in r.text and "$18" in r.text for r in tier)
    assert blocks[0].find("details", **{"class": "history"})
    sources = _section(_page(client), "sources")
    assert sources.find("details").find("table")


def test_capabilities_show_unknown_never_as_no(client: TestClient) -> None:
    table = _section(_page(client), "capabilities").find("table")
    rows = {
        r.find("th").text: [td.text for td in r.find_all("td")] for r in table.find("tbody").find_all("tr")
    }
    assert rows["Audio input"] == ["yes", "unknown"]
    assert rows["Reasoning (thinking)"] == ["yes", "no"]
    assert all(th.attrs.get("scope") in ("col", "row") for th in table.find_all("th"))


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
        assert client.get(href).status_code == 200, href


def test_markdown_and_json_of_the_same_page(client: TestClient) -> None:
    md = client.get(f"/compare/{REFERENCE}.md")
    assert md.headers["content-type"].startswith("text/markdown")
    assert md.text.startswith("# Gemini 3.1 Pro Preview vs GPT-4o (2024-11-20)\n")
    data = client.get(f"/compare/{REFERENCE}.json").json()
    assert data["title"] == "Gemini 3.1 Pro Preview vs GPT-4o (2024-11-20)"
    assert data["path"] == f"/compare/{REFERENCE}"
    reverse = client.get("/compare/gpt-4o-2024-11-20-vs-gemini-3.1-pro-preview.md")
    assert (reverse.status_code, reverse.headers["location"]) == (301, f"/compare/{REFERENCE}.md")


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


def test_views_are_recorded_for_the_html_page_except_for_bots(
    recording_client: TestClient, store: RecordingStore
) -> None:
    recording_client.get(f"/compare/{REFERENCE}", headers={"User-Agent": "Mozilla/5.0 Firefox/130"})
    recording_client.get(f"/compare/{REFERENCE}.md", headers={"User-Agent": "Mozilla/5.0 Firefox/130"})
    recording_client.get(
        f"/compare/{REFERENCE}", headers={"User-Agent": "Googlebot/2.1 (+http://www.google.com/bot.html)"}
    )
    recording_client.get("/compare/gpt-4o-2024-11-20-vs-gemini-3.1-pro-preview")  # a redirect is not a view
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
    form = doc.find("form", **{"class": "workload"})
    assert form.attrs["data-live-fragment"] == "/compare/fragment"
    hidden = {
        i.attrs["name"]: i.attrs["value"] for i in form.find_all("input") if i.attrs.get("type") == "hidden"
    }
    assert hidden == {"models": "claude-opus-4-7,gemini-3.1-pro-preview,gpt-4o-2024-11-20"}


def test_opus_vs_gpt_5_5_headlines_are_the_labs_apis_with_the_saving_in_every_format(
    client: TestClient,
) -> None:
    pair = "/compare/claude-opus-4-7-vs-gpt-5.5"
    answer = parse(client.get(pair).text).find("section", id="answer")
    cards = [li.text for li in answer.find("ul", **{"class": "headline"}).find_all("li")]
    assert cards == [
        "Claude Opus 4.7 : $10,250 a month on Claude API"
        " (the cheapest vetted route, GMI Cloud: $9,225, 10% less)",
        "GPT-5.5 : $11,500 a month on OpenAI API",
    ]
    markdown = client.get(pair + ".md").text
    assert (
        "- Claude Opus 4.7: **$10,250** a month on Claude API"
        " (the cheapest vetted route, GMI Cloud: $9,225, 10% less)" in markdown
    )
    page = client.get(pair + ".json").json()
    answer_json = next(x for x in page["sections"] if x["id"] == "answer")["body"]
    assert [h["detail"] for h in answer_json["headline"]] == [
        "a month on Claude API",
        "a month on OpenAI API",
    ]
    assert answer_json["headline"][0]["saving"] == "the cheapest vetted route, GMI Cloud: $9,225, 10% less"
    engine = client.get("/api/v1/compare?models=claude-opus-4-7,gpt-5.5").json()
    assert [c["route"] for c in engine["facts"]["monthly"]["costs"]] == [
        "anthropic:anthropic/claude-opus-4-7",
        "openai:openai/gpt-5.5",
    ]
    assert engine["facts"]["monthly"]["savings"][0]["provider"] == "GMI Cloud"
