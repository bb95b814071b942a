"""`compare()`: facts, then verdicts, prose, FAQ and related comparisons, in one frozen result."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from modelvs.catalog import Catalog
from modelvs.catalog.lifecycle import require_released
from modelvs.engine.monthly import RouteSet
from modelvs.engine.value import ValueMap, value_map
from modelvs.engine.workload import Workload

from .curves import Curves, curves
from .facts import Facts, build_facts
from .faq import FaqEntry, faq
from .prose import Prose, prose
from .related import RelatedSet, related
from .types import ModelRef
from .verdicts import Verdicts, verdicts

COMPARISON_VERSION = "2"
MIN_MODELS, MAX_MODELS = 2, 10


def model_count_problem(count: int) -> str | None:
    """What is wrong with comparing `count` different models (`takes 2 to 10 models, got 11`), or
    None: every shell that takes a list of models says it with this."""
    if MIN_MODELS <= count <= MAX_MODELS:
        return None
    return f"takes {MIN_MODELS} to {MAX_MODELS} models, got {count}"


@dataclass(frozen=True)
class Comparison:
    """A comparison of 2 to 10 models at one workload on one date; everything derives from `facts`."""

    version: str
    on: dt.date
    models: tuple[ModelRef, ...]
    facts: Facts
    verdicts: Verdicts
    prose: Prose
    faq: tuple[FaqEntry, ...]
    related: tuple[RelatedSet, ...]
    value: ValueMap
    """Quality per dollar at the workload: every rated model, the compared ones highlighted."""
    curves: Curves
    """What the charts draw: a request's cost against its prompt length, the blend against the
    input share."""

    @property
    def names(self) -> dict[str, str]:
        """Model id -> the name every sentence uses (`display_names`)."""
        return display_names(self.models)


def compare(
    catalog: Catalog,
    model_ids: list[str],
    workload: Workload,
    on: dt.date,
    routes: RouteSet = RouteSet.VETTED,
) -> Comparison:
    """Compare models (ids, slugs or aliases) at `workload` with the prices in effect on `on`,
    on vetted routes unless `routes` is `all`; `NotYetReleasedError` when `on` is before a
    model's release."""
    ids = [catalog.resolve(m) for m in model_ids]
    if len(set(ids)) != len(ids):
        raise ValueError("a model appears twice in the comparison")
    if (problem := model_count_problem(len(ids))) is not None:
        raise ValueError(f"compare {problem}")
    for m in ids:
        require_released(m, catalog.models[m], on)  # a price from before a model existed is no answer
    refs = tuple(ModelRef(m, catalog.slugs[m], catalog.models[m].name, _lab_name(catalog, m)) for m in ids)
    names = display_names(refs)
    facts = build_facts(catalog, ids, workload, on, routes)
    return Comparison(
        COMPARISON_VERSION,
        on,
        refs,
        facts,
        verdicts(facts, names),
        prose(refs, facts, names),
        faq(facts, names),
        related(catalog, ids, on),
        value_map(catalog, workload, on, ids),
        curves(catalog, facts, workload, on),
    )


def _lab_name(catalog: Catalog, model_id: str) -> str:
    lab = catalog.labs.get(model_id.split("/", 1)[0])
    return lab.name if lab is not None else model_id.split("/", 1)[0]


def display_names(refs: tuple[ModelRef, ...]) -> dict[str, str]:
    """Model id -> name as the page prints it; two models that share a name (a dated snapshot and
    its alias) are told apart by id."""
    counts: dict[str, int] = {}
    for r in refs:
        counts[r.name] = counts.get(r.name, 0) + 1
    return {r.id: r.name if counts[r.name] == 1 else f"{r.name} ({r.id})" for r in refs}
