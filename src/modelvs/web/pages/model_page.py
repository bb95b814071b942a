"""`/models/<slug>`: a model's cost at the reader's traffic first (the lab's own route first), then
its facts formatted for reading, capabilities, every route's prices, benchmarks and sources."""

from __future__ import annotations

import datetime as dt
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from modelvs.catalog import Catalog
from modelvs.catalog.sourcing import SourceRef
from modelvs.catalog.trust import lab_route
from modelvs.engine.compare.related import related
from modelvs.engine.monthly import VETTED_RULE, RouteCost, RouteSet, model_costs
from modelvs.engine.workload import Workload, describe
from modelvs.formatting import money, usd
from modelvs.params import ParamError, parse_workload
from modelvs.schema.vocab import TRUST_LABELS
from modelvs.views.comparison.prices import price_sources, route_prices
from modelvs.views.comparison.tables import sources_table
from modelvs.views.fact_text import fact_label, fact_text
from modelvs.views.model import model_view
from modelvs.views.text import field_label
from modelvs.views.workload_form import workload_form
from modelvs.web.http.responses import conditional, redirect, state_of
from modelvs.web.http.state import WebState
from modelvs.web.pages.render import bad_request, not_found, page, pair_link, suggest


def model_page(request: Request) -> Response:
    web = state_of(request)
    slug: str = request.path_params["slug"]
    mid = web.by_slug.get(slug)
    if mid is None:
        found = suggest(web, slug)
        if len(found) == 1 and _exact(web, slug, found[0]):
            return redirect(f"/models/{web.catalog.slugs[found[0]]}")
        return not_found(request, f"No model has the slug {slug[:100]!r}.", [slug])
    try:
        workload = parse_workload(request.query_params)
    except ParamError as err:
        return bad_request(request, err.param, err.detail)
    on = web.today()

    def make() -> Response:
        cat = web.catalog
        view = model_view(cat, mid, on)
        costs = ordered_costs(cat, mid, workload, on)
        view = {
            **view,
            "routes": _routes_in_order(view["routes"], [c.route for c in costs], lab_route(cat, mid)),
        }
        every = len(cat.routes_by_model.get(mid, ()))
        others = _alternatives(view["alternatives"])
        return page(
            request,
            "model.html",
            title=cat.models[mid].name,
            description=f"What {cat.models[mid].name} costs at your traffic on every vetted route; its "
            "facts, prices and benchmarks, each with its source.",
            path=f"/models/{slug}",
            view=view,
            slug=slug,
            form=workload_form(workload, f"/models/{slug}", None, (), read_only=web.static),
            workload_text=describe(workload),
            costs=[_cost_row(cat, c, mid) for c in costs],
            unvetted=every - len(costs),
            vetted_rule=VETTED_RULE,
            facts=[
                {
                    "label": fact_label(f["field"]),
                    "text": fact_text(f["field"], f["value"]),
                    "source": f["source"],
                    "others": others.pop(f["field"], []),
                }
                for f in view["facts"]
            ],
            capabilities=[
                {**c, "others": others.pop(f"capabilities.{c['id']}", [])} for c in view["capabilities"]
            ],
            # What no row above shows (a fact the chosen source left empty), with its label.
            alternatives=[{"label": field_label(field), "others": o} for field, o in others.items()],
            prices=route_prices(cat, mid, cat.models[mid].name, on),
            related=_related(web, mid, on),
            sources=sources_table(cat, _sources(cat, mid, view)),
        )

    return conditional(request, make)


def ordered_costs(catalog: Catalog, mid: str, workload: Workload, on: dt.date) -> list[RouteCost]:
    """The vetted routes' monthly costs: the lab's own route first, then cheapest first (the tie rule)."""
    costs = model_costs(catalog, mid, workload, on, RouteSet.VETTED)
    own = lab_route(catalog, mid)
    return sorted(costs, key=lambda c: c.route != own)  # stable: the rest keep the tie rule's order


def _routes_in_order(
    routes: list[dict[str, Any]], by_cost: list[str], own: str | None
) -> list[dict[str, Any]]:
    """The lab's route, then vetted routes by cost, then every other route by id."""
    rank = {rid: i for i, rid in enumerate(by_cost)}
    return sorted(routes, key=lambda r: (r["id"] != own, rank.get(r["id"], len(rank)), r["id"]))


def _cost_row(catalog: Catalog, cost: RouteCost, mid: str) -> dict[str, Any]:
    per_request = cost.requests[0][1].total if len(cost.requests) == 1 else None
    return {
        "provider": catalog.providers[cost.provider].name,
        "provider_id": cost.provider,
        "own": cost.route == lab_route(catalog, mid),
        "trust": TRUST_LABELS[cost.trust],
        "monthly": money(cost.monthly) if cost.monthly is not None else "unknown",
        "per_request": usd(per_request) if per_request is not None else "",
        "fees": "; ".join(
            f"{f.percent}% {f.kind.value.replace('_', ' ')}: {money(f.amount)}" for f in cost.fees
        ),
        "why": cost.why or "; ".join(cost.notes),
    }


def _alternatives(rows: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """What other sources say, by field (`context_window`, `capabilities.temperature`), in words
    (`yes`, `200,000 tokens`), once per value and source (a source may list a model twice)."""
    found: dict[str, dict[tuple[str, str], dict[str, Any]]] = {}
    for a in rows:
        field = a["field"]
        text = fact_text(field.rpartition(".")[2], a["value"])
        source = a["source"]
        found.setdefault(field, {}).setdefault(
            (text, source["name"] if source else ""), {"text": text, "source": source}
        )
    return {field: list(by_value.values()) for field, by_value in found.items()}


def _exact(web: WebState, name: str, mid: str) -> bool:
    try:
        return web.catalog.resolve(name[:200]) == mid
    except LookupError:
        return False


def _sources(catalog: Catalog, mid: str, view: dict[str, Any]) -> list[SourceRef]:
    refs: list[SourceRef] = [f["source"] for f in view["facts"] if f["source"]]
    refs += [b["source"] for b in view["benchmarks"] if b["source"]]
    return refs + list(price_sources(catalog, [mid]))


def _related(web: WebState, mid: str, on: dt.date) -> list[dict[str, str]]:
    links = []
    for group in related(web.catalog, [mid], on):
        for c in group.candidates:
            link = pair_link(web, c.pair, f"({', '.join(c.reasons)})")
            if link is not None:
                links.append(link)
    return links
