"""Popular comparisons: views plus the stated prior, on a real SQLite store."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from modelvs.storage import ViewStore, open_store, popular_pairs
from tests.storage import AT

PRIOR = [("gemini-3.1-pro-preview-vs-gpt-4o-2024-11-20", 10), ("claude-sonnet-4-vs-gpt-4o", 5)]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[ViewStore]:
    with open_store(None, tmp_path) as store:
        yield store


def _views(store: ViewStore, views: dict[str, int]) -> None:
    for pair, n in views.items():
        for _ in range(n):
            store.record_view(pair, AT)


def test_a_new_site_shows_the_prior(store: ViewStore) -> None:
    assert popular_pairs(store, PRIOR, 10) == PRIOR
    assert popular_pairs(store, [], 10) == []


def test_views_add_to_the_prior_and_can_overtake_it(store: ViewStore) -> None:
    _views(store, {"claude-sonnet-4-vs-gpt-4o": 3, "a-vs-b": 12, "c-vs-d": 1})
    assert popular_pairs(store, PRIOR, 10) == [
        ("a-vs-b", 12),
        ("gemini-3.1-pro-preview-vs-gpt-4o-2024-11-20", 10),
        ("claude-sonnet-4-vs-gpt-4o", 8),
        ("c-vs-d", 1),
    ]
    assert popular_pairs(store, PRIOR, 2) == [
        ("a-vs-b", 12),
        ("gemini-3.1-pro-preview-vs-gpt-4o-2024-11-20", 10),
    ]


def test_ties_by_pair(store: ViewStore) -> None:
    _views(store, {"b-vs-c": 5})
    assert popular_pairs(store, [("c-vs-d", 5), ("a-vs-b", 5)], 3) == [
        ("a-vs-b", 5),
        ("b-vs-c", 5),
        ("c-vs-d", 5),
    ]


def test_a_prior_pair_beyond_the_stores_top_list_still_counts(store: ViewStore) -> None:
    # "z-vs-z" ranks last in the store, but its prior lifts it to the top.
    _views(store, {"a-vs-b": 5, "c-vs-d": 4, "e-vs-f": 3, "z-vs-z": 1})
    assert popular_pairs(store, [("z-vs-z", 10)], 1) == [("z-vs-z", 11)]


def test_limit_zero_and_bad_priors(store: ViewStore) -> None:
    assert popular_pairs(store, PRIOR, 0) == []
    with pytest.raises(ValueError, match="limit"):
        popular_pairs(store, PRIOR, -1)
    with pytest.raises(ValueError, match=">= 0"):
        popular_pairs(store, [("a-vs-b", -1)], 3)
    with pytest.raises(ValueError, match="twice"):
        popular_pairs(store, [("a-vs-b", 1), ("a-vs-b", 2)], 3)
    with pytest.raises(ValueError, match="not a comparison slug"):
        popular_pairs(store, [("a vs b", 1)], 3)


def test_matches_scoring_every_pair(store: ViewStore) -> None:
    """The store is asked for a top list only; compare with ranking every pair by hand."""
    rng = random.Random(7)
    pairs = [f"p{i:02d}-vs-q" for i in range(30)]
    views = {p: rng.randint(0, 6) for p in pairs}
    _views(store, views)
    prior = [(p, rng.randint(0, 8)) for p in rng.sample(pairs, 8)] + [("new-vs-pair", 4)]
    scores = {p: n for p, n in views.items() if n} | {p: 0 for p, _ in prior}
    for p, k in prior:
        scores[p] = views.get(p, 0) + k
    every = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    for limit in (1, 3, 5, 10, 40):
        assert popular_pairs(store, prior, limit) == every[:limit]
