"""The `/reprice` page's view model: the report's tables as page tables, and the chart of cost per
day (the log as reported and re-priced, against each alternative)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from modelvs.formatting import money
from modelvs.views.blocks import Axis, Cell, Chart, Link, Point, Row, Series, Table
from modelvs.views.reprice.report import Report, TextTable, report


@dataclass(frozen=True)
class RepricePage:
    """What the page shows of a re-priced log."""

    summary: tuple[str, ...]
    tables: tuple[Table, ...]
    chart: Chart | None
    notes: tuple[str, ...]
    repriced_total: str
    """The re-priced total as the page prints it."""
    reported_total: str | None
    sources: tuple[Link, ...] = ()
    """Where the stated tokenizer ratios (and measurements) come from."""


def reprice_page(view: dict[str, Any]) -> RepricePage:
    """The page of a re-priced log (`view` is a `RepriceView`)."""
    found: Report = report(view)
    return RepricePage(
        found.summary,
        tuple(_table(t) for t in found.tables),
        cost_chart(view),
        found.notes,
        money(view["repriced_total"]),
        money(view["reported_total"]) if view["reported_total"] is not None else None,
        tuple(_sources(view)),
    )


def _sources(view: dict[str, Any]) -> list[Link]:
    found = []
    for a in view["alternatives"]:
        t = a["tokenizer"]
        if t is None:
            continue
        found.append(
            Link(t["source"], f"{a['name']}: tokenizer, as the lab states it", f"checked {t['checked']}")
        )
        found += [
            Link(m["url"], f"{a['name']}: tokenizer, measured", f"checked {m['checked']}")
            for m in t["measured"]
        ]
    return [link for link in dict.fromkeys(found) if link.url.startswith("https://")]


def _table(t: TextTable) -> Table:
    return Table(
        t.id, t.title, t.headers, tuple(Row(Cell(r[0]), tuple(Cell(c) for c in r[1:])) for r in t.rows)
    )


def cost_chart(view: dict[str, Any], cid: str = "chart-reprice") -> Chart | None:
    """Cost per day: the log as reported and as re-priced, and each alternative; bars of the totals
    when the log spans one day. None for a log with no cost at all."""
    days = view["by_day"]
    if not days:
        return None
    named: list[tuple[str, list[Decimal | None]]] = []
    if any(d["reported"] is not None for d in days):
        named.append(
            (
                "Reported by the log",
                [Decimal(d["reported"]) if d["reported"] is not None else None for d in days],
            )
        )
    named.append(("Re-priced as logged", [Decimal(d["repriced"]) for d in days]))
    for i, a in enumerate(view["alternatives"]):
        named.append((a["name"], [Decimal(d["alternatives"][i]) for d in days]))
    high = max((v for _, values in named for v in values if v is not None), default=Decimal(0))
    if high <= 0:
        return None
    labels = [d["day"] for d in days]
    columns = ("Day", *(name for name, _ in named))
    table = Table(
        f"{cid}-table",
        "Cost per day",
        columns,
        tuple(Row(Cell(day), tuple(Cell(_money(v[i])) for _, v in named)) for i, day in enumerate(labels)),
    )
    caption = (
        "What each day of the log cost as reported and as re-priced on the models it names, and on each "
        "alternative (the rows each can run)."
    )
    if len(days) == 1:
        totals = [(name, values[0] or Decimal(0)) for name, values in named]
        low = min(v for _, v in totals)
        series = tuple(
            Series(name, (Point(Decimal(i), v, money(v)),), lead=v == low)
            for i, (name, v) in enumerate(totals)
        )
        return Chart(
            cid, "bars", f"Cost of {labels[0]}", caption, Axis("Model", "tokens", Decimal(len(totals))),
            Axis("USD", "usd", high), series, (), table,
        )  # fmt: skip
    first = dt.date.fromisoformat(labels[0])
    offsets = [(dt.date.fromisoformat(day) - first).days for day in labels]
    series = tuple(
        Series(
            name,
            tuple(
                Point(Decimal(offsets[i]), v, f"{labels[i]}: {money(v)}")
                for i, v in enumerate(values)
                if v is not None
            ),
        )
        for name, values in named
    )
    return Chart(
        cid,
        "line",
        "Cost per day",
        caption,
        Axis(f"Days since {labels[0]}", "score", Decimal(_whole_ticks(offsets[-1]))),
        Axis("USD a day", "usd", high),
        series,
        (),
        table,
    )


def _whole_ticks(span: int) -> int:
    """An axis end at or past `span` days whose ticks (`svg.ticks`) fall on whole days."""
    if span <= 3:
        return 4
    return 16 if 12 < span <= 15 else span


def _money(value: Decimal | None) -> str:
    return money(value) if value is not None else "—"
