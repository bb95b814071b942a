"""Text and Markdown renderings of the model view (rich tables in a terminal)."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from modelvs.formatting import tokens, usd


def render_model_text(console: Console, view: dict[str, Any], *, markdown: bool = False) -> None:
    """Print a model view as rich tables, or as Markdown when `markdown`."""
    if markdown:
        console.print(model_markdown(view), markup=False, highlight=False, soft_wrap=True)
        return
    console.print(
        f"[bold]{escape(view['facts'][0]['value'])}[/]  {view['id']}  ({escape(view['lab']['name'])})"
    )
    facts = Table("fact", "value", "source", title="Facts")
    for row in view["facts"]:
        facts.add_row(row["field"], escape(_fact(row)), escape(_src(row["source"])))
    console.print(facts)
    caps = Table("capability", "value", "source", title="Capabilities (unknown = no source says)")
    for row in view["capabilities"]:
        caps.add_row(row["label"], row["value"], escape(_src(row["source"])))
    console.print(caps)
    for alt in view["alternatives"]:
        console.print(
            f"[magenta]sources disagree[/] on {alt['field']}: "
            f"{escape(_src(alt['source']))} says {escape(str(alt['value']))}"
        )
    prices = Table("provider", "mode", "from", "per 1M tokens", "tiers", "source", title="Routes and prices")
    for route in view["routes"]:
        if not route["prices"]:
            prices.add_row(escape(route["provider"]["name"]), "-", "", "not priced", "", "")
        for s in route["prices"]:
            prices.add_row(
                escape(route["provider"]["name"]),
                s["mode"],
                s["effective_from"] or "",
                _rates(s["per_1m_tokens"]),
                "; ".join(
                    f"{t['comparison']}{tokens(t['above'])}: {_rates(t['per_1m_tokens'])}" for t in s["tiers"]
                ),
                escape(_src(s["source"])),
            )
    console.print(prices)


def model_markdown(view: dict[str, Any]) -> str:
    """The model view as GitHub-flavoured Markdown."""
    lines = [f"# {view['facts'][0]['value']}", "", f"`{view['id']}` by {view['lab']['name']}", ""]
    lines += ["| Fact | Value | Source |", "|---|---|---|"]
    lines += [f"| {r['field']} | {_md(_fact(r))} | {_md(_src(r['source']))} |" for r in view["facts"]]
    lines += ["", "| Capability | Value | Source |", "|---|---|---|"]
    lines += [f"| {r['label']} | {r['value']} | {_md(_src(r['source']))} |" for r in view["capabilities"]]
    lines += ["", "| Provider | Mode | Per 1M tokens | Tiers | Source |", "|---|---|---|---|---|"]
    for route in view["routes"]:
        for s in route["prices"]:
            tiers = "; ".join(
                f"{t['comparison']}{tokens(t['above'])}: {_rates(t['per_1m_tokens'])}" for t in s["tiers"]
            )
            lines.append(
                f"| {_md(route['provider']['name'])} | {s['mode']} | {_rates(s['per_1m_tokens'])} "
                f"| {tiers} | {_md(_src(s['source']))} |"
            )
    return "\n".join(lines) + "\n"


def _fact(row: dict[str, Any]) -> str:
    value = row["value"]
    if row["field"] in {"context_window", "max_input", "max_output"}:
        return tokens(value)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _rates(rates: dict[str, str]) -> str:
    return ", ".join(f"{k} {usd(v)}" for k, v in rates.items())


def _src(ref: dict[str, Any] | None) -> str:
    if ref is None:
        return ""
    date = ref["checked"] or ref["retrieved"]
    return f"{ref['name']}, {date}"


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")
