"""The comparison page in a terminal (rich): the Markdown page's sections, as tables and lines.

Every data string goes through `escape.terminal`: no terminal escape sequence from the data
reaches the terminal, and a name like `[bold]x[/bold]` prints as itself.
"""

from __future__ import annotations

from rich.console import Console
from rich.table import Table as RichTable

from modelvs.views.blocks import Table
from modelvs.views.comparison.markdown import BRIEF
from modelvs.views.comparison.page import ComparisonPage
from modelvs.views.escape import terminal


def _table(console: Console, t: Table) -> None:
    out = RichTable(*(terminal(h) for h in t.columns), title=terminal(t.caption), title_justify="left")
    for row in t.rows:
        out.add_row(*(terminal(c.text) for c in (row.head, *row.cells)))
    console.print(out)
    for s in t.sources:
        console.print(f"Source {s.number}: {terminal(s.text)}", highlight=False)


def _lines(console: Console, lines: tuple[str, ...] | list[str], bullet: str = "") -> None:
    for line in lines:
        console.print(f"{bullet}{terminal(line)}", highlight=False)


def _paragraph(console: Console, sentences: tuple[str, ...]) -> None:
    if sentences:
        _lines(console, [" ".join(sentences)])


def render_comparison_text(console: Console, page: ComparisonPage, *, brief: bool = False) -> None:
    """Print the page section by section; `brief`: the verdict, headline costs and scorecard."""
    console.print(f"[bold]{terminal(page.title)}[/]")
    _paragraph(console, page.intro)
    for heading in page.sections:
        if heading.id == "popular" or (brief and heading.id not in BRIEF):
            continue
        console.print()
        console.rule(f"[bold]{terminal(heading.title)}[/]", align="left")
        _section(console, page, heading.id, brief)


def _section(console: Console, page: ComparisonPage, sid: str, brief: bool) -> None:
    if sid == "answer":
        a = page.answer
        _lines(console, [a.lifecycle, a.verdict] if a.lifecycle else [a.verdict])
        _lines(
            console,
            [f"{h.name}: {h.cost} {h.detail}" + (f" ({h.saving})" if h.saving else "") for h in a.headline],
            "  ",
        )
        _lines(console, [a.workload] if brief else [a.workload, page.form.flags])
        _lines(console, [a.quality] if a.quality else [])
        _lines(console, a.choose, "- ")
    elif sid == "scorecard":
        _table(console, page.scorecard.table)
        if not brief:
            _lines(console, [f"{r.label}: {r.rule}" for r in page.scorecard.tag_rules], "tag ")
    elif sid == "tradeoffs":
        _lines(console, page.tradeoffs, "- ")
    elif sid == "monthly-cost":
        _table(console, page.costs.table)
        _lines(console, page.costs.sentences, "- ")
        _paragraph(console, page.costs.rules)
        for chart in page.costs.charts:
            console.print(f"[bold]{terminal(chart.title)}[/]")
            _lines(console, [chart.caption])
            _table(console, chart.table)
    elif sid == "switch":
        for s in page.switch:
            console.print(f"[bold]{terminal(s.heading)}[/]")
            _lines(console, s.bullets, "- ")
    elif sid in ("specs", "capabilities"):
        topic = page.specs if sid == "specs" else page.capabilities
        _paragraph(console, topic.sentences)
        _table(console, topic.table)
        _paragraph(console, topic.notes)
    elif sid == "benchmarks":
        b = page.benchmarks
        _paragraph(console, b.sentences)
        if b.table is not None:
            _table(console, b.table)
        for own in b.own:
            console.print(f"[bold]{terminal(own.title)}[/]")
            _lines(console, own.items, "- ")
        _paragraph(console, b.credits)
    elif sid == "pricing":
        _paragraph(console, page.pricing.sentences)
        for m in page.pricing.models:
            _table(console, m.current)
            if m.history is not None:
                _table(console, m.history)
        _lines(console, page.pricing.fees, "- ")
    elif sid == "faq":
        for q in page.faq:
            console.print(f"[bold]{terminal(q.question)}[/]")
            _lines(console, [q.answer])
    elif sid == "related":
        _lines(console, [f"{x.title} ({x.url}) {x.note}".rstrip() for x in page.related.links], "- ")
        _lines(console, [page.related.rule])
    elif sid == "sources":
        _paragraph(console, page.sources.sentences)
        _table(console, page.sources.table)
