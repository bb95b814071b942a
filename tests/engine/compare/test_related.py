"""Related comparisons: peers of other labs at a similar price and rating, newer and older siblings.

The rule on small catalogs built per case; the reference pair on the shipped catalog at the end.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from modelvs.catalog import Catalog, load_catalog
from modelvs.catalog.lifecycle import Stage, stage
from modelvs.engine.compare.related import PEERS_PER_MODEL, RelatedSet, line, related
from tests.minicatalog import in_memory

from .conftest import ON


def price(input_rate: float, output_rate: float) -> dict[str, float]:
    return {"input": input_rate, "output": output_rate}


def peers(found: RelatedSet) -> list[str]:
    return [c.id for c in found.candidates if "another lab" in c.reasons]


def siblings(found: RelatedSet) -> dict[str, str]:
    return {c.reasons[0]: c.id for c in found.candidates if "another lab" not in c.reasons}


def test_peers_are_other_labs_at_a_similar_price_and_rating() -> None:
    catalog = in_memory(
        {"a/me": {}, "b/near": {}, "c/pricey": {}, "d/weak": {}, "a/same-lab": {}},
        {
            "a:a/me": price(2, 8),
            "b:b/near": price(2, 8),
            "c:c/pricey": price(60, 240),  # 30x the price: no price closeness
            "d:d/weak": price(2, 8),
            "a:a/same-lab": price(2, 8),
        },
        ratings={"a/me": 1400, "b/near": 1390, "c/pricey": 1400, "d/weak": 1340, "a/same-lab": 1400},
    )
    [found] = related(catalog, ["a/me"], ON)
    # Scores: near 2 x 1 + 2 x 0.9; weak 2 x 1 + 2 x 0.4 (60 points off); pricey 2 x 0 + 2 x 1.
    assert peers(found) == ["b/near", "d/weak", "c/pricey"]
    reasons = {c.id: c.reasons for c in found.candidates}
    assert reasons["b/near"] == ("another lab", "similar price", "similar rating")
    assert reasons["d/weak"] == ("another lab", "similar price")
    assert reasons["c/pricey"] == ("another lab", "similar rating")


def test_one_peer_per_lab_and_at_most_three() -> None:
    models = {"a/me": {}} | {f"{lab}/m{i}": {} for lab in "bcde" for i in range(2)}
    routes = {f"{m.split('/')[0]}:{m}": price(1, 4) for m in models}
    catalog = in_memory(models, routes)
    [found] = related(catalog, ["a/me"], ON)
    labs = [p.split("/")[0] for p in peers(found)]
    assert len(labs) == PEERS_PER_MODEL
    assert len(set(labs)) == len(labs)


def test_never_retired_unsold_unrated_or_latest_aliases() -> None:
    catalog = in_memory(
        {
            "a/me": {},
            "b/retired": {"retirement_date": dt.date(2026, 1, 1)},
            "c/unsold": {},  # only a host sells it and nobody rates it: a listing, not a model
            "d/pro-latest": {},
            "e/fine": {},
        },
        {
            "a:a/me": price(1, 4),
            "b:b/retired": price(1, 4),
            "host:c/unsold": price(1, 4),
            "d:d/pro-latest": price(1, 4),
            "e:e/fine": price(1, 4),
        },
    )
    [found] = related(catalog, ["a/me"], ON)
    assert [c.id for c in found.candidates] == ["e/fine"]


def test_siblings_are_the_nearest_newer_and_older_of_the_same_line() -> None:
    catalog = in_memory(
        {
            "acme/rocket-2": {"name": "Rocket 2", "release_date": dt.date(2024, 1, 1)},
            "acme/rocket-3": {"name": "Rocket 3", "release_date": dt.date(2025, 1, 1)},
            "acme/rocket-3.5": {"name": "Rocket 3.5", "release_date": dt.date(2025, 6, 1)},
            "acme/rocket-4": {"name": "Rocket 4 Preview", "release_date": dt.date(2026, 1, 1)},
            "acme/rocket-4-mini": {"name": "Rocket 4 Mini", "release_date": dt.date(2026, 2, 1)},
            # Same day as Rocket 3.5 and less notable: a variant, never its sibling.
            "acme/rocket-3.5-tools": {"name": "Rocket 3.5 (tools)", "release_date": dt.date(2025, 6, 1)},
        },
        {
            f"acme:acme/{m}": price(1, 4)
            for m in ("rocket-2", "rocket-3", "rocket-3.5", "rocket-4", "rocket-4-mini")
        }
        | {"acme:acme/rocket-3.5-tools": price(1, 4)},
        ratings={"acme/rocket-3.5": 1300},
    )
    [found] = related(catalog, ["acme/rocket-3.5"], ON)
    assert siblings(found) == {"newer": "acme/rocket-4", "older": "acme/rocket-3"}
    [oldest] = related(catalog, ["acme/rocket-2"], ON)
    # Rocket 3 and the same-day variant of 3.5 are both newer; the nearest date wins.
    assert siblings(oldest) == {"newer": "acme/rocket-3"}
    [tools] = related(catalog, ["acme/rocket-3"], ON)
    # Rocket 3.5 and its tools variant share a date: the more notable (rated) one.
    assert siblings(tools)["newer"] == "acme/rocket-3.5"


def test_compared_models_are_never_suggested_and_peers_refill() -> None:
    models = {"a/me": {}, "b/one": {}, "c/two": {}, "d/three": {}, "e/four": {}}
    catalog = in_memory(models, {f"{m.split('/')[0]}:{m}": price(1, 4) for m in models})
    [alone] = related(catalog, ["a/me"], ON)
    first = peers(alone)[0]
    found = related(catalog, ["a/me", first], ON)
    assert all(first not in peers(group) for group in found)
    assert len(peers(found[0])) == PEERS_PER_MODEL


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Gemini 3.1 Pro Preview", "gemini pro"),
        ("Gemini 2.5 Pro", "gemini pro"),
        ("GPT-4o (2024-11-20)", "gpt o"),
        ("GPT-5.5", "gpt"),
        ("GPT-5.4 mini", "gpt mini"),
        ("Claude Opus 4.7", "claude opus"),
        ("Qwen3.5 397B-A17B", "qwen"),
        ("Kimi K2.6", "kimi k"),
        ("Llama 3.1 8B Instruct", "llama instruct"),
    ],
)
def test_a_line_is_the_name_without_versions_dates_and_sizes(name: str, expected: str) -> None:
    assert line(name) == expected


# --- The reference pair on the shipped catalog ---------------------------------------------------


def test_reference_pair_offers_other_labs_and_no_variant_alias_or_retired_model(catalog: Catalog) -> None:
    ids = ["google/gemini-3.1-pro-preview", "openai/gpt-4o-2024-11-20"]
    found = related(catalog, ids, ON)
    labs = {m.split("/")[0] for m in ids}
    pairs = {c.pair for group in found for c in group.candidates}
    cross = {c.pair for group in found for c in group.candidates if c.id.split("/")[0] not in labs}
    assert len(cross) >= 3, pairs
    for group in found:
        for c in group.candidates:
            assert "Custom Tools" not in c.name
            assert "latest" not in c.id
            assert stage(catalog.models[c.id], ON) is not Stage.RETIRED


def test_the_next_load_of_a_compiled_catalog_reads_the_index_without_opening_a_route(mini: Path) -> None:
    model = "openai/gpt-4o-2024-11-20"
    first = related(load_catalog(mini), [model], ON)
    later = load_catalog(mini)
    assert related(later, [model], ON) == first
    assert later.routes.chunks_read == 0  # type: ignore[attr-defined]


def test_kept_related_sets_equal_sets_found_anew() -> None:
    shipped = load_catalog()
    a, b, c = "google/gemini-3.1-pro-preview", "openai/gpt-4o-2024-11-20", "anthropic/claude-sonnet-4-6"
    asked = [[a, b], [b, a], [a, b, c], [a, c]]
    kept = [related(shipped, ids, ON) for ids in asked]
    assert related(shipped, [a, b], ON) is kept[0]  # the same for every workload: kept
    for ids, found in zip(asked, kept, strict=True):
        assert related(load_catalog(), ids, ON) == found, ids
    assert [s.model for s in kept[1]] == [b, a]
    assert all(r.id != c for s in kept[2] for r in s.candidates)
