"""`MemoryStore`: a `ViewStore` in memory (lost on restart), the default of a bare app and tests."""

from __future__ import annotations

import threading
from collections import Counter
from datetime import date

from modelvs.storage.base import ViewStore


class MemoryStore(ViewStore):
    """Views counted per (pair, UTC day) in a dict; thread safe."""

    def __init__(self) -> None:
        self._views: Counter[tuple[str, date]] = Counter()
        self._lock = threading.Lock()

    def close(self) -> None:
        pass

    def _record(self, pair: str, day: date) -> None:
        self._record_many([(pair, day, 1)])

    def _record_many(self, rows: list[tuple[str, date, int]]) -> None:
        with self._lock:
            for pair, day, n in rows:
                self._views[(pair, day)] += n

    def _counts(self, limit: int, since: date | None) -> list[tuple[str, int]]:
        totals: Counter[str] = Counter()
        with self._lock:
            for (pair, day), n in self._views.items():
                if since is None or day >= since:
                    totals[pair] += n
        # Ties by pair: code point order is UTF-8's byte order, the SQL stores' order.
        return sorted(totals.items(), key=lambda item: (-item[1], item[0]))[:limit]

    def _count(self, pair: str) -> int:
        with self._lock:
            return sum(n for (p, _), n in self._views.items() if p == pair)


class NullStore(ViewStore):
    """A store that keeps no view: the static build's, whose popular list is the seed alone and
    cannot drift while pages are written."""

    def close(self) -> None:
        pass

    def _record(self, pair: str, day: date) -> None:
        pass

    def _record_many(self, rows: list[tuple[str, date, int]]) -> None:
        pass

    def _counts(self, limit: int, since: date | None) -> list[tuple[str, int]]:
        return []

    def _count(self, pair: str) -> int:
        return 0
