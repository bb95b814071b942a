"""Notability: the points of the stated rule, on small catalogs built for each case."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from modelvs.catalog import load_catalog
from modelvs.catalog.lifecycle import Stage
from modelvs.catalog.notability import NOTABILITY_RULE, by_notability, notability
from tests.minicatalog import in_memory

ON = dt.date(2026, 11, 24)


def score(models: dict[str, dict[str, object]], routes: dict[str, dict[str, object]], **kw: object) -> float:
    catalog = in_memory(models, routes, **kw)  # type: ignore[arg-type]
    return notability(catalog, ON)["lab/m"].score


def test_a_bare_model_scores_nothing() -> None:
    assert score({"lab/m": {}}, {}) == 0


def test_the_labs_own_api_gives_3_and_its_route_counts_as_a_vetted_one() -> None:
    # 3 for the lab's API, 3 x log2(1 + 1) / 5 = 0.6 for one vetted route.
    assert score({"lab/m": {}}, {"lab:lab/m": {"input": 1, "output": 2}}) == pytest.approx(3.6)


def test_independent_results_give_3() -> None:
    assert score({"lab/m": {}}, {}, ratings={"lab/m": 1400}) == 3


def test_routes_count_on_a_log_scale_up_to_31() -> None:
    hosts = {f"host{i}:lab/m": {"input": 1, "output": 2} for i in range(31)}
    assert score({"lab/m": {}}, dict(list(hosts.items())[:3])) == pytest.approx(1.2)  # 3 x 2 / 5
    assert score({"lab/m": {}}, dict(list(hosts.items())[:7])) == pytest.approx(1.8)  # 3 x 3 / 5
    assert score({"lab/m": {}}, hosts) == pytest.approx(3.0)
    more = hosts | {"host99:lab/m": {"input": 1, "output": 2}}
    assert score({"lab/m": {}}, more) == pytest.approx(3.0)  # capped


def test_variants_resellers_and_regional_endpoints_are_not_vetted_routes() -> None:
    routes = {
        "host:lab/m@fast": {"input": 1, "output": 2},
        "shop:lab/m": {"input": 1, "output": 2},
        "cn:lab/m": {"input": 1, "output": 2},
    }
    providers = {
        "shop": {"name": "Shop", "kind": "aggregator", "trust": "reseller"},
        "cn": {"name": "CN", "kind": "cloud", "trust": "established", "region": "cn"},
        "host": {"name": "Host", "kind": "cloud", "trust": "established"},
    }
    catalog = in_memory({"lab/m": {}}, routes, providers=providers)
    found = notability(catalog, ON)["lab/m"]
    assert (found.vetted_routes, found.score) == (0, 0)


def test_recency_falls_from_3_on_release_day_to_0_three_years_on() -> None:
    assert score({"lab/m": {"release_date": ON}}, {}) == 3
    half = ON - dt.timedelta(days=round(365.25 * 1.5))
    assert score({"lab/m": {"release_date": half}}, {}) == pytest.approx(1.5, abs=0.01)
    assert score({"lab/m": {"release_date": ON - dt.timedelta(days=1200)}}, {}) == 0


def test_deprecated_loses_4_other_kinds_2_retired_10_and_leave_default_lists() -> None:
    assert score({"lab/m": {"status": "deprecated"}}, {}) == -4
    assert score({"lab/m": {"kind": "embedding"}}, {}) == -2
    catalog = in_memory({"lab/m": {"retirement_date": ON}}, {})
    retired = notability(catalog, ON)["lab/m"]
    assert (retired.score, retired.stage, retired.listed) == (-10, Stage.RETIRED, False)
    # The day before its retirement date it is still listed.
    assert notability(catalog, ON - dt.timedelta(days=1))["lab/m"].listed


def test_order_puts_the_most_notable_first_and_retired_last() -> None:
    catalog = in_memory(
        {
            "lab/old": {"retirement_date": dt.date(2025, 1, 1)},
            "lab/rated": {},
            "lab/bare": {},
            "lab/sold": {},
        },
        {"lab:lab/sold": {"input": 1, "output": 2}, "lab:lab/old": {"input": 1, "output": 2}},
        ratings={"lab/rated": 1300, "lab/old": 1400},
    )
    assert by_notability(catalog, list(catalog.models), ON) == [
        "lab/sold",
        "lab/rated",
        "lab/bare",
        "lab/old",
    ]


def test_established_means_the_lab_sells_it_or_it_is_rated() -> None:
    catalog = in_memory(
        {"lab/a": {}, "lab/b": {}, "lab/c": {}},
        {"lab:lab/a": {"input": 1, "output": 2}},
        ratings={"lab/b": 1},
    )
    found = notability(catalog, ON)
    assert [found[m].established for m in ("lab/a", "lab/b", "lab/c")] == [True, True, False]


def test_the_rule_states_every_point() -> None:
    for words in (
        "3 points",
        "own API",
        "Arena",
        "Aider",
        "log2(1 + routes) / 5",
        "three years",
        "minus 4",
        "2 for",
    ):
        assert words in NOTABILITY_RULE


def test_the_next_load_of_a_compiled_catalog_reads_it_without_opening_a_model(mini: Path) -> None:
    first = dict(notability(load_catalog(mini), ON))
    later = load_catalog(mini)  # as the next command would: a new catalog over the same files
    assert dict(notability(later, ON)) == first
    assert later.models.chunks_read == 0  # type: ignore[attr-defined]
