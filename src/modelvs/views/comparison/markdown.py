"""The comparison page as GitHub-flavoured Markdown: the sections of `ComparisonPage`, in order.

Computes nothing: every string is a field of the page, made inert by `escape.md`. What HTML
collapses (the deep dive, prices by route, history, sources) is written out in full.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from modelvs.views.blocks import Chart, Link, Table
from modelvs.views.comparison.page import (
    Answer,
    Benchmarks,
    ComparisonPage,
    CostSection,
    DeepDive,
    Pricing,
    Scorecard,
    SwitchSection,
    Topic,
)
from modelvs.views.escape import md

BRIEF = ("answer", "scorecard")
"""The sections `--brief` keeps: the verdict with the headline costs, and the scorecard."""


def table(t: Table) -> list[str]:
    """A table with its caption above and its source legend below."""
    lines = [f"**{md(t.caption)}**", ""]
    lines += ["| " + " | ".join(md(h) for h in t.columns) + " |", "|" + "---|" * len(t.columns)]
    lines += ["| " + " | ".join(md(c.text) for c in (r.head, *r.cells)) + " |" for r in t.rows]
    if t.sources:
        lines += ["", *(f"- Source {s.number}: {md(s.text)}" for s in t.sources)]
    return lines


def bullets(items: tuple[str, ...] | list[str]) -> list[str]:
    return [f"- {md(i)}" for i in items]


def paragraph(sentences: tuple[str, ...]) -> list[str]:
    return [md(" ".join(sentences))] if sentences else []


def links(items: tuple[Link, ...]) -> list[str]:
    out = []
    for link in items:
        note = f" {md(link.note)}" if link.note else ""
        out.append(f"- [{md(link.title)}]({quote(link.url, safe='/-._~')}){note}")
    return out


def chart(c: Chart) -> list[str]:
    return [f"### {md(c.title)}", "", md(c.caption), "", *table(c.table)]


def _answer(a: Answer, brief: bool) -> list[str]:
    return [
        *((md(a.lifecycle), "") if a.lifecycle else ()),
        md(a.verdict),
        "",
        *(
            f"- {md(h.name)}: **{md(h.cost)}** {md(h.detail)}" + (f" ({md(h.saving)})" if h.saving else "")
            for h in a.headline
        ),
        "",
        md(a.workload),
        "",
        md(a.quality),
        "",
        "" if brief else md(a.flags),
    ]


def _scorecard(s: Scorecard, brief: bool) -> list[str]:
    rules = [] if brief else ["", "Use-case tags, each by a stated rule:", ""]
    rules += [] if brief else [f"- {md(r.label)}: {md(r.rule)}" for r in s.tag_rules]
    return [*table(s.table), *rules]


def _costs(c: CostSection, brief: bool) -> list[str]:
    return [*table(c.table), "", *paragraph(c.rules), *(["", *chart(c.chart)] if c.chart else [])]


def _switch(s: SwitchSection, brief: bool) -> list[str]:
    return [line for d in s.directions for line in ["", f"### {md(d.heading)}", "", *bullets(d.bullets)]]


def _deep_dive(d: DeepDive, brief: bool) -> list[str]:
    out = [line for p in d.paragraphs for line in [f"### {md(p.title)}", "", *bullets(p.sentences), ""]]
    return out + [line for c in d.charts for line in ["", *chart(c)]]


def _topic(t: Topic, brief: bool) -> list[str]:
    return [*paragraph(t.sentences), "", *table(t.table), "", *paragraph(t.notes)]


def _benchmarks(b: Benchmarks, brief: bool) -> list[str]:
    out = paragraph(b.sentences)
    if b.table is not None:
        out += ["", *table(b.table)]
    for own in b.own:
        out += ["", f"### {md(own.title)}", "", *bullets(own.items)]
    if b.credits:
        out += ["", *paragraph(b.credits)]
    return out


def _pricing(p: Pricing, brief: bool) -> list[str]:
    out = paragraph(p.sentences)
    for m in p.models:
        out += ["", f"### {md(m.summary)}", "", *table(m.current)]
        if m.history is not None:
            out += ["", *table(m.history)]
    return [*out, "", *bullets(p.fees)]


RENDER: dict[str, Callable[[Any, bool], list[str]]] = {
    "answer": _answer,
    "scorecard": _scorecard,
    "tradeoffs": lambda t, brief: bullets(t.bullets),
    "monthly-cost": _costs,
    "switch": _switch,
    "faq": lambda f, brief: [
        line for q in f.questions for line in ["", f"### {md(q.question)}", "", md(q.answer)]
    ],
    "deep-dive": _deep_dive,
    "specs": _topic,
    "capabilities": _topic,
    "benchmarks": _benchmarks,
    "pricing": _pricing,
    "related": lambda r, brief: [*links(r.links), "", md(r.rule)],
    "popular": lambda p, brief: links(p.links),
    "sources": lambda s, brief: [*paragraph(s.sentences), "", *table(s.table)],
}
"""Each section's lines, by section id (`sections.SECTIONS`)."""


def comparison_markdown(page: ComparisonPage, *, brief: bool = False) -> str:
    """The page as Markdown; `brief` keeps only the verdict, headline costs and scorecard."""
    parts = [[f"# {md(page.title)}", "", *paragraph(page.intro)]]
    for section in page.sections:
        if brief and section.id not in BRIEF:
            continue
        parts.append([f"## {md(section.title)}", "", *RENDER[section.id](section.body, brief)])
    text = "\n\n".join("\n".join(p).strip("\n") for p in parts) + "\n"
    return re.sub(r"\n{3,}", "\n\n", text)
