"""The comparison page in a terminal (rich): the Markdown page's sections, as tables and lines.

Every data string goes through `escape.terminal`: no terminal escape sequence from the data
reaches the terminal, and a name like `[bold]x[/bold]` prints as itself.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.console import Console
from rich.table import Table as RichTable

from modelvs.views.blocks import Chart, Link, Table
from modelvs.views.comparison.markdown import BRIEF
from modelvs.views.comparison.page import (
    Answer,
    Benchmarks,
    ComparisonPage,
    CostSection,
    DeepDive,
    Faq,
    Pricing,
    Related,
    Scorecard,
    Sources,
    SwitchSection,
    Topic,
)
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


def _answer(console: Console, a: Answer, brief: bool) -> None:
    _lines(console, [a.lifecycle, a.verdict] if a.lifecycle else [a.verdict])
    _lines(
        console,
        [f"{h.name}: {h.cost} {h.detail}" + (f" ({h.saving})" if h.saving else "") for h in a.headline],
        "  ",
    )
    _lines(console, [a.workload] if brief else [a.workload, a.flags])
    _lines(console, [a.quality] if a.quality else [])


def _scorecard(console: Console, s: Scorecard, brief: bool) -> None:
    _table(console, s.table)
    if not brief:
        _lines(console, [f"{r.label}: {r.rule}" for r in s.tag_rules], "tag ")


def _chart(console: Console, chart: Chart) -> None:
    console.print(f"[bold]{terminal(chart.title)}[/]")
    _lines(console, [chart.caption])
    _table(console, chart.table)


def _costs(console: Console, c: CostSection, brief: bool) -> None:
    _table(console, c.table)
    _paragraph(console, c.rules)
    if c.chart is not None:
        _chart(console, c.chart)


def _switch(console: Console, s: SwitchSection, brief: bool) -> None:
    for d in s.directions:
        console.print(f"[bold]{terminal(d.heading)}[/]")
        _lines(console, d.bullets, "- ")


def _faq(console: Console, f: Faq, brief: bool) -> None:
    for q in f.questions:
        console.print(f"[bold]{terminal(q.question)}[/]")
        _lines(console, [q.answer])


def _deep_dive(console: Console, d: DeepDive, brief: bool) -> None:
    for p in d.paragraphs:
        console.print(f"[bold]{terminal(p.title)}[/]")
        _lines(console, p.sentences, "- ")
    for chart in d.charts:
        _chart(console, chart)


def _topic(console: Console, t: Topic, brief: bool) -> None:
    _paragraph(console, t.sentences)
    _table(console, t.table)
    _paragraph(console, t.notes)


def _benchmarks(console: Console, b: Benchmarks, brief: bool) -> None:
    _paragraph(console, b.sentences)
    if b.table is not None:
        _table(console, b.table)
    for own in b.own:
        console.print(f"[bold]{terminal(own.title)}[/]")
        _lines(console, own.items, "- ")
    _paragraph(console, b.credits)


def _pricing(console: Console, p: Pricing, brief: bool) -> None:
    _paragraph(console, p.sentences)
    for m in p.models:
        _table(console, m.current)
        if m.history is not None:
            _table(console, m.history)
    _lines(console, p.fees, "- ")


def _links(console: Console, links: tuple[Link, ...]) -> None:
    _lines(console, [f"{x.title} ({x.url}) {x.note}".rstrip() for x in links], "- ")


def _related(console: Console, r: Related, brief: bool) -> None:
    _links(console, r.links)
    _lines(console, [r.rule])


def _sources(console: Console, s: Sources, brief: bool) -> None:
    _paragraph(console, s.sentences)
    _table(console, s.table)


RENDER: dict[str, Callable[[Console, Any, bool], None]] = {
    "answer": _answer,
    "scorecard": _scorecard,
    "tradeoffs": lambda console, t, brief: _lines(console, t.bullets, "- "),
    "monthly-cost": _costs,
    "switch": _switch,
    "faq": _faq,
    "deep-dive": _deep_dive,
    "specs": _topic,
    "capabilities": _topic,
    "benchmarks": _benchmarks,
    "pricing": _pricing,
    "related": _related,
    "popular": lambda console, p, brief: _links(console, p.links),
    "sources": _sources,
}
"""Each section's lines, by section id (`sections.SECTIONS`)."""


def render_comparison_text(console: Console, page: ComparisonPage, *, brief: bool = False) -> None:
    """Print the page section by section; `brief`: the verdict, headline costs and scorecard."""
    console.print(f"[bold]{terminal(page.title)}[/]")
    _paragraph(console, page.intro)
    for section in page.sections:
        if brief and section.id not in BRIEF:
            continue
        console.print()
        console.rule(f"[bold]{terminal(section.title)}[/]", align="left")
        RENDER[section.id](console, section.body, brief)
