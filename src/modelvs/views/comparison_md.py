"""Markdown rendering of a comparison: the sections of the reference page, in its order.

Reads the comparison dict (`comparison_to_dict`) and the extra tables (`comparison_tables`);
it computes nothing. Every string that came from data goes through `md()`.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

from modelvs.schema.vocab import CAPABILITY_LABELS
from modelvs.views import comparison_tables as ct

# Backslash first so the escapes added after it are not themselves escaped.
_ESCAPES = str.maketrans(
    {
        "\\": "\\\\",
        "|": "\\|",
        "`": "\\`",
        "[": "\\[",
        "]": "\\]",
        "*": "\\*",
        "_": "\\_",
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        "\n": " ",
        "\r": " ",
    }
)
_PLAIN = re.compile(r"^[a-z0-9.\- ]+$")
CAP_LABELS = {c.value: label for c, label in CAPABILITY_LABELS.items()}
WORKLOAD_FLAGS = "`--requests`, `--input`, `--output`, `--cached`, `--reasoning` and `--batch-share`"
SECTIONS = (
    "Verdict",
    "Decision scorecard",
    "Tradeoffs",
    "Monthly cost at your traffic",
    "Switch friction",
    "Specs",
    "Pricing",
    "Capabilities",
    "Benchmarks",
    "Deep dive",
    "FAQ",
    "Related comparisons",
    "Checked dates and sources",
)
"""Second-level headings, in page order (the intro sits under the title)."""


def md(text: object) -> str:
    """A data string made inert in Markdown: no tables broken, no HTML, no links, no code spans."""
    return str(text).translate(_ESCAPES)


def table(heads: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(md(h) for h in heads) + " |", "|" + "---|" * len(heads)]
    lines += ["| " + " | ".join(md(c) for c in row) + " |" for row in rows]
    return lines


def _rule(c: dict[str, Any]) -> list[str]:
    rule = c["prose"]["headline_rule"]
    return ["", md(rule)] if rule else []


def _bullets(items: list[str] | tuple[str, ...]) -> list[str]:
    return [f"- {md(i)}" for i in items]


def comparison_markdown(c: dict[str, Any], tables: dict[str, Any]) -> str:
    """The whole page as GitHub-flavoured Markdown."""
    names = ct.display_names(c)
    parts: list[list[str]] = [
        [f"# {' vs '.join(md(n) for n in names.values())}", "", md(" ".join(c["prose"]["intro"]))],
        ["## Verdict", "", md(c["prose"]["verdict"]), "", *_bullets(c["verdicts"]["choose"]), *_rule(c)],
        ["## Decision scorecard", "", *table(*ct.scorecard_table(c)), "", *_tag_rules(c)],
        ["## Tradeoffs", "", *(_bullets(c["verdicts"]["tradeoffs"]) or ["No model alone leads any signal."])],
        _monthly(c),
        _switch(c, names),
        ["## Specs", "", *table(*ct.spec_table(c))],
        _pricing(tables),
        ["## Capabilities", "", *table(*ct.capability_table(c, CAP_LABELS)), "", _CAP_NOTE],
        _benchmarks(c),
        _deep_dive(c),
        ["## FAQ", *(x for q in c["faq"] for x in ("", f"### {md(q['question'])}", "", md(q["answer"])))],
        _related(c, names),
        _sources(c, tables),
    ]
    return "\n\n".join("\n".join(p).strip("\n") for p in parts) + "\n"


_CAP_NOTE = "*unknown* means no source in the catalog says either way; it is never read as no."


def _tag_rules(c: dict[str, Any]) -> list[str]:
    rules = c["facts"]["tags"]["rules"]
    return ["Tags follow stated rules:", "", *(f"- {md(r['label'])}: {md(r['rule'])}" for r in rules)]


def _monthly(c: dict[str, Any]) -> list[str]:
    f = c["facts"]
    slugs = " ".join(m["slug"] for m in c["models"])
    # Data never goes inside a code span (escapes do not work there): plain slugs only.
    example = f"`modelvs compare {slugs} --requests 2M --input 3k`" if _PLAIN.match(slugs) else "the CLI"
    return [
        "## Monthly cost at your traffic",
        "",
        f"Workload: {md(f['workload']['text'])}. Change it with {WORKLOAD_FLAGS} ({example}).",
        "",
        *table(*ct.cost_table(c)),
        "",
        md(f["monthly"]["tie_rule"]),
    ]


def _switch(c: dict[str, Any], names: dict[str, str]) -> list[str]:
    out = ["## Switch friction"]
    for d in c["verdicts"]["switch"]:
        out += [
            "",
            f"### From {md(names[d['source']])} to {md(names[d['target']])}",
            "",
            *_bullets(d["bullets"]),
        ]
    return out


def _pricing(tables: dict[str, Any]) -> list[str]:
    out = ["## Pricing", "", "USD per 1M tokens; every schedule in effect, by mode and tier."]
    for model in tables["pricing"]:
        out += ["", f"### {md(model['name'])}", ""]
        if not model["routes"]:
            out.append("No route in the catalog.")
            continue
        out += table(*ct.pricing_table(model))
        fees = [f"{r['provider']['name']}: {fee}" for r in model["routes"] for fee in r["fees"]]
        if fees:
            out += ["", "Provider fees on top of these rates:", "", *_bullets(fees)]
    return out


def _benchmarks(c: dict[str, Any]) -> list[str]:
    out = ["## Benchmarks", ""]
    bench = c["facts"]["benchmarks"]
    if bench["comparable"]:
        out += [*table(*ct.benchmark_table(c)), ""]
    else:
        out += ["No score in the catalog is comparable across these models (same benchmark and version).", ""]
    for name, items in ct.own_scores(c):
        if items:
            out += [f"Other scores for {md(name)} (not comparable):", "", *_bullets(items), ""]
        else:
            out += [f"The catalog has no other scores for {md(name)}.", ""]
    return out


def _deep_dive(c: dict[str, Any]) -> list[str]:
    out = ["## Deep dive"]
    for p in c["prose"]["deep_dive"]:
        out += ["", f"### {md(p['title'])}", "", md(" ".join(p["sentences"]))]
    return out


def _related(c: dict[str, Any], names: dict[str, str]) -> list[str]:
    out = ["## Related comparisons"]
    for s in c["related"]:
        out += ["", f"### More comparisons with {md(names[s['model']])}", ""]
        for r in s["candidates"]:
            reasons = f" ({md(', '.join(r['reasons']))})" if r["reasons"] else ""
            link = quote(r["pair"], safe="-._~")
            out.append(f"- [{md(names[s['model']])} vs {md(r['name'])}](/compare/{link}){reasons}")
        if not s["candidates"]:
            out.append("- none found by the rule below")
    rules = list(dict.fromkeys(s["rule"] for s in c["related"]))
    return [*out, "", *(f"How these are chosen: {md(r)}" for r in rules)]


def _sources(c: dict[str, Any], tables: dict[str, Any]) -> list[str]:
    return [
        "## Checked dates and sources",
        "",
        f"Prices in effect on {md(c['on'])}. Each price, capability and cutoff above shows the date its"
        " source checked it (or, where the source gives none, when modelvs retrieved it).",
        "",
        *table(*ct.source_table(tables)),
    ]
