"""Checks of benchmark results (in model files and imported) and of reviewed name joins."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from typing import TYPE_CHECKING

from modelvs.catalog.catalog import Catalog
from modelvs.catalog.problems import Problem

if TYPE_CHECKING:
    from modelvs.schema import Citation
    from modelvs.schema.model import BenchmarkResult


def check_results(catalog: Catalog, broken: Collection[tuple[str, str]] = frozenset()) -> Iterator[Problem]:
    """Every problem of every result and join; models' own results are checked by `checks`.
    A reference to a file in `broken` (one that did not load) is not reported again."""
    for key, imported in catalog.results.items():
        shown = catalog.files.get(("result", key), f"result:{key}")
        benchmark, model = key.split(":", 1)
        if model not in catalog.models and ("model", model) not in broken:
            yield Problem(shown, None, "", f"unknown model {model!r}")
        for i, result in enumerate(imported.results):
            if result.benchmark != benchmark:
                yield Problem(shown, None, f"results.{i}.benchmark", f"is not {benchmark!r}, the folder's")
            yield from result_problems(catalog, shown, f"results.{i}", result, imported.citations, broken)
    for source, table in catalog.joins.items():
        shown = catalog.files.get(("join", source), f"join:{source}")
        if source not in catalog.sources:
            yield Problem(shown, None, "", f"unknown source {source!r}")
        names: set[str] = set()
        for i, join in enumerate(table.joins):
            if join.name in names:
                yield Problem(shown, None, f"joins.{i}.name", f"{join.name!r} is reviewed twice")
            names.add(join.name)
            if (
                join.model is not None
                and join.model not in catalog.models
                and ("model", join.model) not in broken
            ):
                yield Problem(shown, None, f"joins.{i}.model", f"unknown model {join.model!r}")


def result_problems(
    catalog: Catalog,
    shown: str,
    where: str,
    result: BenchmarkResult,
    citations: Mapping[str, Citation],
    broken: Collection[tuple[str, str]] = frozenset(),
) -> Iterator[Problem]:
    """What is wrong with one result: its benchmark, category, version, measures, interval, citation."""
    bench = catalog.benchmarks.get(result.benchmark)
    if bench is None:
        if ("benchmark", result.benchmark) not in broken:
            yield Problem(shown, None, f"{where}.benchmark", f"unknown benchmark {result.benchmark!r}")
        return
    categories = {c.id for c in bench.categories}
    if categories and result.category not in categories:
        yield Problem(shown, None, f"{where}.category", f"category {result.category!r} is not registered")
    if not categories and result.category is not None:
        yield Problem(shown, None, f"{where}.category", f"{result.benchmark!r} has no categories")
    if bench.versions and result.version not in bench.versions:
        yield Problem(shown, None, f"{where}.version", f"version {result.version!r} is not registered")
    for measure in result.measures:
        if measure not in bench.measures:
            yield Problem(shown, None, f"{where}.measures", f"measure {measure!r} is not registered")
    low, high = result.low, result.high
    if (low is None) != (high is None) or (
        low is not None and high is not None and not low <= result.score <= high
    ):
        yield Problem(shown, None, f"{where}.low", "the interval must hold the score (low <= score <= high)")
    if result.citation not in citations:
        yield Problem(shown, None, f"{where}.citation", f"no citation {result.citation!r} in this file")
