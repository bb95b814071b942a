"""Search and suggestions: what matches, in what order, and where a typed name goes.

Rules on small catalogs; the shipped catalog's targets (issue 15) at the end.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from modelvs.catalog import Catalog, load_catalog
from modelvs.catalog.names import model_key, name_key
from modelvs.catalog.search import NAMED, _bonus, _by_id_or_slug, _names, find, matches, search, suggest
from tests.minicatalog import in_memory

ON = dt.date(2026, 11, 24)
SOLD = {"input": 1, "output": 2}


def test_matches_names_ids_slugs_and_aliases_loosely() -> None:
    catalog = in_memory(
        {"acme/rocket-2.5": {"name": "Rocket 2.5", "aliases": {"src": ["acme-rkt-25"]}}, "acme/other": {}}
    )
    for typed in ("rocket 2.5", "ROCKET_2.5", "rocket25", "acme/rocket", "rkt", "2.5"):
        assert list(matches(catalog, typed)) == ["acme/rocket-2.5"], typed
    assert matches(catalog, "nothing") == {}
    assert matches(catalog, "  ") == {}


def test_matches_weighs_every_model_a_text_can_match_and_no_other(shipped: Catalog) -> None:
    # The haystack only narrows which models are weighed: the answer is that of weighing them all.
    every = _names(shipped)

    def weighing_all(text: str) -> dict[str, float]:
        typed = {t for t in (name_key(text), model_key(text)) if t}
        if not typed:
            return {}
        named = _by_id_or_slug(shipped, text)
        found = {named: NAMED} if named is not None else {}
        for mid, keys in every.items():
            bonuses = [b for b in (_bonus(t, keys) for t in typed) if b is not None]
            if mid in found or typed & keys.display:
                found[mid] = NAMED
            elif bonuses:
                found[mid] = max(bonuses)
        return found

    keys = [k for mid in sorted(every)[::40] for k in (*every[mid].own, *every[mid].other)]
    typed = ["gpt", "claude opus 4.7", "4o", "-", "a", "nomodel-7-3f2", "deep seek", "o", "x" * 300]
    typed += [k[i : i + n] for k in keys[::3] for i, n in ((0, 4), (2, 3), (len(k) // 2, 99))]
    for text in typed:
        assert list(matches(shipped, text).items()) == list(weighing_all(text).items()), text


def test_more_notable_models_come_first() -> None:
    catalog = in_memory(
        {"acme/rocket-mini": {}, "acme/rocket-max": {}, "acme/rocket-old": {"status": "deprecated"}},
        {"acme:acme/rocket-max": SOLD},
        ratings={"acme/rocket-max": 1400},
    )
    assert search(catalog, "rocket", ON) == ["acme/rocket-max", "acme/rocket-mini", "acme/rocket-old"]


def test_a_display_name_id_or_slug_typed_in_full_comes_first_whatever_its_notability() -> None:
    catalog = in_memory(
        {"acme/rocket": {"name": "Rocket"}, "acme/rocket-max": {"name": "Rocket Max"}},
        {"acme:acme/rocket-max": SOLD},
        ratings={"acme/rocket-max": 1400},
    )
    assert search(catalog, "rocket", ON)[0] == "acme/rocket"
    assert search(catalog, "Rocket", ON)[0] == "acme/rocket"
    assert search(catalog, "acme/rocket", ON)[0] == "acme/rocket"


def test_a_match_in_an_alias_alone_adds_nothing() -> None:
    catalog = in_memory(
        {
            "acme/famous": {"aliases": {"host": ["zephyr-cloud-famous"]}},
            "zeph/zephyr-small": {},
            "zeph/plain": {},
        },
        {"acme:acme/famous": SOLD, "zeph:zeph/zephyr-small": SOLD},
    )
    # Equally notable (each sold by its lab): the one named zephyr first.
    assert search(catalog, "zephyr", ON) == ["zeph/zephyr-small", "acme/famous"]


def test_a_word_start_beats_a_match_inside_a_word() -> None:
    catalog = in_memory({"a/xsonnet": {}, "a/claude-sonnet": {}})
    assert search(catalog, "sonnet", ON) == ["a/claude-sonnet", "a/xsonnet"]


def test_retired_models_leave_search_and_suggestions_unless_asked_for() -> None:
    gone = {"retirement_date": dt.date(2025, 1, 1)}
    catalog = in_memory({"acme/rocket-1": gone, "acme/rocket-2": {}})
    assert search(catalog, "rocket", ON) == ["acme/rocket-2"]
    assert search(catalog, "rocket", ON, retired=True) == ["acme/rocket-2", "acme/rocket-1"]
    assert suggest(catalog, "rockat-1", ON) == ["acme/rocket-2"]  # the fuzzy match, retired left out
    # Named exactly, a retired model is still found: its page says it is retired.
    assert suggest(catalog, "acme/rocket-1", ON) == ["acme/rocket-1"]
    assert find(catalog, "acme/rocket-1", ON) == "acme/rocket-1"


def test_find_goes_where_the_first_suggestion_goes() -> None:
    catalog = in_memory(
        {"acme/rocket-9": {"name": "Rocket 9"}, "acme/rocket-9-lite": {"name": "Rocket 9 Lite"}},
        {"acme:acme/rocket-9": SOLD},
        ratings={"acme/rocket-9": 1400},
    )
    assert find(catalog, "rocket", ON) == search(catalog, "rocket", ON)[0] == "acme/rocket-9"
    assert find(catalog, "9 lite", ON) == "acme/rocket-9-lite"
    assert find(catalog, "no such model", ON) is None
    assert find(catalog, "rockat 9", ON) is None  # a fuzzy guess is offered, never taken


def test_an_ambiguous_name_suggests_its_candidates_most_notable_first() -> None:
    catalog = in_memory(
        {"a/x": {"aliases": {"s": ["shared"]}}, "b/y": {"aliases": {"s": ["shared"]}}},
        {"b:b/y": SOLD},
    )
    assert suggest(catalog, "shared", ON) == ["b/y", "a/x"]
    assert find(catalog, "shared", ON) == "b/y"


# --- The shipped catalog (issue 15's targets) -----------------------------------------------------


@pytest.fixture(scope="module")
def shipped() -> Catalog:
    return load_catalog()


@pytest.mark.parametrize(
    ("typed", "first"),
    [
        ("opus 4.7", "anthropic/claude-opus-4-7"),
        ("gpt 5.5", "openai/gpt-5.5"),
        ("gemini 3.1 pro", "google/gemini-3.1-pro-preview"),
        ("claude opus 4.7", "anthropic/claude-opus-4-7"),
        ("gpt-4o", "openai/gpt-4o"),
    ],
)
def test_shipped_first_results(shipped: Catalog, typed: str, first: str) -> None:
    assert search(shipped, typed, ON)[0] == first
    assert find(shipped, typed, ON) == first


def test_shipped_deepseek_and_sonnet_open_on_current_models(shipped: Catalog) -> None:
    deepseek = search(shipped, "deepseek", ON)[0]
    assert deepseek.startswith("deepseek/deepseek-v4")
    sonnet = [shipped.models[m].name for m in search(shipped, "sonnet", ON)[:3]]
    assert all(n.startswith("Claude Sonnet") and "3" not in n for n in sonnet), sonnet


def test_the_next_load_of_a_compiled_catalog_searches_without_opening_a_model(mini: Path) -> None:
    first = search(load_catalog(mini), "gpt", ON)
    later = load_catalog(mini)
    assert search(later, "gpt", ON) == first != []
    assert later.models.chunks_read == 0  # type: ignore[attr-defined]
