"""The comparison page view model: answer first, each sentence once, routes in trust order."""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from decimal import Decimal

from modelvs.catalog import Catalog
from modelvs.catalog.trust import is_vetted, lab_route
from modelvs.engine.compare import compare
from modelvs.engine.workload import DEFAULT_WORKLOAD
from modelvs.views.comparison import LIVE, SECTIONS, ComparisonPage, Shell, comparison_page
from modelvs.views.comparison.page import (
    Answer,
    Benchmarks,
    CostSection,
    DeepDive,
    Faq,
    Pricing,
    Related,
    Scorecard,
    Sources,
    SwitchSection,
    Topic,
    Tradeoffs,
)
from modelvs.views.comparison.plain import page_json
from tests.views import ON
from tests.views.conftest import REFERENCE


def _sentences(page: ComparisonPage) -> list[str]:
    """Every sentence the page says outside the FAQ (whose answers stand alone), not table cells."""
    a = page.get("answer", Answer)
    found = [*page.intro, a.verdict, a.workload, a.quality, a.lifecycle]
    found += [*page.get("tradeoffs", Tradeoffs).bullets, *page.get("monthly-cost", CostSection).rules]
    found += [b for s in page.get("switch", SwitchSection).directions for b in s.bullets]
    found += [s for p in page.get("deep-dive", DeepDive).paragraphs for s in p.sentences]
    for sid in ("specs", "capabilities"):
        topic = page.get(sid, Topic)
        found += [*topic.sentences, *topic.notes]
    found += [*page.get("benchmarks", Benchmarks).sentences, *page.get("pricing", Pricing).sentences]
    found += [*page.get("sources", Sources).sentences, page.get("related", Related).rule]
    return [s for s in found if s]


def test_every_sentence_is_said_once(reference: ComparisonPage, four: ComparisonPage) -> None:
    for page in (reference, four):
        counts = Counter(_sentences(page))
        assert [s for s, n in counts.items() if n > 1] == []


def test_the_answer_leads_and_the_workload_sections_are_live(reference: ComparisonPage) -> None:
    assert [h.id for h in SECTIONS][:2] == ["answer", "scorecard"]
    assert {"answer", "scorecard", "monthly-cost", "faq", "deep-dive"} <= set(LIVE)
    assert not {"specs", "capabilities", "benchmarks", "related"} & set(LIVE)
    answer = reference.get("answer", Answer)
    headline = {h.name: (h.cost, h.lead) for h in answer.headline}
    assert headline == {"Gemini 3.1 Pro Preview": ("$4,600", False), "GPT-4o (2024-11-20)": ("$4,500", True)}
    assert answer.workload.startswith("Costs are for 1,000,000 requests a month")
    # The verdict says who is cheaper and by how much; the costs themselves are the headline's.
    assert answer.verdict == (
        "GPT-4o (2024-11-20) is $100 (2.2%) a month cheaper than Gemini 3.1 Pro Preview at your traffic."
    )


def test_the_answer_is_in_view_and_the_evidence_one_click_away(reference: ComparisonPage) -> None:
    shown = [s.id for s in reference.sections if s.open]
    assert shown == ["answer", "scorecard", "tradeoffs", "monthly-cost", "switch", "faq", "related"]
    hidden = {s.id for s in reference.sections if not s.open}
    assert hidden == {"deep-dive", "specs", "capabilities", "benchmarks", "pricing", "sources"}
    assert reference.get("monthly-cost", CostSection).chart is not None  # one chart in view
    assert {c.id for c in reference.get("deep-dive", DeepDive).charts} == {
        "chart-prompt",
        "chart-blend",
        "chart-value",
    }


def test_no_reason_rests_on_a_two_percent_gap(reference: ComparisonPage) -> None:
    # GPT-4o is $100 (2.2%) cheaper: a lead in the scorecard, not a reason to choose it.
    bullets = reference.get("tradeoffs", Tradeoffs).bullets
    assert not any("cost at your traffic decides" in c for c in bullets)
    # The scorecard leaves out the monthly cost: the headline above states it.
    rows = [r.head.text for r in reference.get("scorecard", Scorecard).table.rows]
    assert "Monthly cost at your traffic" not in rows
    assert rows[0] == "Input price per 1M tokens"


def test_tradeoffs_say_what_changes_the_answer_not_the_scorecard_again(reference: ComparisonPage) -> None:
    bullets = reference.get("tradeoffs", Tradeoffs).bullets
    assert not any(b.startswith("Picking ") for b in bullets)  # no mirrored scorecard rows
    assert (
        "If half of every prompt is read from the cache, Gemini 3.1 Pro Preview becomes the cheaper choice."
        in bullets
    )
    assert any(
        b.startswith("Prompts over 200,000 tokens bill a whole Gemini 3.1 Pro Preview") for b in bullets
    )


def test_a_static_host_gets_a_read_only_form_and_only_built_pairs_linked(shipped: Catalog) -> None:
    c = compare(shipped, REFERENCE, DEFAULT_WORKLOAD, ON)
    live = comparison_page(shipped, c, DEFAULT_WORKLOAD, Shell("/p", "/p", "/p/fragment"))
    static = comparison_page(
        shipped, c, DEFAULT_WORKLOAD, Shell("/p", "/p", None, linkable=lambda pair: False)
    )
    assert live.form.fragment == "/p/fragment"
    assert live.form.targets == LIVE
    assert (live.form.note, static.form.fragment) == ("", None)
    assert "default workload" in static.form.note
    assert live.get("related", Related).links
    assert static.get("related", Related).links == ()
    values = {f.name: f.value for f in live.form.fields}
    assert values == {
        "requests": "1000000",
        "input": "800",
        "output": "250",
        "cached": "0",
        "reasoning": "0",
        "batch_share": "0",
    }


def test_routes_are_listed_lab_first_then_vetted(shipped: Catalog, reference: ComparisonPage) -> None:
    for model, prices in zip(REFERENCE, reference.get("pricing", Pricing).models, strict=True):
        providers = [r.head.text for r in prices.current.rows]
        own = lab_route(shipped, model)
        assert own is not None
        assert providers[0] == shipped.providers[own.split(":", 1)[0]].name
        trust = [r.cells[0].text for r in prices.current.rows]
        vetted = [not t.endswith("not vetted") for t in trust]
        assert vetted == sorted(vetted, reverse=True)  # every vetted route before any other
        assert sum(vetted) >= sum(1 for r in shipped.routes_by_model[model] if is_vetted(shipped, r, ON)) > 0
        numbers = {c.source for r in prices.current.rows for c in r.cells if c.source is not None}
        assert numbers == {s.number for s in prices.current.sources}


def test_the_faq_answers_the_seeds_six_questions_on_their_own(reference: ComparisonPage) -> None:
    faq = {q.id: q for q in reference.get("faq", Faq).questions}
    assert list(faq)[:6] == ["context", "price", "open_source", "vision", "multimodal", "where"]
    assert faq["price"].question == (
        "Which is cheaper at my traffic, Gemini 3.1 Pro Preview or GPT-4o (2024-11-20)?"
    )
    assert faq["price"].answer.startswith("GPT-4o (2024-11-20), by $100 a month (2.2%) at 1,000,000 requests")
    assert faq["open_source"].answer.startswith("No: neither is.")
    assert faq["vision"].answer == "Both take image input."
    # Standing alone, an answer repeats no sentence of the page above it.
    above = set(_sentences(reference))
    assert not any(q.answer in above for q in faq.values())


def test_json_is_the_whole_page_with_exact_chart_figures(reference: ComparisonPage) -> None:
    data = json.loads(json.dumps(page_json(reference)))
    assert data["version"] == "2"
    assert list(data) == [f.name for f in dataclasses.fields(ComparisonPage)]
    assert [s["id"] for s in data["sections"]] == [s.id for s in reference.sections]
    dive = next(s for s in data["sections"] if s["id"] == "deep-dive")["body"]
    prompt = next(c for c in dive["charts"] if c["id"] == "chart-prompt")
    gpt = next(s for s in prompt["series"] if s["name"] == "GPT-4o (2024-11-20)")
    first = gpt["points"][0]
    assert (first["x"], first["y"]) == ("0", "0.0025")  # 250 output tokens at $10 per 1M
    assert all("E" not in p["y"] for s in prompt["series"] for p in s["points"])
    assert Decimal(gpt["points"][-1]["x"]) == 128_000  # the line ends at its context limit


def test_price_tables_keep_the_columns_the_stylesheet_names_on_a_phone() -> None:
    from modelvs.views.comparison.prices import CURRENT_COLUMNS, HISTORY_COLUMNS, PHONE_OMITS

    # site.css names these by position ("Prices by route"): a new column must move its rules too.
    rates = ("Input", "Output", "Cache read", "Cache write", "Other")
    assert ("Provider", "Route", "Mode", "Applies to", *rates, "Source") == CURRENT_COLUMNS
    assert ("Provider", "Mode", "Applies to", *rates, "In effect", "Source") == HISTORY_COLUMNS
    assert PHONE_OMITS == ("Cache write", "Other", "Source")
