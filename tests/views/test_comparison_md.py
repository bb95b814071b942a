"""Markdown comparison page: sections in the reference page's order, computed lines, escaping."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from modelvs.catalog import Catalog, load_catalog
from modelvs.engine.compare import compare, comparison_to_dict
from modelvs.engine.workload import DEFAULT_WORKLOAD
from modelvs.views.comparison_md import SECTIONS, comparison_markdown, md
from modelvs.views.comparison_tables import comparison_tables
from tests.views import HOSTILE, hostile_comparison

ON = dt.date(2026, 11, 24)
REFERENCE = ["google/gemini-3.1-pro-preview", "openai/gpt-4o-2024-11-20"]


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture(scope="module")
def page(catalog: Catalog) -> str:
    data = comparison_to_dict(compare(catalog, REFERENCE, DEFAULT_WORKLOAD, ON))
    return comparison_markdown(data, comparison_tables(catalog, data))


def test_sections_follow_the_reference_page_order(page: str) -> None:
    headings = [line[3:] for line in page.splitlines() if line.startswith("## ")]
    assert headings == list(SECTIONS)
    assert page.startswith(
        "# Gemini 3.1 Pro Preview vs GPT-4o (2024-11-20)\n\nGemini 3.1 Pro Preview is made"
    )


def test_intro_verdict_and_cost_lines(page: str) -> None:
    lines = page.splitlines()
    assert lines[2] == (
        "Gemini 3.1 Pro Preview is made by Google, released on 2026-02-19; GPT-4o (2024-11-20) is made by"
        " OpenAI, released on 2024-11-20. Costs are for 1,000,000 requests a month of 800 input and 250"
        " output tokens (800M in, 250M out)."
    )
    assert lines[lines.index("## Verdict") + 2] == (
        "At your traffic, Gemini 3.1 Pro Preview costs $4,600 a month on Google AI Studio (Gemini API) and"
        " GPT-4o (2024-11-20) costs $4,500 a month on OpenAI API: GPT-4o (2024-11-20) is $100 (2.2%) cheaper"
        " than Gemini 3.1 Pro Preview."
    )
    expected = [
        "| Monthly cost at your traffic | $4,600 | $4,500 | GPT-4o (2024-11-20) |",
        "| Input price per 1M tokens | $2 | $2.50 | Gemini 3.1 Pro Preview |",
        "| Output price per 1M tokens | $12 | $10 | GPT-4o (2024-11-20) |",
        "| If all traffic runs in batch mode | $2,300 on Google AI Studio (Gemini API)"
        " | $2,250 on OpenAI API |",
        "| Context window (tokens) | 1,048,576 | 128,000 |",
    ]
    assert [e for e in expected if e not in lines] == []


def test_pricing_shows_every_mode_and_tier_with_its_checked_date(page: str) -> None:
    lines = page.splitlines()
    assert (
        "| Google AI Studio (Gemini API) | standard | prompts over 200,000 tokens | $4 | $18 | $0.40 | — |"
        " per web search $0.014 | 2026-10-14 |" in lines
    )
    assert (
        "| Google AI Studio (Gemini API) | batch | prompts over 200,000 tokens | $2 | $9 | $0.40 | — |"
        " per web search $0.014 | 2026-10-14 |" in lines
    )
    assert (
        "| OpenAI API | priority | all requests | $4.25 | $17 | $2.125 | — | per web search $0.01"
        " | 2026-10-12 |" in lines
    )
    assert any(
        line.startswith("| OpenRouter | standard | all requests |") and "default $0.375" in line
        for line in lines
    )


def test_capabilities_are_tri_state_never_unknown_as_no(page: str) -> None:
    lines = page.splitlines()
    assert "| Reasoning (thinking) | yes | no | 2026-11-24 |" in lines
    assert "| Parallel tool calls | unknown | yes | 2026-11-24 |" in lines
    assert "| Computer use | unknown | unknown | — |" in lines
    section = page.split("## Capabilities")[1].split("## Benchmarks")[0]
    assert "No" not in section.replace("no source", "")


def test_sources_list_license_version_and_dates(page: str) -> None:
    sources = page.split("## Checked dates and sources")[1]
    read = load_catalog().sources["genai-prices"].retrieved  # the day of the last sync
    assert f"| genai-prices | 0.2.3 | MIT | {read} | 2026-10-12 to 2026-10-14 |" in sources
    assert f"| models.dev | 1.0.398 | MIT | {read} | none stated |" in sources


def test_md_escapes_everything_markdown_or_html_would_read() -> None:
    assert md("a|b") == "a\\|b"
    assert md("<b>") == "&lt;b&gt;"
    assert md("`x` [y](z) *w* _v_") == "\\`x\\` \\[y\\](z) \\*w\\* \\_v\\_"
    assert md("back\\slash\nnewline") == "back\\\\slash newline"


def _bare_pipes(line: str) -> int:
    return len(re.findall(r"(?<!\\)\|", line))


def test_hostile_names_are_escaped_everywhere(tmp_path: Path) -> None:
    page = comparison_markdown(*hostile_comparison(tmp_path))
    for raw in ("<script", "</script>", "[bold]", " `code`"):
        assert raw not in page
    assert page.count(md(HOSTILE)) > 10  # shown in title, tables, prose, FAQ, pricing
    tables = [line for line in page.splitlines() if line.startswith("|")]
    # A hostile `|` must not add a column: every row of a table has its header's column count.
    blocks: list[list[str]] = []
    for line in page.splitlines():
        if line.startswith("|"):
            if not blocks or not blocks[-1]:
                blocks.append([])
            blocks[-1].append(line)
        elif blocks and blocks[-1]:
            blocks.append([])
    assert tables
    for block in (b for b in blocks if b):
        assert len({_bare_pipes(line) for line in block}) == 1, block[0]
