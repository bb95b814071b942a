"""Popular comparisons: observed views plus a stated prior, so a new site's list is never empty.

The rule: each pair's score is its all-time views plus its pseudo-count in the prior (0 for
pairs not in the prior). Pairs are ranked by score, highest first, ties by pair (byte order),
and the score is what is returned: it is a ranking score, not a view count.

A prior pseudo-count of k means "rank this pair as if it already had k views": a seed pair
stays listed until real traffic to other pairs outgrows k, and real views add on top of it.
"""

from __future__ import annotations

from collections.abc import Sequence

from modelvs.catalog import Catalog
from modelvs.catalog.pairs import pair_slug
from modelvs.storage.base import ViewStore, check_pair

SEED_PAIRS: tuple[tuple[str, str], ...] = (
    ("google/gemini-3.1-pro-preview", "openai/gpt-4o-2024-11-20"),
    ("anthropic/claude-opus-4-7", "openai/gpt-5.5"),
    ("anthropic/claude-sonnet-4-6", "google/gemini-3.1-pro-preview"),
    ("deepseek/deepseek-v4-pro", "openai/gpt-5.5"),
    ("google/gemini-3-flash-preview", "openai/gpt-5-mini"),
    ("anthropic/claude-haiku-4-5-20251001", "openai/gpt-5-nano"),
    ("moonshot/kimi-k2.6", "zhipu/glm-5.1"),
    ("meta/llama-3.3-70b-instruct", "openai/gpt-oss-120b"),
)
"""Flagship pairs listed as popular until real views outnumber them: the reference pair first."""
SEED_RULE = (
    "Popular comparisons are the most viewed comparison pages (views by known bots are not counted); "
    "until there are enough views, a fixed list of flagship pairs fills the list."
)


def seed_pairs(catalog: Catalog) -> list[str]:
    """The seed pairs this catalog has both models of, as canonical slugs."""
    return [pair_slug(catalog, a, b) for a, b in SEED_PAIRS if a in catalog.models and b in catalog.models]


def popular_pairs(store: ViewStore, prior: Sequence[tuple[str, int]], limit: int) -> list[tuple[str, int]]:
    """The `limit` highest-scoring pairs as (pair, views + prior pseudo-count)."""
    if limit < 0:
        raise ValueError(f"limit must be >= 0, got {limit}")
    pseudo: dict[str, int] = {}
    for pair, k in prior:
        if k < 0:
            raise ValueError(f"prior pseudo-count must be >= 0, got {k} for {pair!r}")
        if check_pair(pair) in pseudo:
            raise ValueError(f"pair listed twice in the prior: {pair!r}")
        pseudo[pair] = k
    if limit == 0:
        return []
    # Enough of the store's top list: at most len(prior) of it are prior pairs, so at least
    # `limit` others are in it, and any pair outside it without a prior ranks below them.
    observed = dict(store.counts(limit + len(pseudo)))
    # A prior pair outside that list still needs its own views: its pseudo-count may lift it.
    scores = {pair: count + pseudo.get(pair, 0) for pair, count in observed.items()}
    for pair, k in pseudo.items():
        if pair not in observed:
            scores[pair] = store.count(pair) + k
    ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
    return ranked[:limit]
