"""Terminal comparison: the same sections as the Markdown page, data strings printed as themselves."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from rich.console import Console

from modelvs.catalog import load_catalog
from modelvs.engine.compare import compare, comparison_to_dict
from modelvs.engine.workload import DEFAULT_WORKLOAD
from modelvs.views.comparison_md import SECTIONS
from modelvs.views.comparison_tables import comparison_tables
from modelvs.views.comparison_text import render_comparison_text
from tests.views import HOSTILE, hostile_comparison


def _render(data: dict, tables: dict) -> str:  # type: ignore[type-arg]
    out = io.StringIO()
    render_comparison_text(Console(file=out, width=400, color_system=None), data, tables)
    return out.getvalue()


def test_sections_in_page_order() -> None:
    catalog = load_catalog()
    ids = ["google/gemini-3.1-pro-preview", "openai/gpt-4o-2024-11-20"]
    data = comparison_to_dict(compare(catalog, ids, DEFAULT_WORKLOAD, dt.date(2026, 11, 24)))
    text = _render(data, comparison_tables(catalog, data))
    rules = [line for line in text.splitlines() if line.endswith("─")]
    assert [next(s for s in SECTIONS if r.startswith(s)) for r in rules] == list(SECTIONS)
    assert "│ Reasoning (thinking)" in text
    assert "$4,600 on Google AI Studio (Gemini API)" in text


def test_hostile_names_print_literally_not_as_markup(tmp_path: Path) -> None:
    text = _render(*hostile_comparison(tmp_path))
    assert text.splitlines()[0] == f"{HOSTILE} vs GPT-4o (2024-11-20)"
    assert f"{HOSTILE} provider" in text
    # Unescaped, rich would have eaten the tags and printed a bare "x".
    assert "| x `code`" not in text
