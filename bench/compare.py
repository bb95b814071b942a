"""Comparison speed: facts + prose (+ dict), the page view model and its Markdown for 1,000 random pairs.

Run: `python -m bench.compare [--pairs N] [--tiny]`. Pairs are drawn from the shipped catalog with a
fixed seed; the first pair warms the related-models index, which is built once per catalog and date.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import time
from collections.abc import Callable
from functools import partial

from bench import add_tiny, is_tiny
from modelvs.catalog import load_catalog
from modelvs.engine.compare import compare, comparison_to_dict
from modelvs.engine.workload import DEFAULT_WORKLOAD
from modelvs.views.comparison import Shell, comparison_page
from modelvs.views.comparison.markdown import comparison_markdown

ON = dt.date(2026, 11, 24)
PAIRS = 1_000
SEED = 11


def _micros(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1e6


def _report(label: str, samples: list[float]) -> None:
    p95 = statistics.quantiles(samples, n=20)[-1]
    print(f"{label:<34} median {statistics.median(samples):>9,.0f} µs   p95 {p95:>9,.0f} µs")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=PAIRS)
    add_tiny(parser)
    args = parser.parse_args()
    count = 5 if is_tiny(args) else args.pairs
    catalog = load_catalog()
    rng = random.Random(SEED)
    ids = sorted(catalog.models)
    pairs = [rng.sample(ids, 2) for _ in range(count)]
    compare(catalog, pairs[0], DEFAULT_WORKLOAD, ON)  # warm the related index
    facts, with_dict, tables, markdown = [], [], [], []
    shell = Shell("/compare/pair", "/compare/pair", None)
    for pair in pairs:
        facts.append(_micros(partial(compare, catalog, pair, DEFAULT_WORKLOAD, ON)))
        result = compare(catalog, pair, DEFAULT_WORKLOAD, ON)
        with_dict.append(facts[-1] + _micros(partial(comparison_to_dict, result)))
        tables.append(_micros(partial(comparison_page, catalog, result, DEFAULT_WORKLOAD, shell)))
        page = comparison_page(catalog, result, DEFAULT_WORKLOAD, shell)
        markdown.append(_micros(partial(comparison_markdown, page)))
    print(f"{count:,} random pairs from {len(ids):,} models, prices on {ON}")
    _report("facts + verdicts + prose + FAQ", facts)
    _report("  ... + comparison_to_dict", with_dict)
    _report("page view model (tables, charts)", tables)
    _report("markdown rendering", markdown)
    whole = [a + b + c for a, b, c in zip(facts, tables, markdown, strict=True)]
    _report("whole Markdown page", whole)


if __name__ == "__main__":
    main()
