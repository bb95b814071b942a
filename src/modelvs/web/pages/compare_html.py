"""The sections of a comparison page (`views.comparison.page.ComparisonPage`) in HTML, built in
Python: one function per section, found by the section's id (`views.comparison.sections.SECTIONS`),
as `markdown.py` and `text.py` find theirs.

They read the page's fields only; every sentence and label comes from it. A section that is not
`open` is collapsed: one click away. As template macros, the live sections were a fifth of a cache
miss; the markup is the one they printed, byte for byte, every text escaped as the templates
escape it (`clean`, then HTML escaping). The templates call `section` (a global of the app's
template environment).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from markupsafe import Markup, escape

from modelvs.views import svg
from modelvs.views.escape import clean
from modelvs.web.pages.grid import grid


def _t(value: object) -> str:
    """A value as the templates print it: markup the app built as it is, anything else cleaned
    (`escape.clean`) and escaped. Plain `str` out, as every piece here: `str + Markup` would
    escape the `str`."""
    if isinstance(value, Markup):
        return str(value)
    return str(escape(clean(value) if isinstance(value, str) else value))


def _joined(items: Iterable[object]) -> str:
    """`items | join(" ")` printed: the items joined, then cleaned and escaped as one text."""
    return _t(" ".join(str(i) for i in items))


def _sentences(items: tuple[str, ...], klass: str = "") -> str:
    if not items:
        return ""
    attr = f' class="{_t(klass)}"' if klass else ""
    return f"<p{attr}>{_joined(items)}</p>"


def _bullets(items: tuple[str, ...], klass: str = "") -> str:
    if not items:
        return ""
    attr = f' class="{_t(klass)}"' if klass else ""
    return f"<ul{attr}>" + "".join(f"<li>{_t(i)}</li>" for i in items) + "</ul>"


def figure(chart: Any) -> Markup:
    """A chart (`views.blocks.Chart`): its SVG, its caption, and its figures as a table (every text
    in the SVG escaped by `svg`)."""
    return Markup(_figure(chart))


def _figure(chart: Any) -> str:
    return (
        f'<figure class="chart" id="{_t(chart.id)}-figure">\n'
        f"  <h3>{_t(chart.title)}</h3>\n"
        f"  {svg.render(chart)}\n"
        f"  <figcaption>{_t(chart.caption)}</figcaption>\n"
        f"  <details><summary>The figures</summary>{grid(chart.table)}</details>\n"
        "</figure>"
    )  # fmt: skip


def _pair_links(links: tuple[Any, ...], label: str) -> str:
    if not links:
        return "\n<p>No comparisons to list yet.</p>"
    items = "".join(
        f'\n  <li><a href="{_t(p.url)}">{_t(p.title)}</a>'
        + (f' <span class="note">{_t(p.note)}</span>' if p.note else "")
        + "</li>"
        for p in links
    )
    return f'\n<ul class="pairs" aria-label="{_t(label)}">{items}\n</ul>'


def _answer(a: Any) -> str:
    out = f'\n  <p class="lifecycle" role="note">{_t(a.lifecycle)}</p>' if a.lifecycle else ""
    out += f'\n  <p class="verdict">{_t(a.verdict)}</p>\n  <ul class="headline">'
    for h in a.headline:
        lead = ' class="lead"' if h.lead else ""
        saving = f' <span class="saving">({_t(h.saving)})</span>' if h.saving else ""
        out += (
            f'\n    <li{lead}><span class="model">{_t(h.name)}</span>: <strong>{_t(h.cost)}</strong>'
            f" {_t(h.detail)}{saving}</li>"
        )
    out += f'\n  </ul>\n  <p class="workload-stated">{_t(a.workload)}</p>'
    return out + (f'\n  <p class="quality">{_t(a.quality)}</p>' if a.quality else "")


def _scorecard(s: Any) -> str:
    rules = "".join(f"<li>{_t(r.label)}: {_t(r.rule)}</li>" for r in s.tag_rules)
    return f"{grid(s.table)}\n  <details><summary>Tag rules</summary>\n  <ul>{rules}</ul>\n  </details>"


def _tradeoffs(t: Any) -> str:
    return _bullets(t.bullets)


def _monthly_cost(c: Any) -> str:
    out = str(grid(c.table)) + (_figure(c.chart) if c.chart else "")
    if c.rules:
        out += (
            '\n  <details class="rule"><summary>How each headline route is chosen</summary>'
            f"{_sentences(c.rules)}</details>"
        )
    return out


def _switch(s: Any) -> str:
    return "".join(f"\n  <h3>{_t(d.heading)}</h3>\n  {_bullets(d.bullets)}" for d in s.directions)


def _faq(f: Any) -> str:
    questions = "".join(
        f'\n    <dt id="faq-{_t(q.id)}">{_t(q.question)}</dt><dd>{_t(q.answer)}</dd>' for q in f.questions
    )
    return f'<dl class="faq">{questions}\n  </dl>'


def _deep_dive(d: Any) -> str:
    out = "".join(f"\n  <h3>{_t(p.title)}</h3>\n  {_bullets(p.sentences, 'facts')}" for p in d.paragraphs)
    return out + '\n  <div class="charts">' + "".join(_figure(c) for c in d.charts) + "</div>"


def _topic(t: Any) -> str:
    return f"{_sentences(t.sentences)}\n  {grid(t.table)}\n  {_sentences(t.notes, 'rule')}"


def _benchmarks(b: Any) -> str:
    out = _sentences(b.sentences) + (str(grid(b.table)) if b.table else "")
    out += "".join(f"\n  <h3>{_t(own.title)}</h3>\n  {_bullets(own.items)}" for own in b.own)
    return out + f"\n  {_sentences(b.credits, 'credit')}"


def _pricing(p: Any) -> str:
    out = _sentences(p.sentences)
    for i, m in enumerate(p.models, start=1):
        out += (
            f'\n  <details class="prices" id="prices-{i}">\n    <summary>{_t(m.summary)}</summary>\n    '
            f"{grid(m.current)}"
        )
        if m.history:
            out += (
                f'\n    <details class="history"><summary>{_t(m.history.caption)}</summary>'
                f"{grid(m.history)}</details>"
            )
        out += "\n  </details>"
    return out + f"\n  {_bullets(p.fees, 'fees')}"


def _related(r: Any) -> str:
    out = _pair_links(r.links, "Related comparisons")
    if r.rule:
        out += f'<details><summary>How these are chosen</summary><p class="rule">{_t(r.rule)}</p></details>'
    return out


def _popular(p: Any) -> str:
    return _pair_links(p.links, "Popular comparisons")


def _checked_sources(s: Any) -> str:
    return f"{_sentences(s.sentences)}\n  {grid(s.table)}"


BODIES: dict[str, Callable[[Any], str]] = {
    "answer": _answer,
    "scorecard": _scorecard,
    "tradeoffs": _tradeoffs,
    "monthly-cost": _monthly_cost,
    "switch": _switch,
    "faq": _faq,
    "deep-dive": _deep_dive,
    "specs": _topic,
    "capabilities": _topic,
    "benchmarks": _benchmarks,
    "pricing": _pricing,
    "related": _related,
    "popular": _popular,
    "sources": _checked_sources,
}
"""Each section's body, by the section's id."""


def section(s: Any) -> Markup:
    """A section of the page (`views.comparison.page.Section`) as HTML."""
    sid = _t(s.id)
    live = " data-live" if s.live else ""
    build = BODIES.get(s.id)
    body = build(s.body) if build is not None else ""
    title = _t(s.title)
    if s.open:
        inner = f'\n  <h2 id="{sid}-h">{title}</h2>\n  {body}'
    else:
        heading = f'<summary><h2 id="{sid}-h">{title}</h2></summary>'
        inner = f'\n  <details class="section">{heading}\n  {body}\n  </details>'
    return Markup(f'<section id="{sid}" aria-labelledby="{sid}-h"{live}>{inner}\n</section>')
