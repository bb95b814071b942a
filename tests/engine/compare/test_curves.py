"""A comparison's curves are kept per workload shape: the same answer as priced in a fresh process."""

from __future__ import annotations

from modelvs.catalog import Catalog, load_catalog
from modelvs.engine.compare import compare
from modelvs.engine.workload import Profile, Workload

from .conftest import ON

PAIR = ["google/gemini-3.1-pro-preview", "openai/gpt-4o-2024-11-20"]
WORKLOADS = [
    Workload(1_000),
    Workload(987_654_321),  # the same shape at another request count
    Workload(1_000, (Profile(300_000, 800),)),  # over Gemini's tier: a cliff the curve draws
    Workload(1_000, (Profile(300_000, 5_000),)),
    Workload(1_000, (Profile(300_000, 5_000, reasoning_tokens=2_000),)),
    Workload(77, (Profile(300_000, 5_000, cached_tokens=100_000, reasoning_tokens=2_000),)),
    Workload(5, (Profile(1_000, 100),)),
]


def test_kept_curves_equal_curves_priced_anew(catalog: Catalog) -> None:
    kept = [compare(catalog, PAIR, w, ON).curves for w in WORKLOADS]  # each shape priced once
    assert kept[1] is kept[0]  # a new request count reuses them
    for workload, curves in zip(WORKLOADS, kept, strict=True):
        assert compare(load_catalog(), PAIR, workload, ON).curves == curves, workload
    prompts = {c.prompt for c in kept}
    assert len(prompts) == 5  # every shape but the request count and the cached share moved them
