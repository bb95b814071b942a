"""All facts of a comparison, computed once; prose, verdicts and FAQ only read them."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, ClassVar

from modelvs.catalog import Catalog
from modelvs.catalog.sourcing import SourceRef
from modelvs.engine.monthly import RouteSet, memoised
from modelvs.engine.workload import Workload

from .availability import RoutesFact, SharedProvidersFact, routes_fact, shared_providers_fact
from .benchmarks import BenchmarkFact, RatingFact, benchmark_fact, rating_fact
from .capabilities import CapabilityFact, TagsFact, capability_fact, tags_fact
from .costs import MonthlyFact, ScenarioFact, WorkloadFact, monthly_fact, scenario_facts, workload_fact
from .offers import ModelRoutes, offer
from .rates import (
    BlendFact,
    BreakEvenFact,
    RateFact,
    TierFact,
    blend_fact,
    break_even_fact,
    headline_rates,
    rate_fact,
    tier_facts,
)
from .specs import (
    CutoffFact,
    LicenseFact,
    LifecycleFact,
    LimitFact,
    ModalityFact,
    ParametersFact,
    cutoff_fact,
    license_fact,
    lifecycle_fact,
    limit_fact,
    modality_fact,
    parameters_fact,
)
from .types import Figure


@dataclass(frozen=True)
class FreshnessFact:
    """The oldest and newest dates (checked, else retrieved) among the sources of values on the page."""

    kind: ClassVar[str] = "freshness"
    oldest: dt.date | None
    oldest_field: str | None
    """`model id: field` of a value with the oldest date."""
    newest: dt.date | None

    def sentence(self, names: dict[str, str] | Any) -> str:
        if self.oldest is None or self.newest is None:
            return ""
        if self.oldest == self.newest:
            return f"Every sourced value here was checked or retrieved on {self.oldest.isoformat()}."
        return (
            f"Sourced values here were checked or retrieved between {self.oldest.isoformat()} and"
            f" {self.newest.isoformat()}; each carries its own date."
        )


@dataclass(frozen=True)
class Facts:
    """Every fact kind of a comparison (optional ones are None when the data has nothing to say)."""

    workload: WorkloadFact
    monthly: MonthlyFact
    scenarios: tuple[ScenarioFact, ...]
    rates: tuple[RateFact, ...]
    """Input, output and cache-read, in that order."""
    tiers: tuple[TierFact, ...]
    blend: BlendFact
    break_even: tuple[BreakEvenFact, ...]
    """The cheapest model at the workload against each other one, at the headline routes' rates."""
    shared_providers: SharedProvidersFact
    routes: RoutesFact
    context_window: LimitFact
    max_output: LimitFact
    capabilities: CapabilityFact
    modalities: ModalityFact
    tags: TagsFact
    benchmarks: BenchmarkFact
    rating: RatingFact
    lifecycle: LifecycleFact
    cutoffs: CutoffFact | None
    parameters: ParametersFact | None
    license: LicenseFact
    freshness: FreshnessFact


def build_facts(
    catalog: Catalog,
    model_ids: list[str],
    workload: Workload,
    on: dt.date,
    routes: RouteSet = RouteSet.VETTED,
) -> Facts:
    offers = tuple(offer(catalog, m, workload, on, routes) for m in model_ids)
    wl = workload_fact(workload)
    monthly = monthly_fact(catalog, offers, on, routes)
    specs = memoised(
        catalog, ("spec facts", tuple(model_ids), on), lambda: _spec_facts(catalog, model_ids, on)
    )
    context = specs.context_window
    partial = Facts(
        workload=wl,
        monthly=monthly,
        scenarios=scenario_facts(catalog, model_ids, workload, on, monthly, routes),
        rates=tuple(rate_fact(catalog, offers, c, on) for c in ("input", "output", "cache_read")),
        tiers=tier_facts(catalog, offers, on),
        blend=blend_fact(catalog, offers, wl.input_share, on),
        break_even=_break_evens(catalog, offers, monthly, on),
        shared_providers=shared_providers_fact(catalog, offers),
        routes=routes_fact(catalog, offers),
        context_window=context,
        max_output=specs.max_output,
        capabilities=specs.capabilities,
        modalities=specs.modalities,
        tags=tags_fact(catalog, model_ids, context, monthly),
        benchmarks=specs.benchmarks,
        rating=specs.rating,
        lifecycle=specs.lifecycle,
        cutoffs=specs.cutoffs,
        parameters=specs.parameters,
        license=specs.license,
        freshness=FreshnessFact(None, None, None),
    )
    return dataclasses.replace(partial, freshness=_freshness(partial))


@dataclass(frozen=True)
class _SpecFacts:
    """The facts that do not depend on the workload: computed once per models and day."""

    context_window: LimitFact
    max_output: LimitFact
    capabilities: CapabilityFact
    modalities: ModalityFact
    benchmarks: BenchmarkFact
    rating: RatingFact
    lifecycle: LifecycleFact
    cutoffs: CutoffFact | None
    parameters: ParametersFact | None
    license: LicenseFact


def _spec_facts(catalog: Catalog, model_ids: list[str], on: dt.date) -> _SpecFacts:
    return _SpecFacts(
        limit_fact(catalog, model_ids, "context_window"),
        limit_fact(catalog, model_ids, "max_output"),
        capability_fact(catalog, model_ids),
        modality_fact(catalog, model_ids),
        benchmark_fact(catalog, model_ids),
        rating_fact(catalog, model_ids),
        lifecycle_fact(catalog, model_ids, on),
        cutoff_fact(catalog, model_ids),
        parameters_fact(catalog, model_ids),
        license_fact(catalog, model_ids),
    )


def _break_evens(
    catalog: Catalog, offers: tuple[ModelRoutes, ...], monthly: MonthlyFact, on: dt.date
) -> tuple[BreakEvenFact, ...]:
    rated = [(o.model, *r) for o in offers if (r := headline_rates(catalog, o, on)) is not None]
    if len(rated) < 2:
        return ()
    own = all(o.headline is not None and o.headline is o.lab_route for o in offers)
    label = "the labs' own APIs" if own else "the headline routes"
    # With more than two models: the cheapest at the workload against each other one.
    anchor = next((r for r in rated if r[0] in monthly.cheapest), rated[0])
    return tuple(break_even_fact(anchor, r, label) for r in rated if r is not anchor)


def walk(value: object) -> Iterator[object]:
    """Every dataclass, tuple item and value reachable from `value` (depth first)."""
    yield value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from walk(getattr(value, f.name))
    elif isinstance(value, tuple | list):
        for item in value:
            yield from walk(item)


def figures(value: object) -> list[Figure]:
    """Every figure a fact displays: the only numbers prose may print."""
    return [v for v in walk(value) if isinstance(v, Figure)]


def sources(facts: Facts) -> Iterator[tuple[SourceRef, str]]:
    """Every cited value on the page: its source and `model id: field`."""
    # Explicit rather than a generic walk: this runs for every pair and must stay cheap.
    for f in dataclasses.fields(facts):
        fact = getattr(facts, f.name)
        for item in fact if isinstance(fact, tuple) else (fact,):
            for b in getattr(item, "basis", ()):
                if b.source is not None:
                    yield b.source, f"{b.model}: {b.field}"
    if facts.cutoffs is not None:
        for c in facts.cutoffs.cutoffs:
            if c.source is not None:
                yield c.source, f"{c.model}: knowledge_cutoff"
            for _, ref in c.alternatives:
                yield ref, f"{c.model}: knowledge_cutoff (alternative)"
    for scores in facts.benchmarks.own:
        for s in scores:
            if s.source is not None:
                yield s.source, f"{s.model}: benchmarks.{s.benchmark}"
    for row in facts.benchmarks.comparable:
        for sc in row.scores:
            if sc is not None and sc.source is not None:
                yield sc.source, f"{sc.model}: benchmarks.{sc.benchmark}"


def _freshness(facts: Facts) -> FreshnessFact:
    dated = [
        (dt.date.fromisoformat(ref["checked"] or ref["retrieved"]), where) for ref, where in sources(facts)
    ]
    if not dated:
        return FreshnessFact(None, None, None)
    oldest = min(dated)
    return FreshnessFact(oldest[0], oldest[1], max(dated)[0])
