"""Text and Markdown renderings for the command line: tables of text cells, and the model view.

A command's text is a list of blocks (`TextLine`, `TextTable`) that the CLI prints either as plain
aligned text (`aligned`: every cell whole, for pipes) or as rich tables in a terminal. Values are
worded as a reader writes them: labels, not field names (`Context window`, not `context_window`),
`yes`/`no`, not `True`/`False`, `1,050,000 tokens`, `cache read $0.50`.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from modelvs.formatting import tokens, usd
from modelvs.views.escape import clean, md
from modelvs.views.fact_text import fact_label, fact_text

if TYPE_CHECKING:
    from modelvs.views.blocks import Table
    from modelvs.views.comparison.page import ComparisonPage

GAP = "  "
"""Between two columns of an aligned table."""


@dataclass(frozen=True)
class TextLine:
    """A line of text: a title, a sentence, a footnote."""

    text: str
    strong: bool = False
    """A title: bold in a terminal."""


@dataclass(frozen=True)
class TextTable:
    """A table of text cells as a command prints it."""

    headers: tuple[str, ...]
    rows: Sequence[Sequence[str]]
    title: str = ""
    keep: frozenset[int] = frozenset()
    """Columns a terminal must never wrap (an id the next command takes)."""
    right: frozenset[int] = frozenset()
    """Columns aligned right (amounts, counts)."""


TextBlock = TextLine | TextTable


def aligned(table: TextTable) -> list[str]:
    """`table` as plain lines: its title, the headings, then each row, columns as wide as their
    widest cell and `GAP` apart; no cell is ever cut or wrapped, and each is one line."""
    rows = [[clean(c) for c in table.headers], *([clean(c) for c in row] for row in table.rows)]
    columns = max(len(row) for row in rows)
    widths = [max((width(row[i]) for row in rows if i < len(row)), default=0) for i in range(columns)]
    out = [clean(table.title)] if table.title else []
    for row in rows:
        cells = []
        for i, cell in enumerate(row):
            pad = " " * (widths[i] - width(cell))
            cells.append(pad + cell if i in table.right else cell + pad)
        out.append(GAP.join(cells).rstrip())
    return out


def width(text: str) -> int:
    """Columns `text` takes in a terminal: a wide (East Asian) character two, a combining mark none."""
    if text.isascii():
        return len(text)
    return sum(_char_width(ch) for ch in text)


def _char_width(ch: str) -> int:
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def block_table(table: Table) -> TextTable:
    """A view model's table (`views.blocks.Table`: the row heading first) as text cells."""
    return TextTable(
        tuple(table.columns), [(r.head.text, *(c.text for c in r.cells)) for r in table.rows], table.caption
    )


def comparison_answer(page: ComparisonPage) -> list[TextBlock]:
    """What a comparison says first: the verdict with each model's headline cost, the workload
    it is for, and the scorecard with its sources."""
    from modelvs.views.comparison.page import Answer, Scorecard

    a = page.get("answer", Answer)
    card = page.get("scorecard", Scorecard)
    blocks: list[TextBlock] = [TextLine(page.title, strong=True)]
    blocks += [TextLine(a.lifecycle)] if a.lifecycle else []
    blocks.append(TextLine(a.verdict))
    blocks += [
        TextLine(f"  {h.name}: {h.cost} {h.detail}" + (f" ({h.saving})" if h.saving else ""))
        for h in a.headline
    ]
    blocks.append(TextLine(a.workload))
    blocks += [TextLine(a.quality)] if a.quality else []
    blocks.append(block_table(card.table))
    blocks += [TextLine(f"Source {s.number}: {s.text}") for s in card.table.sources]
    return blocks


def model_text(view: dict[str, Any]) -> list[TextBlock]:
    """A model view (`views.model.model_view`) as text blocks: facts, capabilities, where sources
    disagree, then routes and prices."""
    name = view["facts"][0]["value"]
    blocks: list[TextBlock] = [TextLine(f"{name}  {view['id']}  ({view['lab']['name']})", strong=True)]
    if view.get("lifecycle"):
        blocks.append(TextLine(f"Status: {view['lifecycle']}."))
    blocks.append(
        TextTable(
            ("fact", "value", "source"),
            [
                (fact_label(r["field"]), fact_text(r["field"], r["value"]), _src(r["source"]))
                for r in view["facts"]
            ],
            "Facts",
        )
    )
    blocks.append(
        TextTable(
            ("capability", "value", "source"),
            [(r["label"], r["value"], _src(r["source"])) for r in view["capabilities"]],
            "Capabilities (unknown: no source says)",
        )
    )
    blocks += [TextLine(line) for line in disagreements(view)]
    rows = []
    for route in view["routes"]:
        provider = route["provider"]["name"]
        if not route["prices"]:
            rows.append((provider, "-", "", "not priced", "", ""))
        for s in route["prices"]:
            rows.append(
                (
                    provider,
                    s["mode"],
                    s["effective_from"] or "",
                    rates_text(s["per_1m_tokens"]),
                    tiers_text(s["tiers"]),
                    _src(s["source"]),
                )
            )
    blocks.append(
        TextTable(("provider", "mode", "from", "per 1M tokens", "tiers", "source"), rows, "Routes and prices")
    )
    return blocks


def _fact_row(row: dict[str, Any]) -> tuple[str, str, str]:
    return fact_label(row["field"]), fact_text(row["field"], row["value"]), _src(row["source"])


def disagreements(view: dict[str, Any]) -> list[str]:
    """`Sources disagree on Context window: genai-prices 0.2.5, 2026-12-05 says 1,000,000 tokens.`,
    once per field, value and source."""
    lines: list[str] = []
    for alt in view["alternatives"]:
        field = alt["field"]
        line = (
            f"Sources disagree on {field_label(field)}: {_src(alt['source'])} says "
            f"{fact_text(field.rpartition('.')[2], alt['value'])}."
        )
        if line not in lines:
            lines.append(line)
    return lines


def field_label(path: str) -> str:
    """A field as a reader names it: `capabilities.temperature` -> `Temperature control`,
    `context_window` -> `Context window`."""
    from modelvs.schema.vocab import CAPABILITY_LABELS, Capability

    head, _, leaf = path.rpartition(".")
    if head == "capabilities" and leaf in Capability.__members__.values():
        return CAPABILITY_LABELS[Capability(leaf)]
    return fact_label(leaf) if not head else f"{fact_label(head)}, {fact_label(leaf).lower()}"


def component_label(component: str) -> str:
    """A price component as a reader names it: `cache_read` -> `cache read`,
    `cache_write_5m` -> `cache write (5m)`."""
    if component.startswith("cache_write_"):
        return f"cache write ({component.removeprefix('cache_write_')})"
    return component.replace("_", " ")


def rates_text(rates: dict[str, str]) -> str:
    """`input $5, output $30, cache read $0.50`."""
    return ", ".join(f"{component_label(k)} {usd(v)}" for k, v in rates.items())


def tiers_text(tiers: list[dict[str, Any]]) -> str:
    """`>272k: input $10, output $45`; tiers apart by `; `."""
    return "; ".join(
        f"{t['comparison']}{tokens(t['above'])}: {rates_text(t['per_1m_tokens'])}" for t in tiers
    )


def model_markdown(view: dict[str, Any]) -> str:
    """The model view as GitHub-flavoured Markdown."""
    lines = [f"# {md(view['facts'][0]['value'])}", "", f"{md(view['id'])} by {md(view['lab']['name'])}", ""]
    lines += ["| Fact | Value | Source |", "|---|---|---|"]
    lines += ["| " + " | ".join(md(cell) for cell in _fact_row(r)) + " |" for r in view["facts"]]
    lines += ["", "| Capability | Value | Source |", "|---|---|---|"]
    lines += [f"| {md(r['label'])} | {r['value']} | {md(_src(r['source']))} |" for r in view["capabilities"]]
    found = disagreements(view)
    if found:
        lines += ["", *(f"- {md(line)}" for line in found)]
    lines += ["", "| Provider | Mode | Per 1M tokens | Tiers | Source |", "|---|---|---|---|---|"]
    for route in view["routes"]:
        for s in route["prices"]:
            lines.append(
                f"| {md(route['provider']['name'])} | {md(s['mode'])} | {md(rates_text(s['per_1m_tokens']))} "
                f"| {md(tiers_text(s['tiers']))} | {md(_src(s['source']))} |"
            )
    return "\n".join(lines) + "\n"


def _src(ref: dict[str, Any] | None) -> str:
    if ref is None:
        return ""
    date = ref["checked"] or ref["retrieved"]
    return f"{ref['name']}, {date}"
