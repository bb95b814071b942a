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
from modelvs.views.comparison.build import split
from modelvs.views.comparison.plain import page_json
from tests.views import ON
from tests.views.conftest import REFERENCE


def _sentences(page: ComparisonPage) -> list[str]:
    """Every sentence the page says, wherever it says it (not table cells)."""
    found = [*page.intro, page.answer.verdict, page.answer.workload, *page.answer.choose, *page.tradeoffs]
    found += [*page.costs.sentences, *page.costs.rules]
    found += [b for s in page.switch for b in s.bullets]
    for topic in (page.specs, page.capabilities):
        found += [*topic.sentences, *topic.notes]
    found += [*page.benchmarks.sentences, *page.pricing.sentences, *page.sources.sentences]
    found += [s for q in page.faq for s in split(q.answer)]
    return found


def test_every_sentence_is_said_once(reference: ComparisonPage, four: ComparisonPage) -> None:
    for page in (reference, four):
        counts = Counter(_sentences(page))
        assert [s for s, n in counts.items() if n > 1] == []


def test_the_answer_leads_and_the_workload_sections_are_live(reference: ComparisonPage) -> None:
    assert [h.id for h in SECTIONS][:2] == ["answer", "scorecard"]
    assert {"answer", "scorecard", "monthly-cost", "faq"} <= set(LIVE)
    assert not {"specs", "capabilities", "benchmarks", "pricing"} & set(LIVE)
    headline = {h.name: (h.cost, h.lead) for h in reference.answer.headline}
    assert headline == {"Gemini 3.1 Pro Preview": ("$4,600", False), "GPT-4o (2024-11-20)": ("$4,500", True)}
    assert reference.answer.workload.startswith("Costs are for 1,000,000 requests a month")


def test_no_reason_rests_on_a_two_percent_gap(reference: ComparisonPage) -> None:
    # GPT-4o is $100 (2.2%) cheaper: a lead in the scorecard, not a reason to choose it.
    assert not any("cost at your traffic decides" in c for c in reference.answer.choose)
    assert not any("the lower monthly cost" in t for t in reference.tradeoffs)
    monthly = next(r for r in reference.scorecard.table.rows if r.head.text == "Monthly cost at your traffic")
    assert [c.lead for c in monthly.cells[:2]] == [False, True]


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
    assert live.related.links
    assert static.related.links == ()
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
    for model, prices in zip(REFERENCE, reference.pricing.models, strict=True):
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


def test_the_faq_keeps_only_what_is_not_said_above(reference: ComparisonPage) -> None:
    above = set(_sentences(dataclasses.replace(reference, faq=())))
    for q in reference.faq:
        assert not set(split(q.answer)) & above, q.id
    assert "context" in {q.id for q in reference.faq}


def test_json_is_the_whole_page_with_exact_chart_figures(reference: ComparisonPage) -> None:
    data = json.loads(json.dumps(page_json(reference)))
    assert data["version"] == "1"
    assert list(data) == [f.name for f in dataclasses.fields(ComparisonPage)]
    prompt = next(c for c in data["costs"]["charts"] if c["id"] == "chart-prompt")
    gpt = next(s for s in prompt["series"] if s["name"] == "GPT-4o (2024-11-20)")
    first = gpt["points"][0]
    assert (first["x"], first["y"]) == ("0", "0.0025")  # 250 output tokens at $10 per 1M
    assert all("E" not in p["y"] for s in prompt["series"] for p in s["points"])
    assert Decimal(gpt["points"][-1]["x"]) == 128_000  # the line ends at its context limit
