"""Display tables from view dicts: price schedules per route, sources. Formatting only, no arithmetic."""

from __future__ import annotations

from typing import Any

from modelvs.formatting import usd
from modelvs.schema.pricing import TOKEN_COMPONENTS

LABELS = {
    "input": "Input",
    "output": "Output",
    "cache_read": "Cache read",
    "reasoning": "Reasoning",
    "input_audio": "Audio input",
    "output_audio": "Audio output",
    "input_image": "Image input",
    "output_image": "Image output",
}
UNIT_LABELS = {
    "request": "per request",
    "web_search": "per search",
    "image_output": "per image",
    "audio_second": "per audio second",
}


def component_label(key: str) -> str:
    if key.startswith("cache_write_"):
        return f"Cache write ({key.removeprefix('cache_write_')})"
    return LABELS.get(key, key.replace("_", " ").capitalize())


def _columns(schedules: list[dict[str, Any]]) -> list[str]:
    keys: set[str] = set()
    for s in schedules:
        keys.update(s["per_1m_tokens"])
        for t in s["tiers"]:
            keys.update(t["per_1m_tokens"])
    ordered = [c for c in TOKEN_COMPONENTS if c in keys]
    return ordered + sorted(k for k in keys if k.startswith("cache_write_"))


def _when(s: dict[str, Any]) -> str:
    start, end = s["effective_from"], s["effective_until"]
    if start and end:
        return f"{start} to {end}"
    if start:
        return f"from {start}"
    return f"until {end}" if end else "no end date"


def _missing(component: str) -> str:
    # Reasoning tokens without their own rate bill at the output rate (see the pricing engine).
    return "output rate" if component == "reasoning" else "not priced"


def price_table(view: dict[str, Any], history: bool = False) -> dict[str, Any]:
    """Every route, mode and tier of one model (`model_view` dict) as rows of formatted cells.

    A tier row shows the tier's rate; a component the tier does not list bills at the base rate,
    and its cell says so.
    """
    key = "price_history" if history else "prices"
    schedules = [s for r in view["routes"] for s in r[key]]
    columns = _columns(schedules)
    rows = []
    for route in view["routes"]:
        for s in route[key]:
            base = s["per_1m_tokens"]
            common = {
                "route": route["id"],
                "provider": route["provider"],
                "mode": s["mode"],
                "when": _when(s),
                "units": [f"{usd(v)} {UNIT_LABELS.get(u, u)}" for u, v in s["per_unit"].items()],
                "source": s["source"],
            }
            rows.append(
                {
                    **common,
                    "tier": "base",
                    "cells": [usd(base[c]) if c in base else _missing(c) for c in columns],
                }
            )
            for t in s["tiers"]:
                rates = t["per_1m_tokens"]
                cells = [
                    usd(rates[c]) if c in rates else (f"{usd(base[c])} (base)" if c in base else _missing(c))
                    for c in columns
                ]
                tier = f"prompt {t['comparison']} {t['above']:,} tokens (whole request)"
                rows.append({**common, "tier": tier, "cells": cells})
    return {"columns": [component_label(c) for c in columns], "rows": rows}


def collect_sources(data: Any) -> list[dict[str, Any]]:
    """Every cited value in a view dict, grouped by source page: what it supports and its dates."""
    groups: dict[tuple[str, str | None], dict[str, Any]] = {}

    def add(ref: dict[str, Any], what: str) -> None:
        group = groups.setdefault(
            (ref["name"], ref.get("url")),
            {
                "name": ref["name"],
                "url": ref.get("url"),
                "license": ref.get("license"),
                "retrieved": ref["retrieved"],
                "checked": ref.get("checked"),
                "values": [],
            },
        )
        if what not in group["values"]:
            group["values"].append(what)

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for b in node.get("basis") or ():
                if isinstance(b, dict) and isinstance(b.get("source"), dict):
                    add(
                        b["source"],
                        f"{b['model']}: {b['field']}" + (f" ({b['route']})" if b.get("route") else ""),
                    )
            src = node.get("source")
            if isinstance(src, dict) and "retrieved" in src and "model" in node:
                field = node.get("benchmark") or node.get("field")
                field = field or ("knowledge_cutoff" if "alternatives" in node else "value")
                add(src, f"{node['model']}: {field}")
            for k, v in node.items():
                if k != "basis":
                    walk(v)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(data)
    return sorted(groups.values(), key=lambda g: (g["name"], g["url"] or ""))
