"""The behaviour every view store must have, run against each real backend.

`test_sqlite.py` and `test_postgres.py` subclass `StoreContract` and provide a `target`
fixture; `test_memory.py` runs `StoreBehaviour` (what a store does with its own views) against the
in-memory store. The concurrency helpers live here (not in a test module) so spawned worker
processes can import them cheaply.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from modelvs.storage import StoreError, ViewStore, open_store

HOT = "gemini-3.1-pro-preview-vs-gpt-4o-2024-11-20"
OTHERS = ("claude-sonnet-4-vs-gpt-4o-2024-11-20", "gpt-4.1-vs-o3", "deepseek-r1-vs-qwen3-235b")
AT = datetime(2025, 3, 14, 12, 0, tzinfo=UTC)


@dataclass(frozen=True)
class StoreTarget:
    """Enough to open the same store again, in this process or another."""

    url: str | None
    data_dir: Path

    def open(self) -> ViewStore:
        return open_store(self.url, self.data_dir)


def pair_for(worker: int, i: int) -> str:
    """Mostly the hot pair (one contended row), sometimes one of the others."""
    return OTHERS[(worker + i) % len(OTHERS)] if i % 5 == 0 else HOT


def expected(workers: int, per_worker: int) -> Counter[str]:
    return Counter(pair_for(w, i) for w in range(workers) for i in range(per_worker))


def hammer(store: ViewStore, worker: int, n: int) -> None:
    for i in range(n):
        store.record_view(pair_for(worker, i), AT)


def _process_main(target: StoreTarget, worker: int, n: int, start: threading.Barrier) -> None:
    with target.open() as store:
        start.wait(timeout=60)  # every process connected before any writes: maximum contention
        hammer(store, worker, n)


def run_threads(store: ViewStore, threads: int, per_thread: int) -> None:
    """`threads` threads share one store, as the app's thread pool does."""
    start = threading.Barrier(threads)
    errors: list[BaseException] = []

    def main(worker: int) -> None:
        try:
            start.wait(timeout=60)
            hammer(store, worker, per_thread)
        except BaseException as exc:
            errors.append(exc)

    pool = [threading.Thread(target=main, args=(w,)) for w in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join(timeout=120)
    assert not errors, errors


def run_processes(target: StoreTarget, processes: int, per_process: int) -> None:
    """`processes` processes each open their own store, as several app instances do."""
    # spawn, not fork: the parent may hold pool threads and open connections.
    ctx = multiprocessing.get_context("spawn")
    start = ctx.Barrier(processes)
    procs = [
        ctx.Process(target=_process_main, args=(target, w, per_process, start)) for w in range(processes)
    ]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=120)
    assert [p.exitcode for p in procs] == [0] * processes


class StoreBehaviour:
    """What every `ViewStore` does with its own views; subclasses provide the `store` fixture."""

    def test_new_store_is_empty(self, store: ViewStore) -> None:
        assert store.counts(10) == []
        assert store.count(HOT) == 0

    def test_count_sums_days(self, store: ViewStore) -> None:
        for days in (0, 0, 1, 30):
            store.record_view(HOT, AT + timedelta(days=days))
        store.record_view(OTHERS[0], AT)
        assert store.count(HOT) == 4
        assert store.counts(10) == [(HOT, 4), (OTHERS[0], 1)]

    def test_counts_most_viewed_first_ties_by_pair_and_limit(self, store: ViewStore) -> None:
        views = {"m-vs-n": 1, "b-vs-c": 2, "z-vs-zz": 5, "a.b-vs-c": 2, "a-vs-b": 2, "A-vs-b": 2}
        for pair, n in views.items():
            for _ in range(n):
                store.record_view(pair, AT)
        # Ties in byte order ('A' < 'a', '-' < '.'), which a locale collation would not give.
        ranked = [("z-vs-zz", 5), ("A-vs-b", 2), ("a-vs-b", 2), ("a.b-vs-c", 2), ("b-vs-c", 2), ("m-vs-n", 1)]
        assert sorted(views.items(), key=lambda kv: (-kv[1], kv[0])) == ranked
        assert store.counts(10) == ranked
        assert store.counts(3) == ranked[:3]
        assert store.counts(0) == []

    def test_since_keeps_views_from_that_utc_day_on(self, store: ViewStore) -> None:
        for days, pair in [(0, HOT), (1, HOT), (2, HOT), (0, OTHERS[0]), (0, OTHERS[0]), (2, OTHERS[1])]:
            store.record_view(pair, AT + timedelta(days=days))
        # Day granularity: any time on day 1 includes all of day 1.
        since = (AT + timedelta(days=1)).replace(hour=23, minute=59)
        assert store.counts(10, since=since) == [(HOT, 2), (OTHERS[1], 1)]
        assert store.counts(10, since=AT + timedelta(days=3)) == []
        assert store.counts(10, since=AT - timedelta(days=365)) == [(HOT, 3), (OTHERS[0], 2), (OTHERS[1], 1)]

    def test_days_are_utc(self, store: ViewStore) -> None:
        new_york = timezone(timedelta(hours=-5))
        store.record_view(HOT, datetime(2025, 1, 1, 23, 30, tzinfo=new_york))  # 04:30 UTC on Jan 2
        assert store.counts(10, since=datetime(2025, 1, 2, tzinfo=UTC)) == [(HOT, 1)]
        assert store.counts(10, since=datetime(2025, 1, 2, 20, 0, tzinfo=new_york)) == []  # Jan 3 01:00 UTC

    def test_batches_add_views_per_day(self, store: ViewStore) -> None:
        day = AT.date()
        store.record_view(HOT, AT)
        store.record_views({(HOT, day): 3, (HOT, day + timedelta(days=1)): 2, (OTHERS[0], day): 1})
        store.record_views({(OTHERS[1], day): 0})  # nothing to add is no row
        assert store.counts(10) == [(HOT, 6), (OTHERS[0], 1)]
        assert store.counts(10, since=AT + timedelta(days=1)) == [(HOT, 2)]

    def test_a_batch_with_a_bad_pair_writes_nothing(self, store: ViewStore) -> None:
        with pytest.raises(ValueError, match="not a comparison slug"):
            store.record_views({(HOT, AT.date()): 1, ("a vs b", AT.date()): 1})
        with pytest.raises(ValueError, match="negative"):
            store.record_views({(HOT, AT.date()): -1})
        assert store.count(HOT) == 0

    def test_threads_flushing_batches_lose_no_view(self, store: ViewStore) -> None:
        errors: list[BaseException] = []

        def flush(worker: int) -> None:
            try:
                for i in range(20):
                    store.record_views({(HOT, AT.date()): 3, (pair_for(worker, i * 5), AT.date()): 1})
            except BaseException as exc:
                errors.append(exc)

        pool = [threading.Thread(target=flush, args=(w,)) for w in range(4)]
        for t in pool:
            t.start()
        for t in pool:
            t.join(timeout=120)
        assert not errors, errors
        assert store.count(HOT) == 4 * 20 * 3 + sum(
            pair_for(w, i * 5) == HOT for w in range(4) for i in range(20)
        )
        assert sum(n for _, n in store.counts(10)) == 4 * 20 * 4

    def test_naive_datetimes_are_refused(self, store: ViewStore) -> None:
        with pytest.raises(ValueError, match="timezone-aware"):
            store.record_view(HOT, datetime(2025, 1, 1))
        with pytest.raises(ValueError, match="timezone-aware"):
            store.counts(10, since=datetime(2025, 1, 1))

    @pytest.mark.parametrize("pair", ["", " ", "a vs b", "a-vs-b\n", "x" * 256, "a\x00b"])
    def test_bad_pairs_are_refused(self, store: ViewStore, pair: str) -> None:
        with pytest.raises(ValueError, match="not a comparison slug"):
            store.record_view(pair, AT)
        with pytest.raises(ValueError, match="not a comparison slug"):
            store.count(pair)

    def test_negative_limit_is_refused(self, store: ViewStore) -> None:
        with pytest.raises(ValueError, match="limit"):
            store.counts(-1)

    def test_unicode_pair_round_trips(self, store: ViewStore) -> None:
        store.record_view("modèle-vs-模型", AT)
        assert store.counts(1) == [("modèle-vs-模型", 1)]

    def test_threads_lose_no_increment(self, store: ViewStore) -> None:
        run_threads(store, threads=8, per_thread=250)
        want = expected(8, 250)
        assert sum(want.values()) == 2000
        assert dict(store.counts(10)) == dict(want)
        assert store.count(HOT) == want[HOT]


class StoreContract(StoreBehaviour):
    """Tests every database backend must pass; subclasses provide the `target` fixture."""

    @pytest.fixture
    def store(self, target: StoreTarget) -> Iterator[ViewStore]:
        with target.open() as store:
            yield store

    def test_reopening_keeps_data_and_schema(self, target: StoreTarget) -> None:
        with target.open() as first:
            first.record_view(HOT, AT)
        with target.open() as again, target.open() as third:
            again.record_view(HOT, AT)
            assert third.count(HOT) == 2

    def test_two_open_stores_share_counts(self, target: StoreTarget) -> None:
        with target.open() as a, target.open() as b:
            a.record_view(HOT, AT)
            b.record_view(HOT, AT)
            assert a.count(HOT) == b.count(HOT) == 2

    def test_closed_store_refuses_calls_and_close_is_idempotent(self, target: StoreTarget) -> None:
        store = target.open()
        store.close()
        store.close()
        with pytest.raises(StoreError, match="closed"):
            store.record_view(HOT, AT)
        with pytest.raises(StoreError, match="closed"):
            store.counts(1)

    def test_processes_lose_no_increment(self, target: StoreTarget, store: ViewStore) -> None:
        run_processes(target, processes=4, per_process=200)
        want = expected(4, 200)
        assert sum(want.values()) == 800
        assert dict(store.counts(10)) == dict(want)
