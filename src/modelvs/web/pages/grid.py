"""A `views.blocks.Table` as HTML: the site's one table markup, built in Python.

A comparison page prints some fifteen tables; as a template macro they were half of a cache
miss. Tables the views memoise (every route's prices) are rendered once and their HTML kept,
keyed by the table object itself; a table equal to one printed before (the sources a new workload
cites again) is found by its value. A new workload reprints only the tables that changed.
"""

from __future__ import annotations

import weakref

from markupsafe import Markup, escape

from modelvs.views.blocks import Cell, Table
from modelvs.views.escape import clean

_KEPT = 2048
"""Rendered tables kept; past it the memo starts again (memoised tables are few per catalog)."""
_rendered: dict[int, tuple[weakref.ref[Table], Markup]] = {}
_EQUAL_KEPT = 256
"""Tables kept by value (each workload's own tables pass through it too); past it, start again."""
_equal: dict[Table, Markup] = {}


def html_text(value: str) -> str:
    """`value` as a template prints it: cleaned (`escape.clean`), then HTML-escaped; a plain `str`
    (`str + Markup` would escape the `str` again)."""
    return str(escape(clean(value)))


def _cell(tag: str, cell: Cell, scope: str | None = None, label: str = "", narrow: bool = False) -> str:
    attrs = f' scope="{scope}"' if scope else ""
    attrs += label
    if tag == "td":  # a row header is styled as a header only
        marks = (
            "lead" if cell.lead else "",
            f"v-{html_text(cell.state)}" if cell.state else "",
            "src" if cell.source else "",
            "hide-phone" if narrow else "",
        )
        if any(marks):
            attrs += f' class="{" ".join(m for m in marks if m)}"'
    if cell.note:
        attrs += f' title="{html_text(cell.note)}"'
    body = html_text(cell.text)
    if cell.href:
        body = f'<a href="{html_text(cell.href)}">{body}</a>'
    return f"<{tag}{attrs}>{body}</{tag}>"


def _render(t: Table) -> str:
    caption = html_text(t.caption)
    # On a phone a table of more than three columns is stacked (each row a block, each cell named
    # by its `data-label`), and its `narrow` columns are left out: it never scrolls sideways.
    hide = ' class="hide-phone"'
    labels = [
        (f' data-label="{html_text(h)}"', h in t.narrow) if t.labelled else ("", False) for h in t.columns[1:]
    ]
    stack = ' class="stack"' if len(t.columns) > 3 else ""
    out = [
        f'<div class="table-wrap" tabindex="0" role="region" aria-label="{caption}">',
        f'<table id="{html_text(t.id)}"{stack}>',
        f"  <caption>{caption}</caption>",
        "  <thead><tr>"
        + "".join(
            f'<th scope="col"{hide if h in t.narrow and t.labelled else ""}>{html_text(h)}</th>'
            for h in t.columns
        )
        + "</tr></thead>",
        "  <tbody>",
    ]
    for r in t.rows:
        cells = "".join(_cell("td", c, None, lab, n) for c, (lab, n) in zip(r.cells, labels, strict=False))
        out.append("    <tr>" + _cell("th", r.head, "row") + cells + "</tr>")
    out += ["  </tbody>", "</table>", "</div>"]
    if t.sources:
        out.append(f'<ul class="legend" aria-label="Sources of {caption}">')
        for s in t.sources:
            text = html_text(s.text)
            link = f'<a href="{html_text(s.url)}" rel="nofollow noopener">{text}</a>' if s.url else text
            out.append(f"  <li>Source {s.number}: {link}</li>")
        out.append("</ul>")
    return "\n".join(out)


def grid(t: Table) -> Markup:
    """The table's HTML (every text escaped), from the memo when this table, or one equal to it,
    was printed."""
    kept = _rendered.get(id(t))
    if kept is not None and kept[0]() is t:
        return kept[1]
    html = _equal.get(t)  # a table holds only text: equal tables print the same
    if html is None:
        html = Markup(_render(t))
        if len(_equal) >= _EQUAL_KEPT:
            _equal.clear()
        _equal[t] = html
    if len(_rendered) >= _KEPT:
        _rendered.clear()
    _rendered[id(t)] = (weakref.ref(t), html)
    return html
