"""`comparison_page`: the `ComparisonPage` of an engine `Comparison`, for every renderer.

Sentences are the engine's own (facts own their sentences); this module only places them, each
once: a `Said` ledger walks the sections in page order and drops a sentence said above.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from modelvs.catalog import Catalog
from modelvs.engine.compare import Comparison
from modelvs.engine.compare.facts import sources
from modelvs.engine.workload import Workload
from modelvs.views.blocks import Link
from modelvs.views.charts import comparison_charts
from modelvs.views.comparison import tables
from modelvs.views.comparison.page import (
    PAGE_VERSION,
    Answer,
    Benchmarks,
    ComparisonPage,
    CostSection,
    Heading,
    Headline,
    ModelHead,
    Pricing,
    Question,
    Related,
    Rule,
    Scorecard,
    Sources,
    Switch,
    Topic,
)
from modelvs.views.comparison.prices import price_sources, route_fees, route_prices
from modelvs.views.workload_form import WorkloadForm, workload_form

SECTIONS: tuple[Heading, ...] = (
    Heading("answer", "Verdict", True),
    Heading("scorecard", "Decision scorecard", True),
    Heading("tradeoffs", "Tradeoffs", True),
    Heading("monthly-cost", "Monthly cost at your traffic", True),
    Heading("switch", "Switch friction", True),
    Heading("specs", "Specs", False),
    Heading("capabilities", "Capabilities", False),
    Heading("benchmarks", "Benchmarks", False),
    Heading("pricing", "Prices by route", False),
    Heading("faq", "FAQ", True),
    Heading("related", "Related comparisons", True),
    Heading("popular", "Popular comparisons", False),
    Heading("sources", "Checked dates and sources", True),
)
"""Every section, in page order; `live` ones are re-rendered when the workload changes."""
LIVE = tuple(h.id for h in SECTIONS if h.live)
CAPABILITY_NOTE = "Unknown means no source in the catalog says either way; it is never read as no."
PRICING_NOTE = (
    "Rates are USD per 1M tokens for every route, mode and tier in effect. Tiers are a cliff: a request"
    " whose whole prompt crosses the threshold bills all its tokens at the tier's rates."
)
NO_TRADEOFF = "No model alone leads any signal by a clear margin."
_SENTENCE_END = re.compile(r"(?<=[.?!])\s+(?=[A-Z$])")


@dataclass(frozen=True)
class Shell:
    """What the page's host decides: its URLs, which pairs have pages, the popular list."""

    path: str
    """The canonical path (`/compare/a-vs-b`, `/compare?models=a,b,c`)."""
    action: str
    """Where the workload form submits."""
    fragment: str | None
    """The live-sections endpoint; None where nothing prices another workload (static build)."""
    hidden: tuple[tuple[str, str], ...] = ()
    linkable: Callable[[str], bool] = lambda pair: True
    """Whether a canonical pair slug has a page (the static build writes only some)."""
    popular: tuple[Link, ...] = field(default=())


class Said:
    """The sentences already on the page, in page order."""

    def __init__(self) -> None:
        self._seen: set[str] = set()

    def take(self, sentences: Iterable[str]) -> tuple[str, ...]:
        """The sentences not said yet (and not blank), now said."""
        fresh = []
        for s in sentences:
            if s and s not in self._seen:
                self._seen.add(s)
                fresh.append(s)
        return tuple(fresh)


def split(text: str) -> list[str]:
    """A run of sentences, one per item."""
    return [s for s in _SENTENCE_END.split(text) if s]


def _form(workload: Workload, shell: Shell, slugs: list[str]) -> WorkloadForm:
    flags = (
        "Change it with --requests, --input, --output, --cached, --reasoning and --batch-share"
        f" (modelvs compare {' '.join(slugs)} --requests 2M --input 3k)."
    )
    return workload_form(workload, shell.action, shell.fragment, LIVE, shell.hidden, flags)


def _headline(c: Comparison) -> tuple[Headline, ...]:
    names = c.names
    savings = {s.model: f"{s.label}, {s.phrase()}" for s in c.facts.monthly.savings}
    out = []
    for cost in c.facts.monthly.costs:
        if cost.monthly is None:
            out.append(Headline(cost.model, names[cost.model], "no price", cost.reason or "", False))
            continue
        fees = "".join(f", including a {f.percent.text} fee" for f in cost.fees)
        detail = f"a month on {cost.provider}{fees}"
        lead = cost.model in c.facts.monthly.cheapest
        out.append(
            Headline(
                cost.model, names[cost.model], cost.monthly.text, detail, lead, savings.get(cost.model, "")
            )
        )
    return tuple(out)


def _paragraphs(c: Comparison) -> dict[str, tuple[str, ...]]:
    return {p.id: p.sentences for p in c.prose.deep_dive}


def _related(c: Comparison, shell: Shell) -> Related:
    names = c.names
    links: dict[str, Link] = {}
    for group in c.related:
        for cand in group.candidates:
            url = f"/compare/{cand.pair}"
            if url not in links and shell.linkable(cand.pair):
                note = f"({', '.join(cand.reasons)})" if cand.reasons else ""
                links[url] = Link(url, f"{names[group.model]} vs {cand.name}", note)
    return Related(tuple(links.values()), c.related[0].rule if c.related else "")


def comparison_page(catalog: Catalog, c: Comparison, workload: Workload, shell: Shell) -> ComparisonPage:
    """The page of comparison `c` (computed at `workload`), as `shell` hosts it."""
    names = c.names
    f = c.facts
    said = Said()
    paragraphs = _paragraphs(c)
    on: dt.date = c.on
    slugs = [m.slug for m in c.models]
    intro = said.take(c.prose.intro[:1])
    verdict, stated = c.prose.verdict, f.workload.sentence(names)
    said.take([verdict, stated])
    life = " ".join(said.take([f.lifecycle.sentence(names)])) if f.lifecycle.ended() else ""
    choose = said.take(c.verdicts.choose)
    quality = " ".join(said.take([c.prose.quality]))
    answer = Answer(verdict, stated, _headline(c), choose, quality, life)
    scorecard = Scorecard(tables.scorecard_table(c), tuple(Rule(r.label, r.rule) for r in f.tags.rules))
    tradeoffs = said.take(c.verdicts.tradeoffs) or (NO_TRADEOFF,)
    costs = CostSection(
        tables.cost_table(c),
        said.take(paragraphs.get("cost", ())),
        said.take([c.prose.headline_rule, f.monthly.tie_rule]),
        comparison_charts(catalog, c, workload, on),
    )
    switch = tuple(
        Switch(f"From {names[d.source]} to {names[d.target]}", said.take(d.bullets))
        for d in c.verdicts.switch
    )
    freshness = f.freshness.sentence(names)
    lifecycle = [s for s in paragraphs.get("lifecycle", ()) if s != freshness]
    specs = Topic(said.take([*paragraphs.get("limits", ()), *lifecycle]), tables.spec_table(c))
    capabilities = Topic(
        said.take(paragraphs.get("capabilities", ())), tables.capability_table(c), (CAPABILITY_NOTE,)
    )
    rows = tables.benchmark_rows(f.benchmarks, names)
    own = tables.own_scores(f.benchmarks, names)
    benchmarks = Benchmarks(
        said.take(paragraphs.get("benchmarks", ())),
        rows,
        tables.benchmark_table(rows, names) if rows else None,
        own,
        tables.benchmark_credits(f.benchmarks),
    )
    pricing = Pricing(
        said.take([*paragraphs.get("where", ()), PRICING_NOTE]),
        tuple(route_prices(catalog, m.id, names[m.id], on) for m in c.models),
        said.take(route_fees(catalog, names)),
    )
    faq = tuple(
        Question(q.id, q.question, " ".join(fresh)) for q in c.faq if (fresh := said.take(split(q.answer)))
    )
    related = _related(c, shell)
    said.take([related.rule])
    refs = [ref for ref, _ in sources(f)] + list(price_sources(catalog, names))
    source_section = Sources(
        said.take(
            [freshness, f"Prices in effect on {on.isoformat()}; comparison format version {c.version}."]
        ),
        tables.sources_table(catalog, refs),
    )
    title = " vs ".join(names.values())
    return ComparisonPage(
        PAGE_VERSION,
        title,
        answer.verdict[:300],
        shell.path,
        on.isoformat(),
        tuple(ModelHead(m.id, m.slug, names[m.id], m.lab, f"/models/{m.slug}") for m in c.models),
        intro,
        SECTIONS,
        answer,
        _form(workload, shell, slugs),
        scorecard,
        tradeoffs,
        costs,
        switch,
        specs,
        capabilities,
        benchmarks,
        pricing,
        faq,
        related,
        shell.popular,
        source_section,
    )
