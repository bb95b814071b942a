"""The cost charts: monthly cost against traffic, blended price against input share (with the
break-even marked), and price by tier. Figures come from the engine as Decimal; they become floats
only as coordinates, and each chart carries a data table with the exact figures as text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from markupsafe import Markup

from modelvs.catalog import Catalog
from modelvs.engine.analysis import blended_price
from modelvs.engine.compare.offers import standard_schedule
from modelvs.engine.monthly import route_cost
from modelvs.engine.workload import Workload
from modelvs.formatting import io_ratio, money, percent
from modelvs.web import svg

TRAFFIC = (*(m * 10**e for e in range(3, 8) for m in (1, 2, 5)), 10**8)
"""Requests a month the traffic chart prices: 1k to 100M in 1-2-5 steps (16 points)."""
SHARES = tuple(Decimal(i) / 10 for i in range(11))
"""Input shares the blend chart prices: 0% to 100% in 10% steps."""
LAB_APIS = "the labs' own APIs"


@dataclass(frozen=True)
class Chart:
    """A chart: its SVG and the same figures as a table."""

    id: str
    title: str
    svg: Markup
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    note: str


def _rate(value: Decimal) -> str:
    return f"${value.normalize():f}" if value < Decimal("0.01") else money(value)


def _bill(value: Decimal | None) -> str:
    return money(value) if value is not None else "cannot run"


def _provider(catalog: Catalog, route: str) -> str:
    pid = route.split(":", 1)[0]
    provider = catalog.providers.get(pid)
    return provider.name if provider is not None else pid


def traffic_chart(
    catalog: Catalog,
    series: list[tuple[str, str]],
    workload: Workload,
    on: dt.date,
    cid: str = "chart-traffic",
) -> Chart | None:
    """Monthly cost of `workload`'s request profile from 1k to 100M requests, per (name, route)."""
    lines: list[svg.Line] = []
    costs: list[list[Decimal | None]] = []
    for name, route in series:
        values = [
            route_cost(catalog, route, replace(workload, requests_per_month=n), on).monthly for n in TRAFFIC
        ]
        costs.append(values)
        points = tuple(
            (float(n), float(v), f"{name}: {money(v)} a month at {n:,} requests")
            for n, v in zip(TRAFFIC, values, strict=True)
            if v is not None
        )
        if points:
            lines.append(svg.Line(f"{name} ({_provider(catalog, route)})", points))
    positive = [float(v) for vs in costs for v in vs if v is not None and v > 0]
    if not lines or not positive:
        return None
    x = svg.log_axis(TRAFFIC[0], TRAFFIC[-1], "Requests a month (log scale)")
    y = svg.log_axis(min(positive), max(positive), "Monthly cost, USD (log scale)", "usd")
    marks = []
    n = workload.requests_per_month
    if TRAFFIC[0] <= n <= TRAFFIC[-1]:
        marks.append(svg.Mark(float(n), f"your traffic: {n:,}", "you", data=str(n)))
    names = ", ".join(line.name for line in lines)
    desc = (
        f"Monthly cost of requests like yours ({_profile(workload)}) from 1,000 to 100,000,000 a month,"
        f" provider fees included, for {names}. The table below has every figure."
    )
    title = "Monthly cost against traffic"
    rows = tuple((f"{n:,}", *(_bill(vs[i]) for vs in costs)) for i, n in enumerate(TRAFFIC))
    headers = ("Requests a month", *(f"{name} ({_provider(catalog, route)})" for name, route in series))
    note = "Each model on the route the comparison prices it on; both axes are logarithmic."
    return Chart(
        cid, title, Markup(svg.line_chart(cid, title, desc, x, y, lines, marks)), headers, rows, note
    )


def _profile(workload: Workload) -> str:
    p = workload.profiles[0]
    text = f"{p.input_tokens:,} input and {p.output_tokens:,} output tokens"
    if workload.batch_share:
        text += f", {percent(workload.batch_share)} in batch"
    return text


def chart_basis(data: dict[str, Any]) -> tuple[str, dict[str, str]]:
    """Which routes the rate charts read, as the comparison's facts do: the labs' own APIs when
    the facts carry a break-even on them (two models, a lab API is not the cheapest), else each
    model's cheapest route at the workload. Returns (basis label, model id -> route id)."""
    facts = data["facts"]
    if any(b["basis_label"] == LAB_APIS for b in facts["break_even"]) and facts.get("lab_api"):
        return LAB_APIS, {c["model"]: c["route"] for c in facts["lab_api"]["costs"] if c.get("route")}
    return "the cheapest routes", {
        c["model"]: c["route"] for c in facts["monthly"]["costs"] if c.get("route")
    }


def _io_rates(catalog: Catalog, route: str, on: dt.date) -> tuple[Decimal, Decimal] | None:
    schedule = standard_schedule(catalog, route, on)
    if schedule is None or schedule.input is None or schedule.output is None:
        return None
    return schedule.input, schedule.output


def blend_chart(
    catalog: Catalog, data: dict[str, Any], on: dt.date, cid: str = "chart-blend"
) -> Chart | None:
    """Price per 1M tokens against the input share, one line per model, break-evens marked."""
    label, routes = chart_basis(data)
    names = {m["id"]: m["name"] for m in data["models"]}
    rated = {m: r for m, route in routes.items() if (r := _io_rates(catalog, route, on)) is not None}
    if not rated:
        return None
    lines = [
        svg.Line(
            f"{names[m]} ({_provider(catalog, routes[m])})",
            tuple(
                (
                    float(s),
                    float(blended_price(i, o, s)),
                    f"{names[m]}: {_rate(blended_price(i, o, s))} at {percent(s)} input",
                )
                for s in SHARES
            ),
        )
        for m, (i, o) in rated.items()
    ]
    marks: list[svg.Mark] = []
    notes: list[str] = []
    for b in data["facts"]["break_even"]:
        if b["basis_label"] != label or not b["ratio"] or b["models"][0] not in rated:
            continue
        ratio = Decimal(b["ratio"]["value"])
        share = ratio / (1 + ratio)
        i, o = rated[b["models"][0]]
        text = f"break-even {b['ratio']['text']} ({percent(share)} input)"
        marks.append(
            svg.Mark(float(share), text, "break-even", float(blended_price(i, o, share)), f"{share}")
        )
        pair = " and ".join(names[m] for m in b["models"])
        notes.append(
            f"{pair} cost the same per token at {io_ratio(ratio)} input:output ({percent(share)} input)."
        )
    you = Decimal(data["facts"]["workload"]["input_share"]["value"])
    marks.append(svg.Mark(float(you), f"your traffic: {percent(you)}", "you", data=f"{you}"))
    top = max(max(i, o) for i, o in rated.values())
    x = svg.linear_axis(1.0, "Share of tokens that are input", "percent")
    y = svg.linear_axis(float(top), "USD per 1M tokens, blended")
    providers = ", ".join(f"{_provider(catalog, routes[m])} for {names[m]}" for m in rated)
    basis = f"Rates on {label} ({providers}), standard mode."
    desc = f"Blended price per 1M tokens as the input share goes from 0% to 100%. {basis} " + " ".join(notes)
    title = "Cost per 1M tokens against input share"
    rows = tuple((percent(s), *(_rate(blended_price(i, o, s)) for i, o in rated.values())) for s in SHARES)
    headers = ("Input share", *(line.name for line in lines))
    note = " ".join([basis, *notes]) or basis
    return Chart(
        cid, title, Markup(svg.line_chart(cid, title, desc, x, y, lines, marks)), headers, rows, note
    )


KINDS = ("Input, base", "Output, base", "Input, long-context tier", "Output, long-context tier")


def tier_chart(catalog: Catalog, data: dict[str, Any], on: dt.date, cid: str = "chart-tiers") -> Chart | None:
    """Base against long-context tier input and output rates, a group of bars per model."""
    label, routes = chart_basis(data)
    names = {m["id"]: m["name"] for m in data["models"]}
    groups: list[tuple[str, list[svg.Bar], str]] = []
    rows: list[tuple[str, ...]] = []
    top = Decimal(0)
    for m, route in routes.items():
        schedule = standard_schedule(catalog, route, on)
        if schedule is None or schedule.input is None or schedule.output is None:
            continue
        who = f"{names[m]} ({_provider(catalog, route)})"
        bars = [
            svg.Bar(float(schedule.input), 0, f"{who}: input {_rate(schedule.input)} per 1M"),
            svg.Bar(float(schedule.output), 1, f"{who}: output {_rate(schedule.output)} per 1M"),
        ]
        top = max(top, schedule.input, schedule.output)
        tiers = []
        for tier in schedule.tiers:
            t_in = tier.input if tier.input is not None else schedule.input
            t_out = tier.output if tier.output is not None else schedule.output
            when = f"prompt {tier.comparison.value} {tier.threshold:,}"
            bars.append(svg.Bar(float(t_in), 2, f"{who}: input {_rate(t_in)} per 1M, {when}"))
            bars.append(svg.Bar(float(t_out), 3, f"{who}: output {_rate(t_out)} per 1M, {when}"))
            top = max(top, t_in, t_out)
            tiers.append(when)
            rows.append((who, _rate(schedule.input), _rate(schedule.output), when, _rate(t_in), _rate(t_out)))
        if not tiers:
            rows.append((who, _rate(schedule.input), _rate(schedule.output), "none", "", ""))
        groups.append((names[m], bars, "; ".join(tiers) or "no long-context tier"))
    if not groups:
        return None
    y = svg.linear_axis(float(top), "USD per 1M tokens")
    title = "Price by tier"
    basis = f"Standard-mode rates on {label}."
    desc = (
        "Input and output price per 1M tokens at base rates and, where a model has one, on its"
        f" long-context tier (every token of a request over the threshold bills at it). {basis}"
    )
    svg_text = svg.bar_chart(cid, title, desc, groups, KINDS, y)
    headers = (
        "Model (route)",
        "Input, base",
        "Output, base",
        "Long-context tier",
        "Input, tier",
        "Output, tier",
    )
    return Chart(cid, title, Markup(svg_text), headers, tuple(rows), basis)


def comparison_charts(catalog: Catalog, data: dict[str, Any], workload: Workload, on: dt.date) -> list[Chart]:
    """The comparison page's charts, from its comparison dict (`comparison_to_dict`)."""
    names = {m["id"]: m["name"] for m in data["models"]}
    series = [(names[c["model"]], c["route"]) for c in data["facts"]["monthly"]["costs"] if c.get("route")]
    charts = [
        traffic_chart(catalog, series, workload, on),
        blend_chart(catalog, data, on),
        tier_chart(catalog, data, on),
    ]
    return [c for c in charts if c is not None]
