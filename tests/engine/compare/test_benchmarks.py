"""Benchmark and rating facts: comparable keys, best settings, ties by interval, the sentences."""

from __future__ import annotations

from decimal import Decimal

from modelvs.catalog import Catalog
from modelvs.engine.compare import compare
from modelvs.engine.compare.benchmarks import benchmark_fact, rating_fact
from modelvs.engine.workload import DEFAULT_WORKLOAD
from tests.engine.compare.conftest import ON
from tests.engine.test_quality import rated, result

NAMES = {"lab/a": "A", "lab/b": "B", "lab/c": "C"}


def test_only_one_category_compares_with_itself_and_each_model_brings_its_best_setting() -> None:
    catalog = rated(
        {"a": "1", "b": "2"},
        {
            "a": [
                result("1500", "1490", "1510", setting="Low"),
                result("1520", "1515", "1525", 10, setting="High"),
            ],
            "b": [result("1450", "1445", "1455"), result("1600", "1590", "1610", category="coding")],
        },
    )
    fact = benchmark_fact(catalog, ["lab/a", "lab/b"])
    [row] = fact.comparable
    assert (row.category, row.leaders, row.tied) == ("overall", ("lab/a",), False)
    best = row.scores[0]
    assert best is not None
    assert (best.score, best.setting) == (Decimal("1520"), "High")
    assert [s.category for s in fact.own[1]] == ["coding"]
    assert "In 0 other" not in fact.sentence(NAMES)


def test_the_rating_sentence_leads_ties_or_says_who_has_none() -> None:
    catalog = rated(
        {"a": "1", "b": "2", "c": "3"},
        {
            "a": [result("1500", "1495", "1505")],
            "b": [result("1502", "1498", "1506")],
            "c": [result("1400", "1395", "1405")],
        },
    )
    assert rating_fact(catalog, ["lab/a", "lab/c"]).sentence(NAMES) == (
        "On quality, A leads: Arena ratings (overall) A 1,500 ± 5.0 and C 1,400 ± 5.0, with A's 95% interval"
        " wholly above the others'."
    )
    assert rating_fact(catalog, ["lab/a", "lab/b"]).sentence(NAMES) == (
        "On quality, A and B are statistically tied: Arena ratings (overall) A 1,500 ± 5.0 and B 1,502 ± 4.0,"
        " with overlapping 95% intervals."
    )
    unrated = rated({"a": "1", "b": "2"}, {"a": [result("1500", "1495", "1505")]})
    assert rating_fact(unrated, ["lab/a", "lab/b"]).sentence(NAMES) == (
        "A has an Arena rating of 1,500 ± 5.0 (overall); B has none, so quality is not compared here."
    )


def test_a_flagship_pair_shows_comparable_ratings_with_intervals_and_a_verdict(catalog: Catalog) -> None:
    page = compare(catalog, ["claude-opus-4-7", "gpt-5.5"], DEFAULT_WORKLOAD, ON)
    row = page.facts.benchmarks.rating
    assert row is not None
    opus, gpt = row.scores
    assert opus is not None
    assert gpt is not None
    assert opus.low is not None
    assert opus.high is not None
    assert opus.low <= opus.score <= opus.high
    # Read from the shipped result files, not from the engine: the Arena's overall rows.
    files = {key: rs for key, rs in catalog.results.items() if key.startswith("lmarena:")}
    overall = {
        key.split(":", 1)[1]: r.score
        for key, rs in files.items()
        for r in rs.results
        if r.category == "overall"
    }
    assert (opus.score, gpt.score) == (overall["anthropic/claude-opus-4-7"], overall["openai/gpt-5.5"])
    quality = page.prose.quality
    assert quality.startswith("On quality,")
    assert "95% interval" in quality
    card = next(r for r in page.verdicts.scorecard if r.signal == "rating")
    assert all("±" in cell for cell in card.cells)
