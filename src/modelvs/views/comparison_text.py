"""Terminal rendering of a comparison with rich: the Markdown page's sections, as concise tables.

Reads the same comparison dict and extra tables as `comparison_md`; every data string goes
through `rich.markup.escape` so a name like `[bold]x[/bold]` prints as itself.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from modelvs.views import comparison_tables as ct
from modelvs.views.comparison_md import CAP_LABELS, WORKLOAD_FLAGS


def _table(title: str, heads: list[str], rows: list[list[str]]) -> Table:
    table = Table(*(escape(h) for h in heads), title=escape(title) or None, title_justify="left")
    for row in rows:
        table.add_row(*(escape(c) for c in row))
    return table


def _heading(console: Console, title: str) -> None:
    console.print()
    console.rule(f"[bold]{escape(title)}[/]", align="left")


def _lines(console: Console, lines: list[str] | tuple[str, ...], bullet: str = "") -> None:
    for line in lines:
        console.print(f"{bullet}{escape(line)}", highlight=False)


def render_comparison_text(console: Console, c: dict[str, Any], tables: dict[str, Any]) -> None:
    """Print the comparison section by section."""
    names = ct.display_names(c)
    console.print(f"[bold]{escape(' vs '.join(names.values()))}[/]")
    _lines(console, c["prose"]["intro"])

    _heading(console, "Verdict")
    _lines(console, [c["prose"]["verdict"]])
    _lines(console, c["verdicts"]["choose"], "- ")
    _lines(console, [c["prose"]["headline_rule"]] if c["prose"]["headline_rule"] else [])

    _heading(console, "Decision scorecard")
    console.print(_table("", *ct.scorecard_table(c)))
    rules = c["facts"]["tags"]["rules"]
    _lines(console, [f"{r['label']}: {r['rule']}" for r in rules], "tag ")

    _heading(console, "Tradeoffs")
    _lines(console, c["verdicts"]["tradeoffs"] or ["No model alone leads any signal."], "- ")

    _heading(console, "Monthly cost at your traffic")
    workload = c["facts"]["workload"]["text"]
    console.print(f"Workload: {escape(workload)}. Change it with {WORKLOAD_FLAGS.replace('`', '')}.")
    console.print(_table("", *ct.cost_table(c)))
    _lines(console, [c["facts"]["monthly"]["tie_rule"]])

    _heading(console, "Switch friction")
    for d in c["verdicts"]["switch"]:
        console.print(f"[bold]From {escape(names[d['source']])} to {escape(names[d['target']])}[/]")
        _lines(console, d["bullets"], "- ")

    _heading(console, "Specs")
    console.print(_table("", *ct.spec_table(c)))

    _heading(console, "Pricing (USD per 1M tokens, every schedule in effect)")
    for model in tables["pricing"]:
        heads, rows = ct.pricing_table(model)
        console.print(_table(model["name"], heads, rows) if rows else f"{escape(model['name'])}: no route")
        _lines(console, [fee for r in model["routes"] for fee in r["fees"]], "fee: ")

    _heading(console, "Capabilities (unknown: no source says; never read as no)")
    console.print(_table("", *ct.capability_table(c, CAP_LABELS)))

    _heading(console, "Benchmarks")
    heads, rows = ct.benchmark_table(c)
    if rows:
        console.print(_table("", heads, rows))
    else:
        console.print("No score is comparable across these models (same benchmark and version).")
    for name, items in ct.own_scores(c):
        console.print(f"Other scores for {escape(name)}: {escape('; '.join(items)) or 'none'}")

    _heading(console, "Deep dive")
    for p in c["prose"]["deep_dive"]:
        console.print(f"[bold]{escape(p['title'])}[/]")
        _lines(console, [" ".join(p["sentences"])])

    _heading(console, "FAQ")
    for q in c["faq"]:
        console.print(f"[bold]{escape(q['question'])}[/]")
        _lines(console, [q["answer"]])

    _heading(console, "Related comparisons")
    for s in c["related"]:
        pairs = [f"{names[s['model']]} vs {r['name']} (/compare/{r['pair']})" for r in s["candidates"]]
        _lines(console, pairs or [f"none found for {names[s['model']]}"], "- ")

    _heading(console, "Checked dates and sources")
    console.print(f"Prices in effect on {escape(c['on'])}; each row above shows its own checked date.")
    console.print(_table("", *ct.source_table(tables)))
