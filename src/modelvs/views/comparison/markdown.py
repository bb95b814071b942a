"""The comparison page as GitHub-flavoured Markdown: the sections of `ComparisonPage`, in order.

Computes nothing: every string is a field of the page, made inert by `escape.md`. What HTML
collapses (prices by route, history, sources) is written out in full.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from modelvs.views.blocks import Chart, Link, Table
from modelvs.views.comparison.page import ComparisonPage
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


def _sections(page: ComparisonPage, brief: bool) -> dict[str, list[str]]:
    a = page.answer
    rules = [] if brief else ["", "Use-case tags, each by a stated rule:", ""]
    rules += [] if brief else [f"- {md(r.label)}: {md(r.rule)}" for r in page.scorecard.tag_rules]
    out: dict[str, list[str]] = {
        "answer": [
            *((md(a.lifecycle), "") if a.lifecycle else ()),
            md(a.verdict),
            "",
            *(
                f"- {md(h.name)}: **{md(h.cost)}** {md(h.detail)}"
                + (f" ({md(h.saving)})" if h.saving else "")
                for h in a.headline
            ),
            "",
            md(a.workload),
            "",
            md(a.quality),
            "",
            "" if brief else md(page.form.flags),
            "",
            *bullets(a.choose),
        ],
        "scorecard": [*table(page.scorecard.table), *rules],
        "tradeoffs": bullets(page.tradeoffs),
        "monthly-cost": [
            *table(page.costs.table),
            "",
            *bullets(page.costs.sentences),
            "",
            *paragraph(page.costs.rules),
            *(line for c in page.costs.charts for line in ["", *chart(c)]),
        ],
        "switch": [
            line for s in page.switch for line in ["", f"### {md(s.heading)}", "", *bullets(s.bullets)]
        ],
        "specs": [*paragraph(page.specs.sentences), "", *table(page.specs.table)],
        "capabilities": [
            *paragraph(page.capabilities.sentences),
            "",
            *table(page.capabilities.table),
            "",
            *paragraph(page.capabilities.notes),
        ],
        "benchmarks": _benchmarks(page),
        "pricing": _pricing(page),
        "faq": [line for q in page.faq for line in ["", f"### {md(q.question)}", "", md(q.answer)]],
        "related": [*links(page.related.links), "", md(page.related.rule)],
        "sources": [*paragraph(page.sources.sentences), "", *table(page.sources.table)],
    }
    return out


def _benchmarks(page: ComparisonPage) -> list[str]:
    b = page.benchmarks
    out = paragraph(b.sentences)
    if b.table is not None:
        out += ["", *table(b.table)]
    for own in b.own:
        out += ["", f"### {md(own.title)}", "", *bullets(own.items)]
    if b.credits:
        out += ["", *paragraph(b.credits)]
    return out


def _pricing(page: ComparisonPage) -> list[str]:
    out = paragraph(page.pricing.sentences)
    for m in page.pricing.models:
        out += ["", f"### {md(m.summary)}", "", *table(m.current)]
        if m.history is not None:
            out += ["", *table(m.history)]
    return [*out, "", *bullets(page.pricing.fees)]


def comparison_markdown(page: ComparisonPage, *, brief: bool = False) -> str:
    """The page as Markdown; `brief` keeps only the verdict, headline costs and scorecard."""
    sections = _sections(page, brief)
    parts = [[f"# {md(page.title)}", "", *paragraph(page.intro)]]
    for heading in page.sections:
        if heading.id not in sections or (brief and heading.id not in BRIEF):
            continue
        body = sections[heading.id]
        parts.append([f"## {md(heading.title)}", "", *body])
    text = "\n\n".join("\n".join(p).strip("\n") for p in parts) + "\n"
    return re.sub(r"\n{3,}", "\n\n", text)
