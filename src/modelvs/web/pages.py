"""Site pages: home, model, provider, methodology."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from modelvs.catalog.layout import route_model
from modelvs.catalog.lifecycle import LIFECYCLE_RULE
from modelvs.catalog.sourcing import source_ref
from modelvs.catalog.trust import COMPLETENESS_RULE, SANITY_RULE, TRUST_RULE
from modelvs.engine.compare import SIMILARITY_RULE
from modelvs.engine.compare.capabilities import TAG_RULES
from modelvs.engine.compare.related import related
from modelvs.engine.monthly import TIE_RULE, VETTED_RULE
from modelvs.sources.kinds import KIND_RULES_TEXT
from modelvs.sync.identity import IDENTITY_RULE
from modelvs.views.comparison.prices import price_sources, route_prices
from modelvs.views.comparison.tables import sources_table
from modelvs.views.model import model_view
from modelvs.web.changes import recent_changes
from modelvs.web.http import conditional, redirect, state_of
from modelvs.web.render import model_link, not_found, page, pair_link, suggest
from modelvs.web.seo import RELATED_INPUT_SHARE
from modelvs.web.state import WebState
from modelvs.web.store import SEED_RULE

WHAT = (
    "modelvs tells you which LLM to use, on which provider, and what it will cost at your traffic. "
    "Every price and capability carries its source and checked date; tiered, cached, batch and "
    "routed prices are priced exactly, and the traffic behind every cost is shown and editable."
)


def home(request: Request) -> Response:
    web = state_of(request)
    popular = [link for p, _ in web.popular()[:12] if (link := pair_link(web, p)) is not None]
    cat = web.catalog

    def make() -> Response:
        dataset = {
            "@context": "https://schema.org",
            "@type": "Dataset",
            "name": "modelvs LLM catalog",
            "description": WHAT,
            "dateModified": web.newest_source.isoformat() if web.newest_source else None,
            "version": cat.version,
            "isBasedOn": [s.url for s in cat.sources.values() if s.url],
            "license": "https://opensource.org/licenses/MIT",
        }
        return page(
            request,
            "home.html",
            title="Which LLM, on which provider, at what cost",
            description=WHAT,
            path="/",
            structured=[dataset],
            what=WHAT,
            popular=popular,
            seed_rule=SEED_RULE,
            changes=recent_changes(web),
            counts={"models": len(cat.models), "routes": len(cat.routes), "providers": len(cat.providers)},
            newest=web.newest_source.isoformat() if web.newest_source else "unknown",
        )

    return conditional(request, make, extra=[p["url"] for p in popular])


def model_page(request: Request) -> Response:
    web = state_of(request)
    slug: str = request.path_params["slug"]
    mid = web.by_slug.get(slug)
    if mid is None:
        found = suggest(web.catalog, slug)
        if len(found) == 1 and _exact(web, slug, found[0]):
            return redirect(f"/models/{web.catalog.slugs[found[0]]}")
        return not_found(request, f"No model has the slug {slug[:100]!r}.", [slug])
    on = web.today()

    def make() -> Response:
        view = model_view(web.catalog, mid, on)
        name = web.catalog.models[mid].name
        refs = [f["source"] for f in view["facts"] if f["source"]]
        refs += [b["source"] for b in view["benchmarks"]]
        refs += list(price_sources(web.catalog, [mid]))
        return page(
            request,
            "model.html",
            title=view["facts"][0]["value"] if view["facts"] else mid,
            description=f"Facts, prices on every route and benchmarks of {web.catalog.models[mid].name}.",
            path=f"/models/{slug}",
            view=view,
            prices=route_prices(web.catalog, mid, name, on),
            related=_related(web, mid),
            sources=sources_table(web.catalog, refs),
        )

    return conditional(request, make)


def _exact(web: WebState, name: str, mid: str) -> bool:
    try:
        return web.catalog.resolve(name[:200]) == mid
    except LookupError:
        return False


def _related(web: WebState, mid: str) -> list[dict[str, str]]:
    sets = related(web.catalog, [mid], RELATED_INPUT_SHARE, web.today())
    links = []
    for group in sets:
        for c in group.candidates:
            link = pair_link(web, c.pair)
            if link is not None:
                links.append(link)
    return links


def provider_page(request: Request) -> Response:
    web = state_of(request)
    pid: str = request.path_params["provider"]
    provider = web.catalog.providers.get(pid)
    if provider is None:
        close = [p for p in web.catalog.providers if pid.lower()[:4] in p][:5]
        return not_found(
            request, f"No provider has the id {pid[:100]!r}. Close: {', '.join(close) or 'none'}."
        )

    def make() -> Response:
        cat = web.catalog
        on = web.today()
        rows = []
        for rid in sorted(cat.routes_by_provider.get(pid, ())):
            route = cat.routes[rid]
            mid = route_model(rid)
            current = [s for s in route.prices if s.applies_on(on)]
            modes = ", ".join(sorted({s.mode.value for s in current})) or "no price in effect"
            rows.append(
                {"model": model_link(web, mid), "provider_model_id": route.provider_model_id, "modes": modes}
            )
        fees = [
            {
                "kind": f.kind.value,
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
            description=f"Models sold by {provider.name}, its kind and its fees.",
            path=f"/providers/{pid}",
            provider=provider,
            provider_id=pid,
            kind=provider.kind.value,
            fees=fees,
            routes=rows,
        )

    return conditional(request, make)


def methodology(request: Request) -> Response:
    web = state_of(request)

    def make() -> Response:
        cat = web.catalog
        sources = [
            {
                "id": sid,
                "name": s.name,
                "version": s.version,
                "license": s.license,
                "retrieved": s.retrieved.isoformat(),
                "url": s.url,
                "kind": s.kind.value,
                "description": s.description,
            }
            for sid, s in sorted(cat.sources.items())
        ]
        return page(
            request,
            "methodology.html",
            title="Methodology and sources",
            description="Where every number comes from; how prices, tiers, tags and verdicts are computed.",
            path="/methodology",
            sources=sources,
            tie_rule=TIE_RULE,
            rules={
                "vetted": VETTED_RULE,
                "trust": TRUST_RULE,
                "sanity": SANITY_RULE,
                "completeness": COMPLETENESS_RULE,
                "identity": IDENTITY_RULE,
                "kinds": KIND_RULES_TEXT,
                "lifecycle": LIFECYCLE_RULE,
            },
            similarity_rule=SIMILARITY_RULE,
            tag_rules=[{"label": r.label, "rule": r.rule} for r in TAG_RULES],
            seed_rule=SEED_RULE,
        )

    return conditional(request, make)
