"""The comparison's tables: a scorecard table kept for equal rows, names and tags is the table
built anew."""

from __future__ import annotations

import dataclasses
import datetime as dt

from modelvs.catalog import Catalog
from modelvs.engine.compare import compare
from modelvs.engine.workload import Profile, Workload
from modelvs.views.comparison import tables
from modelvs.views.comparison.sections import IN_HEADLINE
from tests.views.conftest import FOUR, REFERENCE

ON = dt.date(2026, 11, 24)
WORKLOADS = [
    Workload(1_000),
    Workload(1_000_000_000),  # the same rows but the monthly cost: other use-case tags
    Workload(1_000, (Profile(100, 10),)),
    Workload(1_000, (Profile(5_000, 5_000),)),
]


def test_kept_scorecard_tables_are_the_tables_built_anew(shipped: Catalog) -> None:
    kept, comparisons = [], []
    for ids in (REFERENCE, FOUR):
        for workload in WORKLOADS:
            c = compare(shipped, ids, workload, ON)
            renamed = dataclasses.replace(c.models[0], name="Renamed")
            for each in (c, dataclasses.replace(c, models=(renamed, *c.models[1:]))):
                for skip in (IN_HEADLINE, ()):
                    comparisons.append((each, skip))
                    kept.append(tables.scorecard_table(each, skip))
    assert len({t.rows[-1] for t in kept}) > 2  # the tags' row differs between workloads
    for (c, skip), table in zip(comparisons, kept, strict=True):
        tables._scorecards.clear()
        assert tables.scorecard_table(c, skip) == table
