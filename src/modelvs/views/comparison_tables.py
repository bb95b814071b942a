"""Tables a comparison page needs that the comparison dict does not carry: every route's prices, sources.

Pure: reads the catalog and the comparison dict, returns plain JSON types (money as exact decimal
strings). The Markdown and terminal renderers both read this one view model (STYLE principle 8).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from modelvs.catalog import Catalog
from modelvs.catalog.sourcing import source_ref
from modelvs.formatting import usd
from modelvs.schema import PriceSchedule
from modelvs.schema.pricing import TOKEN_COMPONENTS, Rates
from modelvs.schema.vocab import PriceMode

KIND_ORDER = {"first-party": 0, "cloud": 1, "aggregator": 2}
MODE_ORDER = {m.value: i for i, m in enumerate(PriceMode)}


def _money(value: Decimal) -> str:
    # Exact, never a float, never exponent notation.
    return format(value, "f")


def _rates(rates: Rates) -> dict[str, Any]:
    out: dict[str, Any] = {c: _money(v) for c in TOKEN_COMPONENTS if (v := getattr(rates, c)) is not None}
    if rates.cache_write:
        out["cache_write"] = {ttl: _money(v) for ttl, v in rates.cache_write.items()}
    return out


def _schedule_rows(catalog: Catalog, route_id: str, schedule: PriceSchedule) -> list[dict[str, Any]]:
    citation = catalog.routes[route_id].citations.get(schedule.citation)
    source = source_ref(catalog, citation) if citation is not None else None
    rates = _rates(schedule)
    base: dict[str, Any] = {
        "mode": schedule.mode.value,
        "tier": None,
        "rates": rates,
        "per_unit": {u.value: _money(v) for u, v in schedule.per_unit.items()},
        "effective_from": schedule.effective_from.isoformat() if schedule.effective_from else None,
        "source": source,
    }
    rows = [base]
    for tier in schedule.tiers:
        # A tier lists only what changes; the rest keeps the base rate, so show the merged rates.
        merged = {**rates, **_rates(tier)}
        rows.append(
            {
                **base,
                "tier": {"threshold": tier.threshold, "comparison": tier.comparison.value},
                "rates": merged,
            }
        )
    return rows


def pricing_tables(catalog: Catalog, model_ids: list[str], on: dt.date) -> list[dict[str, Any]]:
    """Per model: every route and the schedules in effect on `on` (all modes, every tier)."""
    out = []
    for mid in model_ids:
        routes: list[dict[str, Any]] = []
        for rid in catalog.routes_by_model.get(mid, ()):
            route = catalog.routes[rid]
            pid = rid.split(":", 1)[0]
            provider = catalog.providers[pid]
            schedules = sorted(
                (s for s in route.prices if s.applies_on(on)), key=lambda s: MODE_ORDER[s.mode.value]
            )
            routes.append(
                {
                    "route": rid,
                    "provider": {"id": pid, "name": provider.name, "kind": provider.kind.value},
                    "fees": [f.description for f in provider.fees],
                    "schedules": [row for s in schedules for row in _schedule_rows(catalog, rid, s)],
                }
            )
        routes.sort(key=lambda r: (KIND_ORDER.get(r["provider"]["kind"], 9), r["provider"]["name"].lower()))
        out.append({"model": mid, "name": catalog.models[mid].name, "routes": routes})
    return out


def source_refs(value: Any) -> Iterator[dict[str, Any]]:
    """Every source reference (a `SourceRef` dict) anywhere inside plain JSON data."""
    if isinstance(value, dict):
        if {"source", "license", "retrieved"} <= value.keys() and isinstance(value["source"], str):
            yield value
            return
        for v in value.values():
            yield from source_refs(v)
    elif isinstance(value, list):
        for v in value:
            yield from source_refs(v)


def sources_table(catalog: Catalog, *data: Any) -> list[dict[str, Any]]:
    """Every source cited in `data`: name, version, license, snapshot date, and its citations' dates."""
    seen: dict[str, list[dict[str, Any]]] = {}
    for ref in (r for d in data for r in source_refs(d)):
        seen.setdefault(ref["source"], []).append(ref)
    rows = []
    for sid, refs in sorted(seen.items()):
        src = catalog.sources.get(sid)
        checked = sorted({r["checked"] for r in refs if r["checked"]})
        rows.append(
            {
                "id": sid,
                "name": src.name if src else refs[0]["name"],
                "version": src.version if src else None,
                "license": refs[0]["license"],
                "url": src.url if src else None,
                "retrieved": src.retrieved.isoformat() if src else refs[0]["retrieved"],
                "checked": [checked[0], checked[-1]] if checked else None,
                "citations": len(refs),
            }
        )
    return rows


def comparison_tables(catalog: Catalog, comparison: dict[str, Any]) -> dict[str, Any]:
    """The extra tables for one comparison dict (from `comparison_to_dict`)."""
    ids = [m["id"] for m in comparison["models"]]
    pricing = pricing_tables(catalog, ids, dt.date.fromisoformat(comparison["on"]))
    return {"pricing": pricing, "sources": sources_table(catalog, comparison, pricing)}


# Row builders: headers and cells as plain (unescaped) strings; each renderer escapes for its medium.

Table = tuple[list[str], list[list[str]]]


def display_names(comparison: dict[str, Any]) -> dict[str, str]:
    """Model id -> name as the page prints it; two models sharing a name are told apart by id."""
    names = [m["name"] for m in comparison["models"]]
    return {
        m["id"]: m["name"] if names.count(m["name"]) == 1 else f"{m['name']} ({m['id']})"
        for m in comparison["models"]
    }


def checked(ref: dict[str, Any] | None) -> str:
    """A value's date: when its source checked it, else when modelvs read it."""
    if ref is None:
        return "no source"
    return ref["checked"] or f"retrieved {ref['retrieved']}"


def _lead(names: dict[str, str], lead: str, leaders: list[str]) -> str:
    if lead == "tie":
        return "tie: " + ", ".join(names[m] for m in leaders)
    return names.get(lead, lead)


def scorecard_table(c: dict[str, Any]) -> Table:
    names = display_names(c)
    heads = ["Signal", *names.values(), "Leads"]
    rows = [
        [r["label"], *r["cells"], _lead(names, r["lead"], r["leaders"])] for r in c["verdicts"]["scorecard"]
    ]
    tags = c["facts"]["tags"]
    labels = {r["id"]: r["label"] for r in tags["rules"]}
    rows.append(
        [
            "Use-case tags (rules below)",
            *(", ".join(labels[t] for t in ts) or "none" for ts in tags["tags"]),
            "",
        ]
    )
    return heads, rows


def _cost_cell(cost: dict[str, Any]) -> str:
    if cost["monthly"] is None:
        return f"none: {cost['reason']}"
    fees = "".join(f" incl. {f['percent']['text']} fee {f['amount']['text']}" for f in cost["fees"])
    return f"{cost['monthly']['text']} on {cost['provider']}{fees}"


def cost_table(c: dict[str, Any]) -> Table:
    """Monthly cost per model at the workload, then on the labs' own APIs and in each scenario."""
    names = display_names(c)
    f = c["facts"]
    lines = [("Your traffic, cheapest route", f["monthly"]["costs"])]
    if f["lab_api"] is not None:
        lines.append(("On the lab's own API", f["lab_api"]["costs"]))
    lines += [(s["change"][0].upper() + s["change"][1:], s["costs"]) for s in f["scenarios"]]
    rows = []
    for label, costs in lines:
        by_model = {x["model"]: _cost_cell(x) for x in costs}
        rows.append([label, *(by_model.get(m, "no lab API") for m in names)])
    return ["Monthly cost", *names.values()], rows


def spec_table(c: dict[str, Any]) -> Table:
    names = display_names(c)
    f, ids = c["facts"], list(names)
    life = {x["model"]: x for x in f["lifecycle"]["models"]}
    n = len(ids)

    def limits(key: str) -> list[str]:
        return [v["text"] if v else "unknown" for v in f[key]["values"]]

    cutoffs = {x["model"]: x for x in (f["cutoffs"] or {"cutoffs": []})["cutoffs"]}

    def cutoff(m: str) -> str:
        x = cutoffs.get(m)
        if x is None or x["value"] is None:
            return "unknown"
        alts = "".join(f"; {a[1]['name']} gives {a[0]}" for a in x["alternatives"])
        src = x["source"]["name"] if x["source"] else "no source"
        return f"{x['value']} ({src}, {checked(x['source'])}{alts})"

    params = f["parameters"]
    weights = {True: "downloadable", False: "not released", None: "unknown"}
    rows = [
        ["Lab", *(m["lab"] for m in c["models"])],
        ["Status", *(life[m]["status"] or "unknown" for m in ids)],
        ["Released", *(life[m]["release_date"] or "unknown" for m in ids)],
        ["Context window (tokens)", *limits("context_window")],
        ["Max output (tokens)", *limits("max_output")],
        ["Knowledge cutoff", *(cutoff(m) for m in ids)],
        [
            "Parameters (disclosed)",
            *(p["text"] if p else "not disclosed" for p in (params or {}).get("total", [None] * n)),
        ],
        ["License", *(x or "unknown" for x in f["license"]["licenses"])],
        ["Weights", *(weights[x] for x in f["license"]["open_weights"])],
        ["Input modalities", *(", ".join(x) or "not listed" for x in f["modalities"]["inputs"])],
        ["Output modalities", *(", ".join(x) or "not listed" for x in f["modalities"]["outputs"])],
        ["Deprecation date", *(life[m]["deprecation_date"] or "none announced" for m in ids)],
    ]
    return ["Specification", *names.values()], rows


def _tier_text(tier: dict[str, Any] | None) -> str:
    if tier is None:
        return "all requests"
    op = "over" if tier["comparison"] == ">" else "at least"
    return f"prompts {op} {tier['threshold']:,} tokens"


def _usd(value: str | None) -> str:
    return "—" if value is None else usd(value)


def pricing_table(model: dict[str, Any]) -> Table:
    """One model's routes: every schedule in effect (mode, tier) with each rate per 1M tokens."""
    heads = [
        "Provider",
        "Mode",
        "Applies to",
        "Input",
        "Output",
        "Cache read",
        "Cache write",
        "Other",
        "Checked",
    ]
    rows = []
    for route in model["routes"]:
        provider = route["provider"]["name"]
        if not route["schedules"]:
            rows.append([provider, "—", "no price in effect", "", "", "", "", "", ""])
        for s in route["schedules"]:
            r = s["rates"]
            writes = ", ".join(f"{ttl} {usd(v)}" for ttl, v in r.get("cache_write", {}).items()) or "—"
            other = [f"{k.replace('_', ' ')} {usd(v)}" for k, v in r.items() if k not in PRICE_COLUMNS]
            other += [f"per {u.replace('_', ' ')} {usd(v)}" for u, v in s["per_unit"].items()]
            rows.append(
                [
                    provider,
                    s["mode"],
                    _tier_text(s["tier"]),
                    _usd(r.get("input")),
                    _usd(r.get("output")),
                    _usd(r.get("cache_read")),
                    writes,
                    ", ".join(other) or "—",
                    checked(s["source"]),
                ]
            )
    return heads, rows


PRICE_COLUMNS = ("input", "output", "cache_read", "cache_write")


def capability_table(c: dict[str, Any], labels: dict[str, str]) -> Table:
    """Every registered capability as yes / no / unknown, with the date of each known value."""
    names = display_names(c)
    caps = c["facts"]["capabilities"]
    refs = {(b["model"], b["field"].removeprefix("capabilities.")): b["source"] for b in caps["basis"]}
    rows = []
    for cap, states in caps["cells"]:
        dated = {names[m]: checked(refs[(m, cap)]) for m in names if (m, cap) in refs}
        when = (
            next(iter(set(dated.values())))
            if len(set(dated.values())) == 1
            else "; ".join(f"{who}: {d}" for who, d in dated.items())
        )
        rows.append([labels.get(cap, cap), *states, when or "—"])
    return ["Capability", *names.values(), "Checked"], rows


def benchmark_table(c: dict[str, Any]) -> Table:
    names = display_names(c)
    rows = []
    for row in c["facts"]["benchmarks"]["comparable"]:
        scores = [s["score"] if s else "—" for s in row["scores"]]
        lead = ", ".join(names[m] for m in row["leaders"])
        rows.append([row["name"], row["version"] or "—", row["metric"], *scores, lead])
    return ["Benchmark", "Version", "Metric", *names.values(), "Leads"], rows


def own_scores(c: dict[str, Any]) -> list[tuple[str, list[str]]]:
    """Per model, its scores no other compared model shares, each with its kind and source date."""
    names = display_names(c)
    out = []
    for m, scores in zip(names, c["facts"]["benchmarks"]["own"], strict=True):
        items = [
            f"{s['name']}{_version(s['version'])}: {s['score']}"
            f" ({'self-reported' if s['self_reported'] else 'independent'}, {checked(s['source'])})"
            for s in scores
        ]
        out.append((names[m], items))
    return out


def _version(version: str | None) -> str:
    return f" ({version})" if version else ""


def source_table(tables: dict[str, Any]) -> Table:
    heads = ["Source", "Version", "License", "Snapshot", "Checked dates", "Values cited"]
    rows = [
        [
            s["name"],
            s["version"] or "—",
            s["license"],
            s["retrieved"],
            " to ".join(dict.fromkeys(s["checked"])) if s["checked"] else "none stated",
            str(s["citations"]),
        ]
        for s in tables["sources"]
    ]
    return heads, rows
