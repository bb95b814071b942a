"""The live calculator: fragment endpoints, the hooks calculator.js needs, and progressive enhancement."""

from __future__ import annotations

from pathlib import Path

from starlette.testclient import TestClient

import modelvs.web
from modelvs.views.comparison import LIVE
from tests.web.conftest import REFERENCE
from tests.web.html import Node, parse

JS = Path(modelvs.web.__file__).parent / "static" / "calculator.js"


def _costs(doc: Node) -> dict[str, str]:
    """The headline cost per model, as the answer's cards show it."""
    cards = doc.find("section", id="answer").find("ul", **{"class": "headline"}).find_all("li")
    return {li.find("span").text: li.find("strong").text for li in cards}


def test_comparison_page_marks_the_live_sections_and_form(client: TestClient) -> None:
    doc = parse(client.get(f"/compare/{REFERENCE}").text)
    live = [s.attrs["id"] for s in doc.find_all("section") if "data-live" in s.attrs]
    assert live == list(LIVE)
    form = doc.find("form", **{"class": "workload"})
    assert form.attrs["method"] == "get"
    assert form.attrs["action"] == f"/compare/{REFERENCE}"
    assert form.attrs["data-live-fragment"] == f"/compare/{REFERENCE}/fragment"
    assert form.attrs["data-live-target"] == " ".join(live)
    assert form.find("p", id="wl-status").attrs["role"] == "status"
    for sid in live:  # typing never replaces the input being edited
        assert not doc.find("section", id=sid).find_all("form")
    assert "defer" in doc.find("script", src="/static/calculator.js").attrs


def test_fragment_answers_every_live_section_at_the_new_workload(client: TestClient) -> None:
    base = client.get(f"/compare/{REFERENCE}/fragment")
    doubled = client.get(f"/compare/{REFERENCE}/fragment?requests=2M")
    assert base.status_code == doubled.status_code == 200
    assert doubled.headers["x-robots-tag"] == "noindex"
    assert "<html" not in doubled.text
    assert "<form" not in doubled.text
    doc = parse(doubled.text)
    assert [s.attrs["id"] for s in doc.find_all("section")] == list(LIVE)
    assert _costs(parse(base.text)) == {"Gemini 3.1 Pro Preview": "$4,600", "GPT-4o (2024-11-20)": "$4,500"}
    assert _costs(doc) == {"Gemini 3.1 Pro Preview": "$9,200", "GPT-4o (2024-11-20)": "$9,000"}
    assert "2,000,000 requests a month" in doc.find("p", **{"class": "workload-stated"}).text
    assert "$9,200" in doc.find("section", id="monthly-cost").text
    assert 'id="chart-prompt"' in doubled.text


def test_fragment_matches_the_full_page_sections(client: TestClient) -> None:
    page = parse(client.get(f"/compare/{REFERENCE}?requests=5k&output=400").text)
    fragment = parse(client.get(f"/compare/{REFERENCE}/fragment?requests=5k&output=400").text)
    for sid in LIVE:
        if sid == "related":
            continue
        assert page.find("section", id=sid).text == fragment.find("section", id=sid).text, sid


def test_fragment_rejects_bad_parameters(client: TestClient) -> None:
    bad = client.get(f"/compare/{REFERENCE}/fragment?requests=lots")
    assert bad.status_code == 422
    p = parse(bad.text).find("p", **{"class": "error"})
    assert p.attrs["data-param"] == "requests"
    assert client.get(f"/compare/{REFERENCE}/fragment?cached=900").status_code == 422
    assert client.get("/compare/nothing-vs-nowhere/fragment").status_code == 404


def test_many_model_fragment(client: TestClient) -> None:
    models = "gemini-3.1-pro-preview,gpt-4o-2024-11-20,gpt-4o-mini-2024-07-18"
    page = client.get(f"/compare?models={models}")
    if page.status_code != 200:  # a model may be absent from the shipped catalog
        return
    form = parse(page.text).find("form", **{"class": "workload"})
    assert form.attrs["data-live-fragment"] == "/compare/fragment"
    fragment = client.get(f"/compare/fragment?models={models}&requests=2M")
    assert fragment.status_code == 200
    assert len(_costs(parse(fragment.text))) == 3
    assert client.get("/compare/fragment?models=gpt-4o-2024-11-20").status_code == 422


def test_calculator_fragment(client: TestClient) -> None:
    doc = parse(client.get("/calculator").text)
    assert doc.find("div", id="calc-live").attrs["aria-live"] == "polite"
    form = doc.find("form", **{"class": "workload"})
    assert form.attrs["data-live-fragment"] == "/calculator/fragment"
    assert form.attrs["data-live-target"] == "calc-live"
    small = client.get("/calculator/fragment?requests=1k&capability=reasoning")
    assert small.status_code == 200
    frag = parse(small.text)
    assert "1,000 requests a month" in frag.find("p", **{"class": "workload-stated"}).text
    assert frag.find("table").find("tbody").find_all("tr")
    assert client.get("/calculator/fragment?capability=telepathy").status_code == 422


def test_script_is_small_dependency_free_and_never_uses_inner_html() -> None:
    source = JS.read_text()
    assert len(source) < 8000
    assert "innerHTML" not in source
    assert "outerHTML" not in source
    assert "insertAdjacentHTML" not in source
    assert "history.replaceState" in source
    assert "aria-busy" in source
    assert "import " not in source
    assert "require(" not in source
