"""Text for the command line: aligned tables that never cut a cell, and the model view in words."""

from __future__ import annotations

import datetime as dt

from modelvs.catalog import Catalog
from modelvs.views.comparison import ComparisonPage
from modelvs.views.comparison.page import Answer, Scorecard
from modelvs.views.model import model_view
from modelvs.views.text import (
    TextLine,
    TextTable,
    aligned,
    comparison_answer,
    component_label,
    disagreements,
    field_label,
    model_markdown,
    model_text,
    width,
)

ON = dt.date(2026, 11, 24)


def test_columns_are_as_wide_as_their_widest_cell_and_two_spaces_apart() -> None:
    table = TextTable(
        ("id", "name", "monthly"),
        [("a/very-long-model-id-2026-11-24", "Short", "$4,600"), ("b/x", "A much longer name", "$12")],
        "Models",
        right=frozenset({2}),
    )
    # 31 and 18 characters: the widest id and name; amounts are right-aligned under `monthly`.
    assert aligned(table) == [
        "Models",
        "id".ljust(31) + "  " + "name".ljust(18) + "  " + "monthly",
        "a/very-long-model-id-2026-11-24" + "  " + "Short".ljust(18) + "  " + " $4,600",
        "b/x".ljust(31) + "  " + "A much longer name" + "  " + "    $12",
    ]


def test_a_cell_is_one_line_without_control_characters_and_wide_characters_take_two_columns() -> None:
    lines = aligned(TextTable(("name", "x"), [("通义千问", "1"), ("a\nb\x1b[31m", "2")]))
    assert lines == ["name      x", "通义千问  1", "a b[31m   2"]
    assert (width("通义千问"), width("e\u0301"), width("abc")) == (8, 1, 3)


def test_the_model_view_is_worded_for_readers(shipped: Catalog) -> None:
    view = model_view(shipped, "openai/gpt-5.5", ON)
    blocks = model_text(view)
    assert blocks[0] == TextLine("GPT-5.5  openai/gpt-5.5  (OpenAI)", strong=True)
    tables = {b.title: b for b in blocks if isinstance(b, TextTable)}
    facts = {row[0]: row[1] for row in tables["Facts"].rows}
    assert facts["Context window"] == "1,050,000 tokens"
    assert facts["Open weights"] == "no"
    assert "context_window" not in facts
    prices = [
        row for row in tables["Routes and prices"].rows if row[0] == "OpenAI API" and row[1] == "standard"
    ]
    assert prices[0][3] == "input $5, output $30, cache read $0.50"
    assert prices[0][4] == ">272k: input $10, output $45, cache read $1"
    markdown = model_markdown(view)
    assert "| Context window | 1,050,000 tokens |" in markdown
    assert "cache\\_read" not in markdown
    assert "cache read" in markdown


def test_where_sources_disagree_is_said_once_in_words() -> None:
    source = {"name": "models.dev 1.0.398", "checked": None, "retrieved": "2026-12-05"}
    alternatives = [
        {"field": "capabilities.temperature", "value": True, "source": source},
        {"field": "capabilities.temperature", "value": True, "source": source},
        {"field": "context_window", "value": 1_000_000, "source": source},
        {"field": "modalities_in", "value": ["text", "image"], "source": source},
    ]
    assert disagreements({"alternatives": alternatives}) == [
        "Sources disagree on Temperature control: models.dev 1.0.398, 2026-12-05 says yes.",
        "Sources disagree on Context window: models.dev 1.0.398, 2026-12-05 says 1,000,000 tokens.",
        "Sources disagree on Input: models.dev 1.0.398, 2026-12-05 says text, image.",
    ]


def test_field_and_component_labels() -> None:
    assert field_label("capabilities.temperature") == "Temperature control"
    assert field_label("context_window") == "Context window"
    assert field_label("modalities_in") == "Input"
    assert component_label("cache_read") == "cache read"
    assert component_label("cache_write_1h") == "cache write (1h)"


def test_the_comparison_answer_is_the_verdict_the_headline_costs_and_the_scorecard(
    reference: ComparisonPage,
) -> None:
    blocks = comparison_answer(reference)
    lines = [b.text for b in blocks if isinstance(b, TextLine)]
    assert lines[0] == reference.title
    answer = reference.get("answer", Answer)
    assert lines[1:3] == [answer.lifecycle, answer.verdict]  # a deprecated model is said first
    assert any(line.startswith("  GPT-4o (2024-11-20): $4,500 a month on OpenAI API") for line in lines)
    [scorecard] = [b for b in blocks if isinstance(b, TextTable)]
    assert scorecard.title == reference.get("scorecard", Scorecard).table.caption
    assert scorecard.headers == reference.get("scorecard", Scorecard).table.columns
    assert len(scorecard.rows) == len(reference.get("scorecard", Scorecard).table.rows)
