"""Site pages: home and methodology (model pages: `model_page`, provider pages: `provider_page`)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from modelvs.catalog.lifecycle import LIFECYCLE_RULE
from modelvs.catalog.notability import NOTABILITY_RULE
from modelvs.catalog.search import SEARCH_RULE
from modelvs.catalog.trust import COMPLETENESS_RULE, SANITY_RULE, TRUST_RULE
from modelvs.engine.compare import SIMILARITY_RULE
from modelvs.engine.compare.benchmarks import BEST_SETTING_RULE
from modelvs.engine.compare.capabilities import TAG_RULES
from modelvs.engine.compare.offers import HEADLINE_RULE
from modelvs.engine.lifecycle_note import LIFECYCLE_NOTE_RULE
from modelvs.engine.monthly import TIE_RULE, VETTED_RULE
from modelvs.engine.quality import FRONTIER_RULE
from modelvs.engine.quality import TIE_RULE as RATING_TIE_RULE
from modelvs.engine.rank import RANK_BASIS
from modelvs.sources.kinds import KIND_RULES_TEXT
from modelvs.storage import SEED_RULE
from modelvs.sync.data_rules import DATA_RULES
from modelvs.sync.identity import IDENTITY_RULE
from modelvs.sync.results import JOIN_RULE
from modelvs.views.escape import CSV_RULE
from modelvs.web.http.responses import conditional, state_of
from modelvs.web.pages.changes import recent_changes
from modelvs.web.pages.render import page, pair_link

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
                "lifecycle_note": LIFECYCLE_NOTE_RULE,
                "headline": HEADLINE_RULE,
                "rank": RANK_BASIS,
                "csv": CSV_RULE,
            },
            data_rules=DATA_RULES,
            similarity_rule=SIMILARITY_RULE,
            relevance_rules=[NOTABILITY_RULE, SEARCH_RULE],
            quality_rules=[RATING_TIE_RULE, BEST_SETTING_RULE, FRONTIER_RULE, JOIN_RULE],
            credits=[
                {"credit": b.credit, "url": b.url, "license": b.license, "name": b.name}
                for b in cat.benchmarks.values()
                if b.credit
            ],
            tag_rules=[{"label": r.label, "rule": r.rule} for r in TAG_RULES],
            seed_rule=SEED_RULE,
        )

    return conditional(request, make)
