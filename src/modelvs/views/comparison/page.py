"""`ComparisonPage`: everything a comparison page shows, built once from the engine's `Comparison`.

HTML, Markdown, text and JSON render this one object; templates read its fields and invent
nothing. The page is a list of `Section`s in page order, each with a typed body: the answer for
the reader's workload first (verdict, scorecard, tradeoffs, monthly cost, switch friction, FAQ),
then the evidence (deep dive, specs, capabilities, benchmarks, prices by route, sources), which
HTML keeps one click away. Every sentence appears once on the page (the FAQ's answers stand alone).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

from modelvs.views.blocks import Chart, Link, Table
from modelvs.views.workload_form import WorkloadForm

B = TypeVar("B")
PAGE_VERSION = "2"
"""Changes whenever a field of the page JSON is renamed or removed."""


@dataclass(frozen=True)
class ModelHead:
    """A compared model as the page names it."""

    id: str
    slug: str
    name: str
    """Display name; two models that share one are told apart by id."""
    lab: str
    url: str
    """Its model page."""


@dataclass(frozen=True)
class Section:
    """A section of the page, in page order, with its body (one of the dataclasses below)."""

    id: str
    title: str
    live: bool
    """Depends on the workload: replaced in place when the reader edits the workload."""
    open: bool
    """In view when the page opens; else collapsed in HTML (one click away) and written out in full
    by the other formats."""
    body: object


@dataclass(frozen=True)
class Headline:
    """One model's headline cost at the workload."""

    model: str
    name: str
    cost: str
    """`$4,600`, or `no price` when no vetted route can run the workload."""
    detail: str
    """`a month on Google AI Studio (Gemini API)`, or why there is no price."""
    lead: bool
    """Cheapest at the workload (several when they print the same)."""
    saving: str = ""
    """Where a cheaper route than the headline exists: `the cheapest vetted route, GMI Cloud:
    $9,225, 10% less`."""


@dataclass(frozen=True)
class Answer:
    """The answer for the reader's workload: what the page says first."""

    verdict: str
    """Who is cheaper at the workload and by how much; the costs themselves are the `headline`."""
    workload: str
    """The traffic every cost on the page is for, in one sentence."""
    headline: tuple[Headline, ...]
    quality: str = ""
    """What the independent ratings say (the Arena's, with intervals), beside the cost verdict."""
    lifecycle: str = ""
    """Which compared models are deprecated or retired (`X is retired on 2026-01-05`), said first."""
    flags: str = ""
    """How the command line changes the workload (the HTML page has the form instead)."""


@dataclass(frozen=True)
class Rule:
    """A stated rule (a use-case tag, say) and what earns it."""

    label: str
    rule: str


@dataclass(frozen=True)
class Scorecard:
    table: Table
    """Every signal, every model's value, and who leads it; the use-case tags last."""
    tag_rules: tuple[Rule, ...]


@dataclass(frozen=True)
class Tradeoffs:
    """When the answer changes: `Choose X when ...` per model, and what flips the cheaper model."""

    bullets: tuple[str, ...]


@dataclass(frozen=True)
class CostSection:
    """Monthly cost at the workload: per model and scenario, and the chart of it by route."""

    table: Table
    chart: Chart | None
    rules: tuple[str, ...]
    """Which rule picked each headline route, and how equal costs are ranked."""


@dataclass(frozen=True)
class Paragraph:
    title: str
    sentences: tuple[str, ...]


@dataclass(frozen=True)
class DeepDive:
    """How the costs come about, in one place: rates, the blend at the workload's input share, the
    break-even ratio, tier cliffs and how caching or batch change the answer; with their charts."""

    paragraphs: tuple[Paragraph, ...]
    charts: tuple[Chart, ...]


@dataclass(frozen=True)
class Switch:
    """What moving traffic from one model to another involves."""

    heading: str
    bullets: tuple[str, ...]


@dataclass(frozen=True)
class SwitchSection:
    directions: tuple[Switch, ...]


@dataclass(frozen=True)
class Topic:
    """A reference section: its sentences, a table, and notes on reading it."""

    sentences: tuple[str, ...]
    table: Table
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class BenchScore:
    """One model's score on one benchmark row, with everything that qualifies it."""

    model: str
    value: str
    low: str | None
    """Lower end of the score's interval, when the source gives one."""
    high: str | None
    votes: str | None
    """Votes or cases behind the score, with the word (`12,345 votes`, `225 cases`)."""
    setting: str | None
    """Harness, prompt or setting the score was measured with."""
    date: str | None
    independent: bool
    """Measured by someone other than the lab (else self-reported)."""
    source: str | None
    """Who to credit: the source's name and version."""
    lead: bool
    measures: tuple[str, ...] = ()
    """Further measures of the run, formatted (`run cost $6.74`, `95.1% of edits well formed`)."""


@dataclass(frozen=True)
class BenchmarkRow:
    """One benchmark, category and version that two or more compared models have: comparable."""

    benchmark: str
    name: str
    category: str | None
    version: str | None
    metric: str
    higher_is_better: bool
    scores: tuple[BenchScore | None, ...]
    """One per compared model, in order; None where a model has no score."""
    tied: bool
    """Statistically tied: the leaders' intervals overlap, so the lead is not a difference."""
    leader: str
    """Who leads, as the table prints it."""


@dataclass(frozen=True)
class OwnScores:
    """A model's scores that no other compared model shares (not comparable)."""

    model: str
    title: str
    """`Other scores for X (not comparable)`."""
    items: tuple[str, ...]


@dataclass(frozen=True)
class Benchmarks:
    sentences: tuple[str, ...]
    rows: tuple[BenchmarkRow, ...]
    table: Table | None
    """`rows` as a table; None when nothing is comparable."""
    own: tuple[OwnScores, ...]
    credits: tuple[str, ...] = ()
    """The credit lines the licences of the scores shown ask for."""


@dataclass(frozen=True)
class RoutePrices:
    """One model's prices on every route: the lab's own route first, then vetted, then the rest."""

    model: str
    summary: str
    current: Table
    """Every schedule in effect (mode and tier) per route."""
    history: Table | None
    """Schedules no longer (or not yet) in effect; None when there are none."""


@dataclass(frozen=True)
class Pricing:
    sentences: tuple[str, ...]
    models: tuple[RoutePrices, ...]
    fees: tuple[str, ...]
    """Fees providers of these routes charge on top of the rates, each once."""


@dataclass(frozen=True)
class Question:
    """A frequently asked question and its answer, complete on its own (search results show it alone)."""

    id: str
    question: str
    answer: str


@dataclass(frozen=True)
class Faq:
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class Related:
    links: tuple[Link, ...]
    """Comparisons of each compared model with its nearest others (only pages that exist)."""
    rule: str


@dataclass(frozen=True)
class Popular:
    links: tuple[Link, ...]
    """The most viewed comparisons (those of the compared models first); empty where none are known."""


@dataclass(frozen=True)
class Sources:
    sentences: tuple[str, ...]
    table: Table
    """Every source cited on the page, once, with its version, license and dates."""


@dataclass(frozen=True)
class ComparisonPage:
    """A comparison page of 2 to 10 models at one workload on one date."""

    version: str
    title: str
    description: str
    """One-line summary (the verdict with the costs) for search results and previews."""
    path: str
    """The page's canonical path."""
    on: str
    """The pricing date (ISO)."""
    models: tuple[ModelHead, ...]
    intro: tuple[str, ...]
    form: WorkloadForm
    sections: tuple[Section, ...]
    """Every section, in page order (`views.comparison.sections.SECTIONS`)."""

    def body(self, section_id: str) -> object | None:
        """The body of the section `section_id`, or None when the page has no such section."""
        return next((s.body for s in self.sections if s.id == section_id), None)

    def get(self, section_id: str, kind: type[B]) -> B:
        """The body of the section `section_id`, which must be a `kind`."""
        body = self.body(section_id)
        if not isinstance(body, kind):
            raise KeyError(f"the page has no {kind.__name__} section {section_id!r}")
        return body
