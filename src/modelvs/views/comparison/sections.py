"""The comparison page's sections, in page order: one registry entry each.

A new section is one `Entry` here (its id, title, whether it depends on the workload, whether it
is in view when the page opens, and the function that builds its body), plus its lines in each
renderer: a function in `web/pages/compare_html.py`, `markdown.py` and `text.py`, each found by the
section's id.

Sections that do not depend on the workload (`live=False`) are built once per catalog, models,
day and host and shared by every workload (`static_sections`); their sentences are checked
against the workload-independent sentences said above them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from modelvs.catalog import Catalog
from modelvs.engine.compare import Comparison
from modelvs.engine.compare.facts import sources
from modelvs.engine.compare.types import join
from modelvs.views.blocks import Link
from modelvs.views.charts import blend_chart, prompt_chart, route_chart, value_chart
from modelvs.views.comparison import tables
from modelvs.views.comparison.build import Context, Said, Shell, flags
from modelvs.views.comparison.page import (
    Answer,
    Benchmarks,
    CostSection,
    DeepDive,
    Faq,
    Headline,
    Paragraph,
    Popular,
    Pricing,
    Question,
    Related,
    Rule,
    Scorecard,
    Sources,
    Switch,
    SwitchSection,
    Topic,
    Tradeoffs,
)
from modelvs.views.comparison.prices import memo, price_sources, route_fees, route_prices

CAPABILITY_NOTE = "Unknown means no source in the catalog says either way; it is never read as no."
PRICING_NOTE = (
    "Rates are USD per 1M tokens for every route, mode and tier in effect. Tiers are a cliff: a request"
    " whose whole prompt crosses the threshold bills all its tokens at the tier's rates."
)
NO_TRADEOFF = "No model alone leads any signal by a clear margin."
IN_HEADLINE = ("monthly_cost",)
"""Scorecard rows the answer above already states (the headline costs): not printed twice."""


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    live: bool
    """Depends on the workload: rebuilt (and swapped in by the live form) for each workload."""
    open: bool
    """In view when the page opens; else one click away (collapsed) in HTML."""
    build: Callable[[Context], object | None]
    """The section's body, or None when the page has nothing to show there."""
    shared: bool = True
    """Built once for every workload when not `live`; else for each page (page views move it)."""


def _headline(c: Comparison) -> tuple[Headline, ...]:
    names = c.names
    savings = {s.model: f"{s.label}, {s.phrase()}" for s in c.facts.monthly.savings}
    out = []
    for cost in c.facts.monthly.costs:
        if cost.monthly is None:
            out.append(Headline(cost.model, names[cost.model], "no price", cost.reason or "", False))
            continue
        fees = "".join(f", including a {f.percent.text} fee" for f in cost.fees)
        lead = cost.model in c.facts.monthly.cheapest
        out.append(
            Headline(
                cost.model,
                names[cost.model],
                cost.monthly.text,
                f"a month on {cost.provider}{fees}",
                lead,
                savings.get(cost.model, ""),
            )
        )
    return tuple(out)


def answer(x: Context) -> Answer:
    c, f = x.c, x.c.facts
    verdict, stated = c.prose.conclusion, f.workload.sentence(x.names)
    x.said.take([c.prose.verdict, verdict, stated])
    life = x.said.join([f.lifecycle.sentence(x.names)]) if f.lifecycle.ended() else ""
    quality = x.said.join([c.prose.quality])
    return Answer(verdict, stated, _headline(c), quality, life, flags([m.slug for m in c.models]))


def scorecard(x: Context) -> Scorecard:
    rules = tuple(Rule(r.label, r.rule) for r in x.c.facts.tags.rules)
    return Scorecard(tables.scorecard_table(x.c, skip=IN_HEADLINE), rules)


def tradeoffs(x: Context) -> Tradeoffs:
    return Tradeoffs(x.said.take([*x.c.verdicts.choose, *x.c.verdicts.tradeoffs]) or (NO_TRADEOFF,))


def monthly_cost(x: Context) -> CostSection:
    f = x.c.facts
    return CostSection(
        tables.cost_table(x.c), route_chart(x.c), x.said.take([x.c.prose.headline_rule, f.monthly.tie_rule])
    )


def switch(x: Context) -> SwitchSection:
    names = x.names
    return SwitchSection(
        tuple(
            Switch(
                f"From {join([names[m] for m in (d.source, *d.also_from)])} to {names[d.target]}",
                x.said.take(d.bullets),
            )
            for d in x.c.verdicts.switch
        )
    )


def faq(x: Context) -> Faq:
    """Every question the engine answers; each answer stands alone, so it is not checked against
    the sentences above (none of them is one of those)."""
    return Faq(tuple(Question(q.id, q.question, q.answer) for q in x.c.faq))


def deep_dive(x: Context) -> DeepDive:
    """Rates, the blend at your input share, break-even, tier cliffs and what caching or batch
    change, with the charts of per-request cost, blend and quality per dollar."""
    charts = (
        prompt_chart(x.c),
        blend_chart(x.c),
        value_chart(x.catalog, x.c.value, x.names),
    )
    cost = x.said.take(x.paragraph("cost"))
    paragraphs = (Paragraph("How the costs come about", cost),) if cost else ()
    return DeepDive(paragraphs, tuple(ch for ch in charts if ch is not None))


def specs(x: Context) -> Topic:
    freshness = x.c.facts.freshness.sentence(x.names)
    lifecycle = [s for s in x.paragraph("lifecycle") if s != freshness]
    return Topic(x.said.take([*x.paragraph("limits"), *lifecycle]), tables.spec_table(x.c))


def capabilities(x: Context) -> Topic:
    return Topic(x.said.take(x.paragraph("capabilities")), tables.capability_table(x.c), (CAPABILITY_NOTE,))


def benchmarks(x: Context) -> Benchmarks:
    f, names = x.c.facts, x.names
    rows = tables.benchmark_rows(f.benchmarks, names)
    return Benchmarks(
        x.said.take(x.paragraph("benchmarks")),
        rows,
        tables.benchmark_table(rows, names) if rows else None,
        tables.own_scores(f.benchmarks, names),
        tables.benchmark_credits(f.benchmarks),
    )


def pricing(x: Context) -> Pricing:
    names = x.names
    return Pricing(
        x.said.take([*x.paragraph("where"), PRICING_NOTE]),
        tuple(route_prices(x.catalog, m.id, names[m.id], x.on) for m in x.c.models),
        x.said.take(route_fees(x.catalog, names)),
    )


def related(x: Context) -> Related:
    c, names = x.c, x.names
    links: dict[str, Link] = {}
    for group in c.related:
        for cand in group.candidates:
            url = f"/compare/{cand.pair}"
            if url not in links and x.shell.linkable(cand.pair):
                note = f"({', '.join(cand.reasons)})" if cand.reasons else ""
                links[url] = Link(url, f"{names[group.model]} vs {cand.name}", note)
    rule = c.related[0].rule if c.related else ""
    x.said.take([rule])
    return Related(tuple(links.values()), rule)


def popular(x: Context) -> Popular | None:
    return Popular(x.shell.popular) if x.shell.popular else None


def checked_sources(x: Context) -> Sources:
    c, f = x.c, x.c.facts
    refs = [ref for ref, _ in sources(f)] + list(price_sources(x.catalog, x.names))
    said = x.said.take(
        [
            f.freshness.sentence(x.names),
            f"Prices in effect on {c.on.isoformat()}; comparison format version {c.version}.",
        ]
    )
    return Sources(said, tables.sources_table(x.catalog, refs))


SECTIONS: tuple[Entry, ...] = (
    Entry("answer", "Verdict", True, True, answer),
    Entry("scorecard", "Decision scorecard", True, True, scorecard),
    Entry("tradeoffs", "Tradeoffs", True, True, tradeoffs),
    Entry("monthly-cost", "Monthly cost at your traffic", True, True, monthly_cost),
    Entry("switch", "Switch friction", True, True, switch),
    Entry("faq", "FAQ", True, True, faq),
    Entry("deep-dive", "Deep dive: blend, break-even, tiers and what-ifs", True, False, deep_dive),
    Entry("specs", "Specs", False, False, specs),
    Entry("capabilities", "Capabilities", False, False, capabilities),
    Entry("benchmarks", "Benchmarks", False, False, benchmarks),
    Entry("pricing", "Prices by route", True, False, pricing),
    Entry("related", "Related comparisons", False, True, related),
    Entry("popular", "Popular comparisons", False, True, popular, shared=False),
    Entry("sources", "Checked dates and sources", True, False, checked_sources),
)
"""Every section, in page order."""
LIVE = tuple(e.id for e in SECTIONS if e.live)


def static_sections(catalog: Catalog, c: Comparison, shell: Shell) -> dict[str, object]:
    """The bodies of the sections that no workload changes, built once per catalog, models, day
    and host. Their ledger starts with what the live sections above say that no workload changes."""
    key = ("static sections", tuple(m.id for m in c.models), c.on, shell.path, shell.linkable)

    def make() -> dict[str, object]:
        f, names = c.facts, c.names
        said = Said(
            [*c.prose.intro[:1], c.prose.quality, f.lifecycle.sentence(names) if f.lifecycle.ended() else ""]
        )
        x = Context(catalog, c, None, shell, said)
        out = {}
        for entry in SECTIONS:
            if not entry.live and entry.shared and (body := entry.build(x)) is not None:
                out[entry.id] = body
        return out

    return memo(key, catalog, make)
