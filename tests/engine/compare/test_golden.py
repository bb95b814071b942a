"""The reference pair on the real catalog: the seed page's checked figures, and none of its 16 defects."""

from __future__ import annotations

import json
import re
from decimal import Decimal

import pytest

from modelvs.catalog import Catalog
from modelvs.catalog.trust import is_vetted
from modelvs.engine.analysis import blended_price, break_even_ratio
from modelvs.engine.compare import Comparison, Figure, compare, comparison_to_dict
from modelvs.engine.compare.costs import ModelCost, MonthlyFact, cheapest_models
from modelvs.engine.monthly import TIE_RULE, RouteSet
from modelvs.engine.workload import DEFAULT_WORKLOAD
from modelvs.formatting import money
from modelvs.schema.vocab import Capability

from .conftest import ON

GEMINI = "google/gemini-3.1-pro-preview"
GPT4O = "openai/gpt-4o-2024-11-20"


@pytest.fixture(scope="module")
def page(catalog: Catalog) -> Comparison:
    return compare(catalog, [GEMINI, GPT4O], DEFAULT_WORKLOAD, ON)


def all_text(c: Comparison) -> list[str]:
    v = c.verdicts
    return [
        *c.prose.sentences(),
        *v.tradeoffs,
        *(b for d in v.switch for b in d.bullets),
        *v.choose,
        *(f"{q.question} {q.answer}" for q in c.faq),
    ]


def bullets(c: Comparison) -> list[str]:
    v = c.verdicts
    return [*v.tradeoffs, *(b for d in v.switch for b in d.bullets), *v.choose]


def cost_of(c: Comparison, model: str) -> tuple[str | None, str | None]:
    cost = next(x for x in c.facts.monthly.costs if x.model == model)
    return (cost.monthly.text if cost.monthly else None), cost.route


# --- Checked figures (seed/README.md) ---------------------------------------------------------


def test_workload_is_the_one_behind_the_seed_figures(page: Comparison) -> None:
    wl = page.facts.workload
    assert wl.text == "1,000,000 requests a month of 800 input and 250 output tokens (800M in, 250M out)"
    assert (wl.input_tokens, wl.output_tokens) == (800_000_000, 250_000_000)
    assert wl.input_share.text == "76.2%"


def test_headlines_are_the_labs_own_apis_and_say_which_rule_picked_them(page: Comparison) -> None:
    assert cost_of(page, GEMINI) == ("$4,600", "google:google/gemini-3.1-pro-preview")
    assert cost_of(page, GPT4O) == ("$4,500", "openai:openai/gpt-4o-2024-11-20")
    assert page.facts.monthly.picked == ("the lab's own API", "the lab's own API")
    assert page.facts.monthly.savings == ()  # no vetted route is cheaper than either lab's own API
    assert "on the lab's own API where the lab sells the model" in page.prose.headline_rule
    assert "GPT-4o (2024-11-20) is $100 (2.2%) cheaper than Gemini 3.1 Pro Preview" in page.prose.verdict


def test_cheapest_routes_fees_included_with_the_tie_rule(catalog: Catalog, page: Comparison) -> None:
    # GPT-4o: the OpenAI API wins the $4,500 tie against Azure and aggregators by the stated rule.
    assert page.facts.monthly.tie_rule == TIE_RULE
    gpt = next(x for x in page.facts.monthly.costs if x.model == GPT4O)
    assert gpt.provider_kind == "first-party"
    # QuickSilver Pro sells Gemini at $1.70/$10.20 with no long-context tier or cache price: a
    # reseller, and 0.85x Google's price is no answer the default may give.
    assert not is_vetted(catalog, "quicksilverpro:google/gemini-3.1-pro-preview", ON)
    # Every route: the headline stays Google's list price; the reseller is the saving beside it.
    everything = compare(catalog, [GEMINI, GPT4O], DEFAULT_WORKLOAD, ON, RouteSet.ALL)
    assert cost_of(everything, GEMINI) == ("$4,600", "google:google/gemini-3.1-pro-preview")
    [saving] = [s for s in everything.facts.monthly.savings if s.model == GEMINI]
    assert (saving.route, saving.monthly.text, saving.label) == (
        "quicksilverpro:google/gemini-3.1-pro-preview",
        "$3,910",
        "the cheapest route",
    )


def test_openrouter_with_its_credit_fee(page: Comparison) -> None:
    openrouter = next(p for p in page.facts.shared_providers.providers if p.provider == "openrouter")
    assert [f.text if f else None for f in openrouter.costs] == ["$4,853", "$4,747.50"]


def test_limit_ratios_stated_separately(page: Comparison) -> None:
    ctx, out = page.facts.context_window, page.facts.max_output
    assert [v.text for v in ctx.values if v] == ["1,048,576", "128,000"]
    assert [r.value.text for r in ctx.ratios] == ["8.19x"]
    assert [v.text for v in out.values if v] == ["65,536", "16,384"]
    assert [r.value.text for r in out.ratios] == ["4x"]
    prose = " ".join(page.prose.sentences())
    assert "context window, 1,048,576 tokens: 8.19x" in prose
    assert "output limit, 65,536 tokens: 4x" in prose


def test_break_even(page: Comparison) -> None:
    # Both headlines are the labs' own APIs: one break-even, the seed's 4:1.
    (cheapest,) = page.facts.break_even
    assert cheapest.basis_label == "the labs' own APIs"
    assert cheapest.ratio is not None
    assert cheapest.ratio.text == "4:1"
    assert cheapest.cheaper_above == GEMINI
    assert break_even_ratio(Decimal(2), Decimal(12), Decimal("2.5"), Decimal(10)) == 4


def test_blends() -> None:
    gem, gpt = (Decimal(2), Decimal(12)), (Decimal("2.5"), Decimal(10))
    assert (blended_price(*gem, Decimal("0.7")), blended_price(*gpt, Decimal("0.7"))) == (5, Decimal("4.75"))
    assert (blended_price(*gem, Decimal("0.75")), blended_price(*gpt, Decimal("0.75"))) == (
        Decimal("4.5"),
        Decimal("4.375"),
    )


def test_blend_fact_uses_the_workload_share(page: Comparison) -> None:
    blend = page.facts.blend
    assert blend.input_share is page.facts.workload.input_share
    assert [b.text for b in blend.blends if b] == ["$4.38", "$4.29"]


def test_long_prompt_tier_is_a_cliff(page: Comparison) -> None:
    (tier,) = page.facts.tiers
    assert (tier.model, tier.route, tier.threshold) == (
        GEMINI,
        "google:google/gemini-3.1-pro-preview",
        200_000,
    )
    assert [(c, f.text) for c, f in tier.rates] == [
        ("input", "$4"),
        ("output", "$18"),
        ("cache_read", "$0.40"),
    ]
    assert (tier.example_prompt, tier.example_output) == (300_000, 10_000)
    assert (tier.example_price.text, tier.base_price.text) == ("$1.38", "$0.72")
    (gpt,) = tier.others
    assert gpt.price is None
    assert gpt.reason is not None
    assert "128,000" in gpt.reason


def test_cache_and_batch_scenarios(page: Comparison) -> None:
    by_id = {s.id: s for s in page.facts.scenarios}
    cache = [c.monthly.text if c.monthly else None for c in by_id["cache_half"].costs]
    batch = [c.monthly.text if c.monthly else None for c in by_id["batch_all"].costs]
    assert cache == ["$3,880", "$4,000"]
    assert batch == ["$2,300", "$2,250"]
    assert by_id["batch_all"].cheapest == (GPT4O,)  # the ranking flips in batch


# --- The 16 defects of the seed page ------------------------------------------------------------


def test_defect_01_no_boilerplate_or_jargon(page: Comparison) -> None:
    text = " ".join(all_text(page)).lower()
    for phrase in ("compact production", "local evidence", "local model data", "tracked", "local decision"):
        assert phrase not in text


def test_defect_02_no_duplicated_bullets(page: Comparison) -> None:
    items = bullets(page)
    assert len(items) == len(set(items))
    rows = {r.label for r in page.verdicts.scorecard}
    assert not rows & set(items)
    ratio_sentences = [s for s in [*page.prose.intro, page.prose.verdict, *bullets(page)] if "8.19x" in s]
    assert ratio_sentences == []  # the ratio is said once, in the deep dive
    assert sum("8.19x" in s for s in page.prose.sentences()) == 1


def test_defect_03_unique_capabilities_are_the_full_set_difference(page: Comparison) -> None:
    caps = page.facts.capabilities
    states = dict(caps.cells)
    for i in range(2):
        mine = {c for c, s in states.items() if s[i] == "yes"}
        theirs = {c for c, s in states.items() if s[1 - i] == "yes"}
        assert set(caps.differences[i]) == mine - theirs
        assert set(caps.only[i]) | set(caps.unconfirmed[i]) == mine - theirs
    assert caps.only[0] == ("reasoning",)
    assert "vision" not in caps.differences[0]
    assert "function_calling" not in caps.differences[0]


def test_defect_04_capability_cells(page: Comparison) -> None:
    caps = page.facts.capabilities
    for cap in ("vision", "function_calling", "structured_outputs", "tool_choice"):
        assert caps.state(GPT4O, cap) == "yes"
    assert caps.state(GEMINI, "reasoning") == "yes"
    assert caps.state(GPT4O, "reasoning") == "no"
    assert caps.state(GPT4O, "code_execution") == "unknown"
    assert {c for c, _ in caps.cells} == {c.value for c in Capability}


def test_defect_04_unknown_is_never_no(page: Comparison) -> None:
    caps = page.facts.capabilities
    text = " ".join(all_text(page))
    for _cap, states in caps.cells:
        for model, state in zip(caps.models, states, strict=True):
            if state == "unknown":
                assert f"{page.names[model]}: no" not in text
    vision = next(q for q in page.faq if q.id == "vision")
    assert vision.answer == "Both take image input."  # never "No" for GPT-4o (2024-11-20)


def test_defect_05_tags_follow_stated_rules(page: Comparison) -> None:
    tags = dict(zip(page.facts.tags.models, page.facts.tags.tags, strict=True))
    assert "long-context" in tags[GEMINI]
    assert "long-context" not in tags[GPT4O]
    assert {"vision", "agents"} <= set(tags[GPT4O])
    assert "reasoning" in tags[GEMINI]
    assert all(r.rule for r in page.facts.tags.rules)


def test_defect_06_every_tag_is_a_use_case_with_a_rule(page: Comparison) -> None:
    ids = {r.id for r in page.facts.tags.rules}
    assert all(set(t) <= ids for t in page.facts.tags.tags)
    assert "provider-routed" not in " ".join(r.label.lower() for r in page.facts.tags.rules)


def test_defect_07_tier_prices_are_filled(page: Comparison) -> None:
    (tier,) = page.facts.tiers
    assert all(f.text for _, f in tier.rates)
    assert any("$4 input, $18 output and $0.40 cache-read" in s for s in page.prose.sentences())


def test_defect_08_workload_stated_and_one_weighting(page: Comparison) -> None:
    assert page.facts.workload.sentence(page.names) in page.prose.intro
    text = " ".join(all_text(page))
    assert "70/30" not in text
    assert "75/25" not in text
    shares = set(re.findall(r"\d+(?:\.\d+)?% input", text))
    assert shares == {"76.2% input"}


def test_defect_09_cost_covers_tier_cache_batch_fees_and_tie_rule(page: Comparison) -> None:
    assert {s.id for s in page.facts.scenarios} == {"cache_half", "batch_all"}
    assert page.facts.tiers
    assert cost_of(page, GPT4O)[1] != "openrouter:openai/gpt-4o-2024-11-20"
    assert page.facts.monthly.tie_rule


def test_defect_10_no_gap_inside_rounding_and_break_even_shown(page: Comparison) -> None:
    monthly = page.facts.monthly
    assert monthly.gaps
    assert all(g.amount.text != "$0" for g in monthly.gaps)
    texts = {c.monthly.text for c in monthly.costs if c.monthly}
    assert len(texts) == 2
    assert any("input:output" in s for s in page.prose.sentences())


def test_defect_10_effectively_equal_when_printed_equal(catalog: Catalog) -> None:
    c = compare(catalog, ["openai/gpt-4o", "openai/gpt-4o-2024-08-06"], DEFAULT_WORKLOAD, ON)
    assert c.facts.monthly.gaps == ()
    assert c.prose.verdict.endswith("effectively the same cost.")
    assert "cheaper" not in c.prose.verdict


def test_defect_10_a_gap_under_a_cent_is_no_gap() -> None:
    a = ModelCost("a/x", "p:a/x", "P", "cloud", Figure(Decimal("4500.004"), money(Decimal("4500.004"))), ())
    b = ModelCost("b/y", "p:b/y", "P", "cloud", Figure(Decimal(4500), money(Decimal(4500))), ())
    fact = MonthlyFact((a, b), *cheapest_models((a, b)), "rule", ())
    assert fact.gaps == ()
    assert fact.cheapest == ("a/x", "b/y")
    assert fact.sentence({"a/x": "X", "b/y": "Y"}).endswith("effectively the same cost.")


def test_defect_11_scorecard_has_both_sides(page: Comparison) -> None:
    rows = {r.signal: r for r in page.verdicts.scorecard}
    assert rows["input_price"].cells == ("$2", "$2.50")
    assert rows["input_price"].lead == GEMINI
    assert rows["output_price"].cells == ("$12", "$10")
    assert rows["output_price"].lead == GPT4O
    for signal in (
        "cache_read_price",
        "context_window",
        "max_output",
        "monthly_cost",
        "routes",
        "capabilities",
    ):
        assert len(rows[signal].cells) == 2
    assert rows["benchmarks"].lead == "unknown"


def test_defect_12_input_window_and_output_limit_separately(page: Comparison) -> None:
    prose = page.prose.sentences()
    assert any("context window" in s and "8.19x" in s for s in prose)
    assert any("output limit" in s and "4x" in s for s in prose)
    assert not any("8x" in s for s in all_text(page))


def test_defect_13_benchmarks_listed_when_none_comparable(page: Comparison) -> None:
    bench = page.facts.benchmarks
    assert bench.comparable == ()
    assert {s.benchmark for s in bench.own[0]} >= {"swe-bench-verified", "terminal-bench", "browsecomp"}
    sentence = bench.sentence(page.names)
    assert sentence.startswith("No benchmark score is comparable")
    assert "SWE-bench Verified 80.6" in sentence
    # Each model's scores are named, and that none compares: Gemini has Arena ratings, GPT-4o
    # (2024-11-20) only an Aider polyglot run (pass_rate_2 18.2 in the recorded leaderboard).
    # The Arena's overall row for it: 1486.8, interval 1483.9 to 1489.8; and 25 category rows.
    assert "Arena (LMArena): Overall 1,487 ± 3.0 and 25 category scores" in sentence
    assert "GPT-4o (2024-11-20) has Aider Polyglot 18.2" in sentence
    quality = page.prose.quality
    assert quality.startswith("Gemini 3.1 Pro Preview has an Arena rating")
    assert "GPT-4o (2024-11-20) has none, so quality is not compared here." in quality


def test_defect_14_sources_and_dates_per_value(page: Comparison) -> None:
    f = page.facts
    for fact in (*f.rates, f.context_window, f.max_output, f.capabilities, f.monthly):
        assert fact.basis
        assert all(b.source is not None for b in fact.basis)
    assert f.cutoffs is not None
    gpt = next(c for c in f.cutoffs.cutoffs if c.model == GPT4O)
    assert gpt.value == "2023-10"
    assert gpt.source is not None
    assert [v for v, _ in gpt.alternatives] == ["2023-09"]
    assert "though platform.openai.com gives 2023-09" in f.cutoffs.sentence(page.names)
    assert f.freshness.oldest is not None
    assert f.freshness.newest is not None


def test_defect_15_one_canonical_pair(catalog: Catalog, page: Comparison) -> None:
    flipped = compare(catalog, ["gpt-4o-2024-11-20", "gemini-3.1-pro-preview"], DEFAULT_WORKLOAD, ON)
    assert {m.id for m in flipped.models} == {GEMINI, GPT4O}
    assert sorted(c.monthly.text for c in flipped.facts.monthly.costs if c.monthly) == sorted(
        c.monthly.text for c in page.facts.monthly.costs if c.monthly
    )
    for rs in page.related:
        for cand in rs.candidates:
            assert cand.pair == "-vs-".join(sorted(cand.pair.split("-vs-")))
            assert cand.id not in {GEMINI, GPT4O}


def test_defect_16_no_parameter_count_unless_in_catalog(page: Comparison) -> None:
    assert page.facts.parameters is None
    text = " ".join(all_text(page))
    assert "parameter" not in text.lower()
    assert "1.76T" not in text


def test_json_is_versioned_and_serialisable(page: Comparison) -> None:
    data = comparison_to_dict(page)
    assert data["version"] == "2"
    assert data["facts"]["monthly"]["kind"] == "monthly_cost"
    json.dumps(data)
