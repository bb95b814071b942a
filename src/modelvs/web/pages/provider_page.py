"""`/providers/<id>`: who a provider is, its fees, and every model it sells with its prices today,
filtered, sorted and paged (a large aggregator sells hundreds). By default the most notable models
come first (`catalog.notability`) and retired ones last, marked: `/providers/openai` opens on its
current flagships, not on Ada."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from modelvs.catalog import Catalog
from modelvs.catalog.layout import route_model, route_qualifier
from modelvs.catalog.lifecycle import Stage
from modelvs.catalog.names import name_key
from modelvs.catalog.notability import notability
from modelvs.catalog.sourcing import source_ref
from modelvs.catalog.trust import assess, is_vetted
from modelvs.engine.pricing import route_limits, schedule_for
from modelvs.formatting import usd
from modelvs.params import ParamError, parse_int, parse_vocab
from modelvs.schema.vocab import MODEL_KIND_LABELS, TRUST_LABELS, ModelKind, PriceMode
from modelvs.web.http.responses import conditional, state_of
from modelvs.web.http.state import WebState
from modelvs.web.pages.browse import PAGE_SIZE, pager, query_without, sort_links, url_with
from modelvs.web.pages.render import bad_request, not_found, page


@dataclass(frozen=True)
class ProviderRow:
    """One route of the provider, as its table shows it."""

    route: str
    model: str
    name: str
    slug: str
    kind: ModelKind | None
    provider_model_id: str
    qualifier: str | None
    input: Decimal | None
    output: Decimal | None
    cache_read: Decimal | None
    context: int | None
    modes: tuple[str, ...]
    vetted: bool
    flag: str | None
    """Why the prices are quarantined, when they are."""
    retired: bool
    notability: tuple[bool, float, str]
    """The model's place in the default order (`Notability.order`: retired last, then most notable)."""


RELEVANCE = "relevance"
SORTS: dict[str, Callable[[ProviderRow], Any]] = {
    RELEVANCE: lambda o: (o.notability, o.route),
    "model": lambda o: (o.name.casefold(), o.route),
    "input": lambda o: o.input,
    "output": lambda o: o.output,
    "cache_read": lambda o: o.cache_read,
    "context": lambda o: o.context,
}
COLUMNS = (
    ("model", "Model"),
    ("input", "Input"),
    ("output", "Output"),
    ("cache_read", "Cache read"),
    ("context", "Context"),
)


def offers(catalog: Catalog, provider: str, on: dt.date) -> list[ProviderRow]:
    notable = notability(catalog, on)
    found = []
    for rid in sorted(catalog.routes_by_provider.get(provider, ())):
        route = catalog.routes[rid]
        mid = route_model(rid)
        model = catalog.models[mid]
        standard = schedule_for(route, PriceMode.STANDARD, on)
        judged = assess(catalog, rid, on)
        found.append(
            ProviderRow(
                route=rid,
                model=mid,
                name=model.name,
                slug=catalog.slugs[mid],
                kind=model.kind,
                provider_model_id=route.provider_model_id,
                qualifier=route_qualifier(rid),
                input=standard.input if standard else None,
                output=standard.output if standard else None,
                cache_read=standard.cache_read if standard else None,
                context=route_limits(model, route).context_window,
                modes=tuple(sorted({s.mode.value for s in route.prices if s.applies_on(on)})),
                vetted=is_vetted(catalog, rid, on),
                flag=judged.flag if judged.quarantined else None,
                retired=notable[mid].stage is Stage.RETIRED,
                notability=notable[mid].order(),
            )
        )
    return found


def select(
    found: list[ProviderRow], text: str, kinds: frozenset[ModelKind], sort: str, descending: bool
) -> list[ProviderRow]:
    key = name_key(text)
    kept = [
        o
        for o in found
        if (not kinds or (o.kind or ModelKind.TEXT) in kinds)
        and (not key or key in name_key(o.name) or key in name_key(o.provider_model_id) or key in o.model)
    ]
    by = SORTS[sort]
    known = sorted((o for o in kept if by(o) is not None), key=by, reverse=descending)
    return known + [o for o in kept if by(o) is None]


def provider_page(request: Request) -> Response:
    web = state_of(request)
    pid: str = request.path_params["provider"]
    provider = web.catalog.providers.get(pid)
    if provider is None:
        close = [p for p in web.catalog.providers if pid.lower()[:4] in p][:5]
        return not_found(
            request, f"No provider has the id {pid[:100]!r}. Close: {', '.join(close) or 'none'}."
        )
    q = request.query_params
    sort_text = (q.get("sort") or RELEVANCE).strip()
    descending = sort_text.startswith("-")
    sort = sort_text.removeprefix("-")
    try:
        if sort not in SORTS:
            raise ParamError(
                "sort", f"takes one of {', '.join(SORTS)} (-key descending), got {sort_text[:40]!r}"
            )
        kinds = parse_vocab(ModelKind, q.getlist("kind"), "kind")
        page_no = parse_int(q.get("page"), "page", 1, 1, 10_000)
    except ParamError as err:
        return bad_request(request, err.param, err.detail)

    def make() -> Response:
        cat = web.catalog
        on = web.today()
        everything = offers(cat, pid, on)
        chosen = select(everything, (q.get("q") or "")[:200], kinds, sort, descending)
        start = (page_no - 1) * PAGE_SIZE
        path = f"/providers/{pid}"
        fees = [
            {
                "kind": f.kind.value.replace("_", " "),
                "percent": str(f.percent),
                "description": f.description,
                "source": source_ref(cat, provider.citations[f.citation])
                if f.citation in provider.citations
                else None,
            }
            for f in provider.fees
        ]
        return page(
            request,
            "provider.html",
            title=provider.name,
            description=f"The {len(everything):,} models {provider.name} sells, their prices, and its fees.",
            path=path,
            provider=provider,
            provider_id=pid,
            kind=provider.kind.value,
            trust=TRUST_LABELS[provider.trust],
            fees=fees,
            rows=[_row(o) for o in chosen[start : start + PAGE_SIZE]],
            total_routes=len(everything),
            pager=pager(path, q, page_no, len(chosen)),
            sorts=sort_links(path, q, COLUMNS, sort, descending, offered=not web.static),
            filters={
                "q": q.get("q") or "",
                "kinds": [
                    {"value": k.value, "label": label, "selected": k in kinds}
                    for k, label in MODEL_KIND_LABELS.items()
                ],
                "sort": q.get("sort") or "",
            },
            by_relevance=sort == RELEVANCE,
            relevance_url=url_with(path, query_without(q, "page", "sort")),
            price_day=on.isoformat(),
        )

    return conditional(request, make)


def _usd(value: Decimal | None) -> str:
    return "-" if value is None else usd(value)


def _row(o: ProviderRow) -> dict[str, Any]:
    return {
        "url": f"/models/{o.slug}",
        "name": o.name + (f" @{o.qualifier}" if o.qualifier else ""),
        "retired": o.retired,
        "provider_model_id": o.provider_model_id,
        "input": _usd(o.input),
        "output": _usd(o.output),
        "cache_read": _usd(o.cache_read),
        "context": f"{o.context:,}" if o.context else "unknown",
        "modes": ", ".join(o.modes) or "no price in effect",
        "vetted": "yes" if o.vetted else "no",
        "flag": o.flag,
    }


def page_count(web: WebState, params: dict[str, str]) -> int:
    """Pages of a provider's list at its default query (what a static build writes)."""
    rows = select(offers(web.catalog, params["provider"], web.today()), "", frozenset(), "model", False)
    return max(1, (len(rows) + PAGE_SIZE - 1) // PAGE_SIZE)
