"""The Markdown page: the view model's sections in order, its tables and sentences, escaped data."""

from __future__ import annotations

import re
from pathlib import Path

from markdown_it import MarkdownIt

from modelvs.views.comparison import SECTIONS, ComparisonPage
from modelvs.views.comparison.markdown import comparison_markdown
from modelvs.views.escape import md
from tests.views import HOSTILE, hostile_comparison


def test_sections_follow_the_page_and_html_only_navigation_is_left_out(reference: ComparisonPage) -> None:
    page = comparison_markdown(reference)
    headings = [line[3:] for line in page.splitlines() if line.startswith("## ")]
    assert headings == [h.title for h in SECTIONS if h.id != "popular"]
    assert page.startswith(
        "# Gemini 3.1 Pro Preview vs GPT-4o (2024-11-20)\n\nGemini 3.1 Pro Preview is made"
    )


def test_the_answer_comes_first_with_the_headline_costs(reference: ComparisonPage) -> None:
    lines = comparison_markdown(reference).splitlines()
    verdict = lines.index("## Verdict")
    # The deprecated model is said first.
    assert lines[verdict + 2] == (
        "Gemini 3.1 Pro Preview: in preview; GPT-4o (2024-11-20): deprecated, retires on 2027-01-14."
    )
    assert lines[verdict + 4] == (
        "GPT-4o (2024-11-20) is $100 (2.2%) a month cheaper than Gemini 3.1 Pro Preview at your traffic."
    )
    assert "- GPT-4o (2024-11-20): **$4,500** a month on OpenAI API" in lines[verdict:]
    assert lines.index("## Decision scorecard") > verdict
    assert "| Input price per 1M tokens | $2 | $2.50 | Gemini 3.1 Pro Preview |" in lines
    assert "| Output price per 1M tokens | $12 | $10 | GPT-4o (2024-11-20) |" in lines
    assert "| Context window (tokens) | 1,048,576 | 128,000 | Gemini 3.1 Pro Preview |" in lines


def test_brief_keeps_the_verdict_the_headline_costs_and_the_scorecard(reference: ComparisonPage) -> None:
    brief = comparison_markdown(reference, brief=True)
    assert [line for line in brief.splitlines() if line.startswith("## ")] == [
        "## Verdict",
        "## Decision scorecard",
    ]
    assert "**$4,600**" in brief
    assert "| Cache-read price per 1M tokens | $0.20 | $1.25 | Gemini 3.1 Pro Preview |" in brief


def test_popular_comparisons_are_listed_as_in_html(shipped: object) -> None:
    import dataclasses

    from modelvs.engine.compare import compare
    from modelvs.engine.workload import DEFAULT_WORKLOAD
    from modelvs.views.blocks import Link
    from modelvs.views.comparison import Shell, comparison_page
    from tests.views import ON
    from tests.views.conftest import REFERENCE

    c = compare(shipped, REFERENCE, DEFAULT_WORKLOAD, ON)  # type: ignore[arg-type]
    shell = Shell("/p", "/p", None, popular=(Link("/compare/a-vs-b", "A vs B"),))
    text = comparison_markdown(comparison_page(shipped, c, DEFAULT_WORKLOAD, shell))  # type: ignore[arg-type]
    assert "## Popular comparisons\n\n- [A vs B](/compare/a-vs-b)" in text
    assert dataclasses.is_dataclass(shell)


def test_prices_by_route_put_the_lab_first_and_name_each_source_once(reference: ComparisonPage) -> None:
    page = comparison_markdown(reference)
    pricing = page.split("## Prices by route")[1].split("## FAQ")[0]
    gemini = pricing.split("### Gemini 3.1 Pro Preview")[1].split("### GPT-4o")[0]
    current = gemini.split("| Provider | Route |")[1].split("**")[0]  # up to the history's caption
    rows = [line for line in current.splitlines() if line.startswith("| ")]
    assert rows[0].startswith(
        "| Google AI Studio (Gemini API) | lab's own API | standard | all requests | $2 | $12 |"
    )
    assert rows[1].startswith(
        "| Google AI Studio (Gemini API) | lab's own API | standard | prompts over 200,000 tokens"
        " | $4 | $18 | $0.40 |"
    )
    # Vetted routes before the rest, and each source named once, in the legend.
    trust = [r.split(" | ")[1] for r in rows]
    first_unvetted = next((i for i, t in enumerate(trust) if "not vetted" in t), len(trust))
    assert all("not vetted" in t for t in trust[first_unvetted:])
    legend = [line for line in current.splitlines() if line.startswith("- Source ")]
    names = [line.split(": ", 1)[1].split(" (")[0] for line in legend]
    assert len(names) == len(set(names)) >= 1
    assert not any("retrieved" in r for r in rows)  # the per-row date lives in the legend and on hover


def test_a_single_request_costs_enough_digits_and_one_request_reads_right(
    shipped: object, tmp_path: Path
) -> None:
    from modelvs.engine.workload import Profile, Workload
    from tests.views import page_of
    from tests.views.conftest import REFERENCE

    page = comparison_markdown(page_of(shipped, REFERENCE, Workload(1, (Profile(1000, 100),))))  # type: ignore[arg-type]
    assert "1 request a month" in page
    assert "1 requests" not in page
    assert "<$0.01" not in page
    assert "$0.0035" in page  # GPT-4o: 1,000 in at $2.50 and 100 out at $10 per 1M


def test_md_escapes_what_markdown_or_html_would_read() -> None:
    assert md("a|b") == "a\\|b"
    assert md("<b>") == "&lt;b&gt;"
    assert md("`x` [y](javascript:z) *w* _v_") == "\\`x\\` \\[y\\](javascript:z) \\*w\\* \\_v\\_"
    assert md("back\\slash\nnewline") == "back\\\\slash newline"
    assert md("- not a list") == "\\- not a list"
    assert md("1. not a list") == "1\\. not a list"
    assert md("# not a heading") == "\\# not a heading"


def test_hostile_names_stay_text_and_keep_every_table_whole(tmp_path: Path) -> None:
    text = comparison_markdown(hostile_comparison(tmp_path))
    for raw in ("<script", "</script>", "[bold]", " `code`"):
        assert raw not in text
    assert text.count(md(HOSTILE)) > 10
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    assert not [t for t in tokens if t.type in ("html_block", "html_inline")]
    inline = [c for t in tokens if t.children for c in t.children]
    assert not [c for c in inline if c.type in ("html_inline", "code_inline")]
    hrefs = [str(c.attrs.get("href")) for c in inline if c.type == "link_open"]
    assert all(h.startswith("/compare/") for h in hrefs)
    # A hostile `|` never adds a column: each row has as many cells as its table's header.
    widths: list[int] = []
    for t in tokens:
        if t.type == "tr_open":
            widths.append(0)
        elif t.type in ("th_open", "td_open"):
            widths[-1] += 1
        elif t.type == "table_close":
            assert len(set(widths)) == 1, widths
            widths = []
    assert re.search(r"^# .*vs GPT-4o \(2024-11-20\)$", text, flags=re.M)
