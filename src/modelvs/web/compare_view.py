"""The comparison page's context: the engine's comparison dict plus display tables, in page order."""

from __future__ import annotations

import datetime as dt
from typing import Any

from modelvs.catalog import Catalog
from modelvs.engine.compare import compare, comparison_to_dict
from modelvs.engine.workload import Workload
from modelvs.params import workload_query
from modelvs.schema.vocab import CAPABILITY_LABELS, Capability
from modelvs.views.model import model_view
from modelvs.web.tables import collect_sources, price_table

SECTIONS = (
    ("intro", "Overview"),
    ("verdict", "Verdict"),
    ("scorecard", "Decision scorecard"),
    ("tradeoffs", "Tradeoffs"),
    ("monthly-cost", "Monthly cost at your traffic"),
    ("switch", "Switch friction"),
    ("specs", "Specs"),
    ("pricing", "Pricing"),
    ("capabilities", "Capabilities"),
    ("benchmarks", "Benchmarks"),
    ("deep-dive", "Deep dive"),
    ("faq", "FAQ"),
    ("related", "Related comparisons"),
    ("popular", "Popular comparisons"),
    ("sources", "Checked dates and sources"),
)
"""Section ids and headings, in the reference page's order."""
_LABELS = {c.value: label for c, label in CAPABILITY_LABELS.items()}


def comparison_context(catalog: Catalog, ids: list[str], workload: Workload, on: dt.date) -> dict[str, Any]:
    """Everything the comparison template shows, except the store-dependent popular list."""
    data = comparison_to_dict(compare(catalog, ids, workload, on))
    names = {m["id"]: m["name"] for m in data["models"]}
    facts = data["facts"]
    views = [model_view(catalog, m, on) for m in ids]
    specs = _specs(facts, names)
    caps = [
        {"id": cap, "label": _LABELS.get(cap, cap), "cells": cells}
        for cap, cells in facts["capabilities"]["cells"]
    ]
    return {
        "data": data,
        "names": names,
        "models": data["models"],
        "sections": SECTIONS,
        "workload_form": workload_query(workload),
        "specs_rows": [[r["label"], *r["cells"]] for r in specs],
        "capability_rows": [[c["label"], *c["cells"]] for c in caps],
        "benchmark_rows": _benchmark_rows(facts["benchmarks"]),
        "benchmark_sentence": _benchmark_sentence(facts["benchmarks"], names),
        "tag_labels": {r["id"]: r["label"] for r in facts["tags"]["rules"]},
        "freshness": _freshness(facts["freshness"]),
        "pricing": [
            {"model": ref, "current": price_table(v), "history": price_table(v, history=True)}
            for ref, v in zip(data["models"], views, strict=True)
        ],
        "sources": collect_sources(data),
        "pair_slugs": sorted(m["slug"] for m in data["models"]),
    }


def _benchmark_rows(fact: dict[str, Any]) -> list[list[str]]:
    rows = []
    for row in fact["comparable"]:
        label = row["name"] + (f" ({row['version']})" if row["version"] else "")
        cells = [
            "no score" if sc is None else sc["score"] + (" (self-reported)" if sc["self_reported"] else "")
            for sc in row["scores"]
        ]
        rows.append([label, *cells])
    return rows


def _benchmark_sentence(fact: dict[str, Any], names: dict[str, str]) -> str:
    empty = [names[m] for m, own in zip(fact["models"], fact["own"], strict=True) if not own]
    if fact["comparable"]:
        text = "Scores on the same benchmark and version, side by side; the best in each row leads."
    else:
        text = (
            "No score in the catalog is comparable across these models (same benchmark and version);"
            " each model's own scores are listed below and should not be set against each other."
        )
    if empty:
        other = "other scores" if fact["comparable"] else "benchmark scores"
        text += f" The catalog has no {other} for {', '.join(empty)}."
    return text


def _freshness(fact: dict[str, Any]) -> str:
    if not fact.get("oldest") or not fact.get("newest"):
        return ""
    if fact["oldest"] == fact["newest"]:
        return f"Every sourced value here was checked or retrieved on {fact['oldest']}."
    return (
        f"Sourced values here were checked or retrieved between {fact['oldest']} and {fact['newest']}"
        f" (the oldest: {fact['oldest_field']}); each row below carries its own date."
    )


def _cell(figure: dict[str, Any] | None) -> str:
    return figure["text"] if figure else "unknown"


def _yes_no(value: bool | None, yes: str, no: str) -> str:
    return "unknown" if value is None else (yes if value else no)


def _specs(facts: dict[str, Any], names: dict[str, str]) -> list[dict[str, Any]]:
    """Spec rows, one cell per model; a value the catalog lacks reads "unknown"."""
    life = facts["lifecycle"]["models"]
    rows: list[dict[str, Any]] = [
        {"label": "Status", "cells": [m["status"] or "unknown" for m in life]},
        {"label": "Released", "cells": [m["release_date"] or "unknown" for m in life]},
        {"label": "Context window (tokens)", "cells": [_cell(v) for v in facts["context_window"]["values"]]},
        {"label": "Max output (tokens)", "cells": [_cell(v) for v in facts["max_output"]["values"]]},
    ]
    cutoffs = facts.get("cutoffs")
    if cutoffs:
        cells = []
        for c in cutoffs["cutoffs"]:
            text = c["value"] or "unknown"
            alts = [f"{v} per {ref['name']}" for v, ref in c["alternatives"]]
            cells.append(text + (f" (other sources: {'; '.join(alts)})" if alts else ""))
        rows.append({"label": "Knowledge cutoff", "cells": cells})
    params = facts.get("parameters")
    rows.append(
        {
            "label": "Parameters (disclosed)",
            "cells": [_cell(v) if v else "not disclosed" for v in params["total"]]
            if params
            else ["not disclosed"] * len(names),
        }
    )
    lic = facts["license"]
    rows.append({"label": "License", "cells": [v or "unknown" for v in lic["licenses"]]})
    rows.append(
        {
            "label": "Weights",
            "cells": [_yes_no(v, "downloadable", "not released") for v in lic["open_weights"]],
        }
    )
    mods = facts["modalities"]
    rows.append({"label": "Input modalities", "cells": [", ".join(m) or "unknown" for m in mods["inputs"]]})
    rows.append({"label": "Output modalities", "cells": [", ".join(m) or "unknown" for m in mods["outputs"]]})
    rows.append(
        {"label": "Deprecation date", "cells": [m["deprecation_date"] or "none recorded" for m in life]}
    )
    rows.append(
        {"label": "Retirement date", "cells": [m["retirement_date"] or "none recorded" for m in life]}
    )
    return rows


def faq_json_ld(data: dict[str, Any]) -> dict[str, Any]:
    """The FAQ as schema.org FAQPage structured data."""
    return {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": [
            {
                "@type": "Question",
                "name": q["question"],
                "acceptedAnswer": {"@type": "Answer", "text": q["answer"]},
            }
            for q in data["faq"]
        ],
    }


def capability_label(cap: str) -> str:
    try:
        return CAPABILITY_LABELS[Capability(cap)]
    except ValueError:
        return cap
