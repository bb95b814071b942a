"""Text and Markdown renderings of the model view (rich tables in a terminal)."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

from modelvs.formatting import tokens, usd
from modelvs.views.escape import md, terminal


def render_model_text(console: Console, view: dict[str, Any], *, markdown: bool = False) -> None:
    """Print a model view as rich tables, or as Markdown when `markdown`."""
    if markdown:
        console.print(model_markdown(view), markup=False, highlight=False, soft_wrap=True)
        return
    name, lab = terminal(view["facts"][0]["value"]), terminal(view["lab"]["name"])
    console.print(f"[bold]{name}[/]  {terminal(view['id'])}  ({lab})")
    facts = Table("fact", "value", "source", title="Facts")
    for row in view["facts"]:
        facts.add_row(row["field"], terminal(_fact(row)), terminal(_src(row["source"])))
    console.print(facts)
    caps = Table("capability", "value", "source", title="Capabilities (unknown = no source says)")
    for row in view["capabilities"]:
        caps.add_row(row["label"], row["value"], terminal(_src(row["source"])))
    console.print(caps)
    for alt in view["alternatives"]:
        console.print(
            f"[magenta]sources disagree[/] on {alt['field']}: "
            f"{terminal(_src(alt['source']))} says {terminal(alt['value'])}"
        )
    prices = Table("provider", "mode", "from", "per 1M tokens", "tiers", "source", title="Routes and prices")
    for route in view["routes"]:
        if not route["prices"]:
            prices.add_row(terminal(route["provider"]["name"]), "-", "", "not priced", "", "")
        for s in route["prices"]:
            prices.add_row(
                terminal(route["provider"]["name"]),
                terminal(s["mode"]),
                s["effective_from"] or "",
                _rates(s["per_1m_tokens"]),
                "; ".join(
                    f"{t['comparison']}{tokens(t['above'])}: {_rates(t['per_1m_tokens'])}" for t in s["tiers"]
                ),
                terminal(_src(s["source"])),
            )
    console.print(prices)


def model_markdown(view: dict[str, Any]) -> str:
    """The model view as GitHub-flavoured Markdown."""
    lines = [f"# {md(view['facts'][0]['value'])}", "", f"{md(view['id'])} by {md(view['lab']['name'])}", ""]
    lines += ["| Fact | Value | Source |", "|---|---|---|"]
    lines += [f"| {md(r['field'])} | {md(_fact(r))} | {md(_src(r['source']))} |" for r in view["facts"]]
    lines += ["", "| Capability | Value | Source |", "|---|---|---|"]
    lines += [f"| {md(r['label'])} | {r['value']} | {md(_src(r['source']))} |" for r in view["capabilities"]]
    lines += ["", "| Provider | Mode | Per 1M tokens | Tiers | Source |", "|---|---|---|---|---|"]
    for route in view["routes"]:
        for s in route["prices"]:
            tiers = "; ".join(
                f"{t['comparison']}{tokens(t['above'])}: {_rates(t['per_1m_tokens'])}" for t in s["tiers"]
            )
            lines.append(
                f"| {md(route['provider']['name'])} | {s['mode']} | {_rates(s['per_1m_tokens'])} "
                f"| {tiers} | {md(_src(s['source']))} |"
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
