"""`cost` and `rank`: what a workload costs, per route of a model or across every model."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

import typer

from modelvs.cli import workload_options as wo
from modelvs.cli.common import (
    DataOption,
    Format,
    PlainOption,
    at_least,
    fail,
    open_catalog,
    parse_on,
    print_json,
    require_released,
    resolve_model,
)
from modelvs.cli.output import Output
from modelvs.engine.monthly import VETTED_RULE, RouteSet, model_costs
from modelvs.engine.quality import arena_credit, score_text
from modelvs.engine.quality import categories as arena_categories
from modelvs.engine.rank import RANK_BASIS, Needs, RankOrder
from modelvs.engine.rank import rank as rank_models
from modelvs.formatting import money
from modelvs.params import ParamError, parse_category, parse_rating
from modelvs.schema.vocab import TRUST_LABELS, Capability, Modality, ModelKind, ProviderTrust
from modelvs.views.costs import cost_view, rank_view
from modelvs.views.escape import md
from modelvs.views.text import TextTable

T = TypeVar("T")

On = typer.Option(
    None, "--on", metavar="DATE", help="Price with the schedules in effect on this date (YYYY-MM-DD)."
)
RoutesOption = typer.Option(
    RouteSet.VETTED,
    "--routes",
    help="vetted (the lab's own API, major clouds, established hosts; the default) or all.",
)
FormatOption = typer.Option(Format.TEXT, "--format", "-f", help="text, json or md.")


def register(app: typer.Typer) -> None:
    app.command()(cost)
    app.command()(rank)


def cost(
    model: str = typer.Argument(..., metavar="MODEL", hidden=True),
    route: str | None = typer.Option(
        None, "--route", metavar="PROVIDER", help="Only this provider (id, e.g. openrouter)."
    ),
    requests: str = wo.Requests,
    input_: str = wo.Input,
    output: str = wo.Output,
    cached: str = wo.Cached,
    reasoning: str = wo.Reasoning,
    batch_share: str = wo.BatchShare,
    on: str | None = On,
    routes: RouteSet = RoutesOption,
    fmt: Format = FormatOption,
    plain: bool = PlainOption,
    data: Path | None = DataOption,
) -> None:
    """What a workload costs a month on every vetted route of a model (or one), fees included.

    MODEL: a canonical id, slug, display name or any alias.
    """
    workload = wo.build_workload(requests, input_, output, cached, reasoning, batch_share)
    catalog = open_catalog(data)
    model_id = resolve_model(catalog, model)
    day = parse_on(on)
    require_released(catalog, model_id, day)
    costs = model_costs(catalog, model_id, workload, day, RouteSet.ALL if route else routes)
    hidden = len(model_costs(catalog, model_id, workload, day, RouteSet.ALL)) - len(costs)
    if route is not None:
        costs = [c for c in costs if c.provider == route]
        hidden = 0
        if not costs:
            known = sorted({c.split(":", 1)[0] for c in catalog.routes_by_model.get(model_id, ())})
            fail(f"{model_id} has no route on {route!r}; it has: {', '.join(known) or 'none'}")
    view = cost_view(catalog, model_id, costs, workload, day)
    if fmt is Format.JSON:
        print_json(view)
        return
    rows = [
        (
            r["provider"]["name"] + (f" @{r['route'].split('@', 1)[1]}" if "@" in r["route"] else ""),
            TRUST_LABELS[ProviderTrust(r["provider"]["trust"])],
            _usd(r["monthly_usd"]) if r["monthly_usd"] is not None else "unknown" if r["incomplete"] else "-",
            _fees(r),
            "; ".join(
                x
                for x in (
                    r["impossible"],
                    r["incomplete"],
                    r["quarantine"] and f"quarantined: {r['quarantine']}",
                )
                if x
            )
            or "; ".join(r["notes"]),
        )
        for r in view["routes"]
    ]
    more = [f"{hidden} more route(s) are not vetted: --routes all lists them."] if hidden else []
    life = view["lifecycle"]
    _emit(
        Output.of(plain),
        fmt,
        f"{view['model']['name']}: monthly cost by route" + (f" ({life})" if life else ""),
        view,
        TextTable(("provider", "trust", "monthly", "fees", "notes"), rows, right=frozenset({2})),
        more,
    )


def rank(
    needs: str | None = typer.Option(
        None,
        "--needs",
        metavar="CAPABILITIES",
        help="Capabilities required, comma separated (e.g. vision,function_calling).",
    ),
    min_context: str | None = typer.Option(
        None, "--min-context", metavar="TOKENS", help=f"Smallest context window ({wo.TOKENS_HELP})."
    ),
    input_modality: list[str] = typer.Option(
        None, "--input-modality", metavar="MODALITY", help="Required input modality (repeatable)."
    ),
    limit: int = typer.Option(
        20, "--limit", metavar="N", callback=at_least(1), help="How many models to list (1 or more)."
    ),
    kind: list[str] = typer.Option(
        None,
        "--kind",
        metavar="KIND",
        help="Model kind (text, embedding, image, ...; repeatable). Default: text.",
    ),
    include_retired: bool = typer.Option(
        False, "--include-retired", help="Also rank deprecated and retired models."
    ),
    routes: RouteSet = RoutesOption,
    min_rating: str | None = typer.Option(
        None,
        "--min-rating",
        metavar="RATING",
        help="Lowest Arena rating (e.g. 1450); unrated models are left out.",
    ),
    rating_category: str | None = typer.Option(
        None,
        "--rating-category",
        metavar="CATEGORY",
        help="Arena category of the ratings (default overall; coding, math, ...).",
    ),
    sort: RankOrder = typer.Option(
        RankOrder.COST, "--sort", help="cost (cheapest first), rating, or value (rating points per dollar)."
    ),
    requests: str = wo.Requests,
    input_: str = wo.Input,
    output: str = wo.Output,
    cached: str = wo.Cached,
    reasoning: str = wo.Reasoning,
    batch_share: str = wo.BatchShare,
    on: str | None = On,
    fmt: Format = FormatOption,
    plain: bool = PlainOption,
    data: Path | None = DataOption,
) -> None:
    """Every model that meets the needs, ranked by monthly cost on its cheapest route (or by rating)."""
    workload = wo.build_workload(requests, input_, output, cached, reasoning, batch_share)
    wanted = Needs(
        capabilities=frozenset(_vocab(Capability, needs.split(",") if needs else [], "--needs")),
        min_context=wo.parse_count(min_context, "--min-context") if min_context else None,
        input_modalities=frozenset(_vocab(Modality, input_modality or [], "--input-modality")),
        kinds=frozenset(_vocab(ModelKind, kind or [], "--kind")) or frozenset({ModelKind.TEXT}),
        include_retired=include_retired,
        routes=routes,
        min_rating=_param(parse_rating, min_rating),
        rating_category=_param(parse_category, rating_category),
    )
    catalog = open_catalog(data)
    known = [c for c, _ in arena_categories(catalog)]
    if wanted.rating_category not in known:
        fail(f"--rating-category: unknown category {wanted.rating_category!r}; known: {', '.join(known)}")
    day = parse_on(on)
    ranked = rank_models(catalog, wanted, workload, day, limit, sort)
    view = rank_view(catalog, ranked, wanted, workload, day)
    if fmt is Format.JSON:
        print_json(view)
        return
    rated = sort is not RankOrder.COST or wanted.min_rating is not None
    rows = [
        (
            str(m["rank"]),
            m["model"]["name"],
            m["model"]["id"],
            m["provider"]["name"],
            _usd(m["monthly_usd"]),
            *((_rating(m["rating"]),) if rated else ()),
            _fees(m),
        )
        for m in view["models"]
    ]
    _emit(
        Output.of(plain),
        fmt,
        f"{_TITLES[sort]}: {view['needs']}",
        view,
        TextTable(
            ("#", "model", "id", "cheapest route", "monthly", *(("Arena rating",) if rated else ()), "fees"),
            rows,
            keep=frozenset({2}),  # the id is what the next command takes: never wrapped
            right=frozenset({0, 4}),
        ),
        [
            RANK_BASIS,
            VETTED_RULE
            if routes is RouteSet.VETTED
            else "All routes, resellers and unchecked prices included.",
            *(
                (f"Arena ratings credited to {credit}.",)
                if rated and (credit := arena_credit(catalog))
                else ()
            ),
        ],
    )


def _emit(
    out: Output,
    fmt: Format,
    title: str,
    view: dict[str, Any],
    table: TextTable,
    extra: Sequence[str] = (),
) -> None:
    footer = [
        f"Workload: {view['workload']['description']}.",
        f"Prices in effect on {view['on']}.",
        view["tie_rule"],
        *extra,
    ]
    if fmt is Format.MD:
        headers = table.headers
        lines = [f"## {md(title)}", "", "| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
        lines += ["| " + " | ".join(md(c) for c in row) + " |" for row in table.rows]
        lines += ["", *(md(line) for line in footer)]
        out.raw("\n".join(lines))
        return
    out.table(dataclasses.replace(table, title=title))
    out.lines(footer)


_TITLES = {
    RankOrder.COST: "Cheapest models needing",
    RankOrder.RATING: "Highest-rated models needing",
    RankOrder.VALUE: "Most Arena rating per dollar, needing",
}


def _param(parse: Callable[[str | None], T], text: str | None) -> T:
    try:
        return parse(text)
    except ParamError as exc:
        fail(f"--{exc.param.replace('_', '-')} {exc.detail}")


def _rating(rating: dict[str, Any] | None) -> str:
    if rating is None:
        return "-"
    score, low, high = (Decimal(rating[k]) for k in ("score", "low", "high"))
    return score_text(score, (high - low) / 2)


def _usd(value: str | None) -> str:
    return money(value) if value is not None else "-"


def _fees(row: dict[str, Any]) -> str:
    return ", ".join(f"{f['percent']}% {f['kind'].replace('_', ' ')}: {money(f['usd'])}" for f in row["fees"])


def _vocab(enum: Any, values: list[str], flag: str) -> list[Any]:
    known = {e.value: e for e in enum}
    found = []
    for value in (v.strip() for v in values if v.strip()):
        if value not in known:
            fail(f"{flag}: unknown {value!r}; known: {', '.join(known)}")
        found.append(known[value])
    return found
