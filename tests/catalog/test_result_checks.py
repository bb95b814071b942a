import datetime as dt
from pathlib import Path

from modelvs.catalog import check_dir
from tests.minicatalog import write_catalog

TODAY = dt.date(2026, 11, 24)
ARENA = """
name = "Arena"
description = "votes"
metric = "rating"
[[categories]]
id = "overall"
name = "Overall"
[measures]
run_cost = "USD"
"""
SOURCE = 'name = "Arena"\nkind = "package"\nlicense = "CC-BY-4.0"\nretrieved = 2026-10-20\n'
RESULT = """
[[results]]
benchmark = "arena"
category = "overall"
score = 1400
low = 1390
high = 1410
date = 2026-10-20
self_reported = false
citation = "arena"
[citations.arena]
source = "arena"
"""


def problems(tmp_path: Path, changes: dict[str, str | None]) -> set[tuple[str, str, str]]:
    base = {"benchmarks/arena.toml": ARENA, "sources/arena.toml": SOURCE}
    checked = check_dir(write_catalog(tmp_path, base | changes), TODAY)
    return {(p.file, p.field, p.message) for p in checked.errors}


def test_a_valid_result_file_loads_and_joins_its_model(tmp_path: Path) -> None:
    path = "results/arena/openai/gpt-4o-2024-11-20.toml"
    checked = check_dir(
        write_catalog(tmp_path, {"benchmarks/arena.toml": ARENA, "sources/arena.toml": SOURCE, path: RESULT}),
        TODAY,
    )
    assert checked.errors == []
    assert checked.catalog.results_by_model["openai/gpt-4o-2024-11-20"] == ("arena:openai/gpt-4o-2024-11-20",)
    (result, citation), *_ = checked.catalog.results_of("openai/gpt-4o-2024-11-20")
    assert (result.score, citation and citation.source) == (1400, "arena")


def test_every_problem_of_a_result_is_named(tmp_path: Path) -> None:
    bad = (
        RESULT.replace('category = "overall"', 'category = "poetry"')
        .replace("high = 1410", "high = 1395")
        .replace('citation = "arena"', 'citation = "nope"\nmeasures = {tokens = 3}')
    )
    found = problems(
        tmp_path,
        {"results/arena/openai/gpt-4o-2024-11-20.toml": bad, "results/arena/openai/gone.toml": RESULT},
    )
    fields = {(field, message) for _, field, message in found}
    assert ("results.0.category", "category 'poetry' is not registered") in fields
    assert ("results.0.low", "the interval must hold the score (low <= score <= high)") in fields
    assert ("results.0.measures", "measure 'tokens' is not registered") in fields
    assert ("results.0.citation", "no citation 'nope' in this file") in fields
    assert ("results/arena/openai/gone.toml", "", "unknown model 'openai/gone'") in found


def test_a_reviewed_join_must_name_a_model_of_the_catalog(tmp_path: Path) -> None:
    joins = 'reviewed = 2026-11-24\n[[joins]]\nname = "X"\nmodel = "openai/none"\nreason = "r"\n'
    found = problems(tmp_path, {"joins/arena.toml": joins})
    assert ("joins/arena.toml", "joins.0.model", "unknown model 'openai/none'") in found
