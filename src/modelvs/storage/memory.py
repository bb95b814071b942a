"""The popularity store the app talks to, an in-memory stand-in, and the stated seed pairs.

Any object with `record_view(pair, at)` and `counts(limit)` works (the SQLite and PostgreSQL
stores in `modelvs.storage` do); `MemoryStore` is the default for tests and a bare app.
"""

from __future__ import annotations

import threading
from collections import Counter
from datetime import datetime
from typing import Protocol, runtime_checkable

from modelvs.catalog import Catalog

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


@runtime_checkable
class PopularityStore(Protocol):
    """What the app needs from a view store."""

    def record_view(self, pair: str, at: datetime) -> None: ...

    def counts(self, limit: int) -> list[tuple[str, int]]: ...


class MemoryStore:
    """Views counted in memory (lost on restart); thread safe."""

    def __init__(self) -> None:
        self._views: Counter[str] = Counter()
        self._lock = threading.Lock()

    def record_view(self, pair: str, at: datetime) -> None:
        with self._lock:
            self._views[pair] += 1

    def counts(self, limit: int) -> list[tuple[str, int]]:
        with self._lock:
            items = list(self._views.items())
        return sorted(items, key=lambda item: (-item[1], item[0]))[:limit]


def pair_slug(catalog: Catalog, a: str, b: str) -> str:
    """The canonical comparison slug of two model ids: their site slugs sorted, joined by `-vs-`."""
    return "-vs-".join(sorted((catalog.slugs[a], catalog.slugs[b])))


def seed_pairs(catalog: Catalog) -> list[str]:
    """The seed pairs this catalog has both models of, as canonical slugs."""
    return [pair_slug(catalog, a, b) for a, b in SEED_PAIRS if a in catalog.models and b in catalog.models]
