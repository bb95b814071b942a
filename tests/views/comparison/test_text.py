"""The page in a terminal: the same sections; data printed as itself, never as markup or escapes."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console

from modelvs.views.comparison import SECTIONS, ComparisonPage
from modelvs.views.comparison.text import render_comparison_text
from tests.views import HOSTILE, hostile_comparison


def _render(page: ComparisonPage, brief: bool = False) -> str:
    out = io.StringIO()
    render_comparison_text(Console(file=out, width=400, color_system=None), page, brief=brief)
    return out.getvalue()


def test_sections_in_page_order(reference: ComparisonPage) -> None:
    text = _render(reference)
    rules = [line.rstrip("─ ") for line in text.splitlines() if line.endswith("─")]
    assert rules == [h.title for h in SECTIONS if h.id != "popular"]
    assert "│ Reasoning (thinking)" in text
    assert "$4,600 on Google AI Studio (Gemini API)" in text


def test_brief(reference: ComparisonPage) -> None:
    rules = [line.rstrip("─ ") for line in _render(reference, brief=True).splitlines() if line.endswith("─")]
    assert rules == ["Verdict", "Decision scorecard"]


def test_hostile_names_print_literally_not_as_markup(tmp_path: Path) -> None:
    text = _render(hostile_comparison(tmp_path))
    assert text.splitlines()[0] == f"{HOSTILE} vs GPT-4o (2024-11-20)"
    assert f"{HOSTILE} provider" in text
    assert "| x `code`" not in text  # unescaped, rich would have eaten the tags
