"""A re-priced log in words and tables: the one wording the terminal, Markdown, CSV and the web
page print. Built from the JSON record (`records.RepriceView`); strings from the log stay data
(each renderer escapes them for its medium).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from modelvs.formatting import count, money, percent, plural
from modelvs.usage import FORMAT_BY_NAME
from modelvs.views.escape import clean, md

LISTED = 20
"""Rows not priced that the text report lists (the JSON lists more, and counts all)."""


@dataclass(frozen=True)
class TextTable:
    id: str
    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Report:
    title: str
    summary: tuple[str, ...]
    tables: tuple[TextTable, ...]
    notes: tuple[str, ...]


def usd(value: str | Decimal | None) -> str:
    return "—" if value is None else money(value)


def signed(value: str | Decimal) -> str:
    amount = Decimal(value)
    if amount == 0:
        return "$0"
    return ("+" if amount > 0 else "−") + money(amount)


def change(before: str | Decimal, after: str | Decimal) -> str:
    """`+$12.40 (+8.2%)`: after against before."""
    first, second = Decimal(before), Decimal(after)
    text = signed(second - first)
    if first:
        share = (second - first) / first
        text += f" ({'+' if share > 0 else '−' if share < 0 else ''}{percent(abs(share))})"
    return text


def report(view: dict[str, Any]) -> Report:
    """The words and tables of a re-priced log (`view` is a `RepriceView`)."""
    fmt = FORMAT_BY_NAME.get(view["format"])
    title = fmt.title if fmt is not None else "CSV read through a column map"
    span = ""
    if view["first_day"]:
        span = (
            view["first_day"]
            if view["first_day"] == view["last_day"]
            else f"{view['first_day']} to {view['last_day']}"
        )
    summary = [
        f"{plural(view['rows'], 'row')} ({plural(view['requests'], 'request')}) of {title}"
        + (f", {span}" if span else "")
        + ".",
        f"Re-priced as logged: {usd(view['repriced_total'])} for {plural(view['priced_rows'], 'row')}, "
        "each on the model and provider it names, at the prices of its day.",
    ]
    if view["reported_total"] is not None:
        line = f"The log reports {usd(view['reported_total'])}."
        diff = view["difference"]
        if diff is not None:
            line += (
                f" On the {plural(diff['rows'], 'row')} priced that report a cost: reported"
                f" {usd(diff['before'])}, re-priced {usd(diff['after'])}, a difference of"
                f" {change(diff['before'], diff['after'])}."
            )
        summary.append(line)
    if view["unpriced_rows"]:
        reasons = "; ".join(f"{r['reason']} ({count(r['rows'])})" for r in view["unpriced_reasons"][:5])
        summary.append(
            f"{plural(view['unpriced_rows'], 'row')} could not be priced, never counted as $0: {reasons}."
        )
    tables = [_models(view)]
    if view["alternatives"]:
        tables.append(_alternatives(view))
    if view["unpriced"]:
        tables.append(_unpriced(view))
    notes = list(view["notes"])
    for a in view["alternatives"]:
        t = a["tokenizer"]
        if t is not None:
            notes.append(
                f"{a['name']}: {t['statement']} Against {t['versus']}, its total would be"
                f" {usd(t['low_total'])} to {usd(t['high_total'])} (source: {t['source']},"
                f" checked {t['checked']})."
            )
            notes += [f"{a['name']}, measured: {m['text']} ({m['url']})." for m in t["measured"]]
        notes += [f"{a['name']}: {n}" for n in a["notes"]]
    return Report("Usage re-priced", tuple(summary), tuple(tables), tuple(dict.fromkeys(notes)))


def _models(view: dict[str, Any]) -> TextTable:
    rows = []
    for m in view["by_model"]:
        t = m["tokens"]
        diff = m["difference"]
        rows.append(
            (
                m["name"],
                usd(m["repriced"]),
                usd(m["reported"]),
                change(diff["before"], diff["after"]) if diff else "—",
                count(m["unpriced_rows"]),
                count(m["requests"]),
                count(t["input"]),
                count(t["cached_input"]),
                count(t["cache_write"] + t["cache_write_1h"]),
                count(t["output"] + t["reasoning"]),
                m["route"] or "—",
            )
        )
    # Money first: on a phone the columns past the first screen are scrolled to.
    headers = (
        "Model (as logged)",
        "Re-priced",
        "Reported",
        "Difference",
        "Rows not priced",
        "Requests",
        "Input tokens",
        "Cached",
        "Cache writes",
        "Output tokens",
        "Route",
    )
    return TextTable("reprice-models", "As logged, by model", headers, tuple(rows))


def _alternatives(view: dict[str, Any]) -> TextTable:
    rows = []
    for a in view["alternatives"]:
        versus = a["versus_log"]
        tokenizer = a["tokenizer"]
        rows.append(
            (
                a["name"] + (" (suggested)" if a["suggested"] else ""),
                usd(a["total"]),
                _against(versus) if versus else "—",
                count(a["unpriced_rows"]) + (f": {a['reasons'][0]['reason']}" if a["reasons"] else ""),
                f"{usd(tokenizer['low_total'])} to {usd(tokenizer['high_total'])}" if tokenizer else "—",
                a["route"] or "—",
            )
        )
    headers = (
        "Model",
        "Total",
        "Against the log (rows both run)",
        "Rows it cannot run",
        "Stated tokenizer range",
        "Route",
    )
    title = "On other models" + (
        " (the lab's API)" if view["routes"] == "lab" else " (the cheapest vetted route)"
    )
    return TextTable("reprice-alternatives", title, headers, tuple(rows))


def _against(versus: dict[str, Any]) -> str:
    return f"{usd(versus['before'])} → {usd(versus['after'])}, {change(versus['before'], versus['after'])}"


def _unpriced(view: dict[str, Any]) -> TextTable:
    several = any(u["file"] for u in view["unpriced"])
    rows = tuple(
        ((f"{u['file']}:{u['line']}" if several else str(u["line"])), u["model"], u["reason"])
        for u in view["unpriced"][:LISTED]
    )
    shown = len(rows)
    title = "Rows not priced" + (
        f" (the first {shown} of {count(view['unpriced_rows'])})" if view["unpriced_rows"] > shown else ""
    )
    return TextTable("reprice-unpriced", title, ("Line", "Model (as logged)", "Why"), rows)


def markdown(found: Report) -> str:
    out = [f"# {md(found.title)}", "", *(md(s) for s in found.summary), ""]
    for t in found.tables:
        out += [
            f"## {md(t.title)}",
            "",
            "| " + " | ".join(md(h) for h in t.headers) + " |",
            "|" + "---|" * len(t.headers),
        ]
        out += ["| " + " | ".join(md(c) for c in row) + " |" for row in t.rows]
        out.append("")
    if found.notes:
        out += ["## Notes", "", *(f"- {md(n)}" for n in found.notes), ""]
    return "\n".join(out)


CSV_COLUMNS = (
    "kind",
    "model",
    "name",
    "route",
    "rows",
    "requests",
    "input_tokens",
    "cached_input_tokens",
    "cache_write_tokens",
    "cache_write_1h_tokens",
    "output_tokens",
    "reasoning_tokens",
    "reported_usd",
    "repriced_usd",
    "unpriced_rows",
)


def csv_text(view: dict[str, Any]) -> str:
    """One row per model of the log (`kind` log) and per alternative (`kind` alternative)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for m in view["by_model"]:
        t = m["tokens"]
        writer.writerow(
            _cells(
                "log", m["model"] or "", m["name"], m["route"] or "", m["rows"], m["requests"], t["input"],
                t["cached_input"], t["cache_write"], t["cache_write_1h"], t["output"], t["reasoning"],
                m["reported"] or "", m["repriced"], m["unpriced_rows"],
            )
        )  # fmt: skip
    for a in view["alternatives"]:
        writer.writerow(
            _cells(
                "alternative", a["model"], a["name"], a["route"] or "", a["priced_rows"] + a["unpriced_rows"],
                "", "", "", "", "", "", "", "", a["total"], a["unpriced_rows"],
            )
        )  # fmt: skip
    return out.getvalue()


def _cells(*values: object) -> list[str]:
    """Cells as text; one a spreadsheet would run as a formula starts with a quote."""
    cells = []
    for value in values:
        text = clean(value)
        if text[:1] in ("=", "+", "-", "@", "\t", "\r") and not _number(text):
            text = "'" + text
        cells.append(text)
    return cells


def _number(text: str) -> bool:
    try:
        Decimal(text)
    except ArithmeticError:
        return False
    return True
