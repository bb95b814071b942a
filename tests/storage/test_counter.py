"""The view counter on real stores: SQLite (locked by another connection) and PostgreSQL (a
throwaway cluster this module stops and starts): down at start, going down, coming back."""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Iterator, Mapping
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from modelvs.storage import MemoryStore, StoreError, ViewStore, open_store
from modelvs.storage.counter import ViewCounter, watch_views
from modelvs.storage.sqlite import FILENAME
from tests.storage.pg import PgCluster, schema_url

AT = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
DAY = AT.date()
HOT = "gemini-3.1-pro-preview-vs-gpt-4o-2024-11-20"
OTHER = "claude-opus-4-7-vs-gpt-5.5"


def _counter(store: object, **kw: float) -> ViewCounter:
    # No writer thread: the tests drive the writes with flush() themselves.
    return ViewCounter(store, popular_ttl=0, background=False, **kw)  # type: ignore[arg-type]


def _views(counter: ViewCounter, pair: str, n: int) -> None:
    for _ in range(n):
        counter.record_view(pair, AT)


class ThreadRecordingStore(MemoryStore):
    """A memory store that notes which thread called it."""

    def __init__(self) -> None:
        super().__init__()
        self.threads: set[str] = set()

    def record_views(self, views: Mapping[tuple[str, date], int]) -> None:
        self.threads.add(threading.current_thread().name)
        super().record_views(views)

    def counts(self, limit: int) -> list[tuple[str, int]]:
        self.threads.add(threading.current_thread().name)
        return super().counts(limit)


def test_recording_only_counts_in_memory() -> None:
    store = ThreadRecordingStore()
    counter = _counter(store)
    _views(counter, HOT, 3)
    assert counter.pending == 3
    assert threading.current_thread().name not in store.threads  # the caller never waits for the store
    assert counter.flush()
    assert counter.pending == 0
    assert store.counts(5) == [(HOT, 3)]
    assert counter.counts(5) == [(HOT, 3)]  # the popular snapshot, re-read by the flush
    counter.close()


def test_the_snapshot_version_changes_with_the_list() -> None:
    counter = _counter(MemoryStore())
    counter.flush()
    first = counter.snapshot().version
    counter.flush()
    assert counter.snapshot().version == first  # nothing new: the same version
    _views(counter, HOT, 1)
    counter.flush()
    assert counter.snapshot().version == first + 1
    counter.close()


def test_bad_input_is_refused_at_once_not_in_a_later_batch() -> None:
    counter = _counter(MemoryStore())
    with pytest.raises(ValueError, match="not a comparison slug"):
        counter.record_view("a vs b", AT)
    with pytest.raises(ValueError, match="timezone-aware"):
        counter.record_view(HOT, datetime(2026, 1, 1))
    assert counter.pending == 0
    counter.close()


def test_watch_views_names_the_pairs_a_render_counts_and_leaves_them_to_the_server() -> None:
    counter = _counter(MemoryStore())
    with watch_views() as seen:
        counter.record_view(HOT, AT)
    assert seen == [HOT]
    assert counter.pending == 0  # the serving layer counts it, with the client's identity
    counter.record_view(HOT, AT)  # outside: counted as it is
    assert counter.pending == 1
    counter.close()


def test_the_backlog_is_bounded_and_says_what_it_dropped(caplog: pytest.LogCaptureFixture) -> None:
    class Down(MemoryStore):
        up = False

        def counts(self, limit: int) -> list[tuple[str, int]]:
            if not self.up:
                raise StoreError("down")
            return super().counts(limit)

        def record_views(self, views: Mapping[tuple[str, date], int]) -> None:
            if not self.up:
                raise StoreError("down")
            super().record_views(views)

    store = Down()
    counter = _counter(store, max_pending=2)
    caplog.set_level(logging.WARNING, logger="modelvs.storage.counter")
    _views(counter, HOT, 2)
    _views(counter, OTHER, 1)
    counter.record_view("a-vs-b", AT)  # a third pair: over the bound, dropped
    counter.record_view(HOT, AT)  # a pair already waiting still counts
    assert not counter.flush()
    assert not counter.flush()
    assert counter.pending == 4
    assert counter.dropped == 1
    store.up = True
    assert counter.flush()
    assert store.counts(5) == [(HOT, 3), (OTHER, 1)]
    messages = [r.getMessage() for r in caplog.records]
    assert sum("unavailable" in m for m in messages) == 1  # logged once per outage
    assert sum("dropped" in m for m in messages) == 2  # when dropping starts, and the total when back
    assert "1 view(s) were dropped" in messages[-1]
    counter.close()


def test_a_flood_of_new_pairs_is_bounded_too(caplog: pytest.LogCaptureFixture) -> None:
    store = MemoryStore()
    counter = _counter(store, max_pending=1)
    caplog.set_level(logging.WARNING, logger="modelvs.storage.counter")
    _views(counter, HOT, 2)
    _views(counter, OTHER, 3)
    assert counter.flush()
    assert store.counts(5) == [(HOT, 2)]
    assert counter.dropped == 3
    assert "3 view(s) of new pairs were dropped" in caplog.records[-1].getMessage()
    counter.close()


def test_close_writes_what_is_left(tmp_path: Path) -> None:
    counter = ViewCounter(lambda: open_store(None, tmp_path))
    _views(counter, HOT, 5)
    counter.close()
    with open_store(None, tmp_path) as store:
        assert store.count(HOT) == 5


def test_the_writer_thread_flushes_by_itself(tmp_path: Path) -> None:
    done = threading.Event()

    class Signalling(MemoryStore):
        def record_views(self, views: Mapping[tuple[str, date], int]) -> None:
            super().record_views(views)
            done.set()

    store = Signalling()
    counter = ViewCounter(store, flush_interval=0.05)
    counter.record_view(HOT, AT)
    assert done.wait(60), "the background thread never flushed"
    assert store.counts(1) == [(HOT, 1)]
    counter.close()


# -- SQLite: absent at start, locked by another process, back -----------------------------------


def test_sqlite_absent_at_start_then_there(tmp_path: Path) -> None:
    blocker = tmp_path / "state"
    blocker.write_text("a file where the state folder should be")
    counter = _counter(lambda: open_store(None, blocker))
    _views(counter, HOT, 2)
    assert not counter.flush()
    assert counter.failing
    blocker.unlink()
    _views(counter, HOT, 1)
    assert counter.flush()
    assert not counter.failing
    with open_store(None, blocker) as store:
        assert store.count(HOT) == 3
    counter.close()


@pytest.fixture
def fast_busy_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("modelvs.storage.sqlite.BUSY_TIMEOUT_S", 0.05)


@pytest.mark.usefixtures("fast_busy_timeout")
def test_sqlite_locked_then_released_loses_no_view(tmp_path: Path) -> None:
    counter = _counter(lambda: open_store(None, tmp_path))
    _views(counter, HOT, 1)
    assert counter.flush()
    lock = sqlite3.connect(tmp_path / FILENAME, isolation_level=None)
    try:
        lock.execute("BEGIN EXCLUSIVE")  # another process holding the database
        _views(counter, HOT, 4)
        _views(counter, OTHER, 2)
        assert not counter.flush()
        assert not counter.flush()
        assert counter.pending == 6
    finally:
        lock.execute("ROLLBACK")
        lock.close()
    assert counter.flush()
    with open_store(None, tmp_path) as store:
        assert store.counts(5) == [(HOT, 5), (OTHER, 2)]
    counter.close()


# -- PostgreSQL: a cluster of this module's own, stopped and started -----------------------------


@pytest.fixture(scope="module")
def cluster() -> Iterator[PgCluster]:
    cluster = PgCluster()
    try:
        yield cluster
    finally:
        cluster.remove()


@pytest.fixture
def running(cluster: PgCluster, monkeypatch: pytest.MonkeyPatch) -> PgCluster:
    # A call to a stopped server gives up after 1 s instead of 10: the test needs no longer wait.
    monkeypatch.setattr("modelvs.storage.postgres.CONNECT_TIMEOUT_S", 1)
    if not cluster.running:
        cluster.start()
    return cluster


def _pg_count(url: str, pair: str) -> int:
    store = open_store(url, Path("unused"))
    try:
        return store.count(pair)
    finally:
        store.close()


def test_postgres_down_at_start_then_up(running: PgCluster) -> None:
    url = schema_url(running.server)
    running.stop()
    counter = _counter(lambda: open_store(url, Path("unused")))
    _views(counter, HOT, 3)
    assert not counter.flush()  # nothing could be opened; the views wait in memory
    assert counter.failing
    assert counter.pending == 3
    running.start()
    assert counter.flush()
    assert not counter.failing
    assert _pg_count(url, HOT) == 3
    counter.close()


def test_postgres_goes_down_and_comes_back(running: PgCluster, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    url = schema_url(running.server)
    opened: list[ViewStore] = []

    def opener() -> ViewStore:
        opened.append(open_store(url, Path("unused")))
        return opened[-1]

    counter = _counter(opener)
    _views(counter, HOT, 2)
    assert counter.flush()
    running.stop()  # a fast shutdown: the pool's connections are cut
    _views(counter, HOT, 3)
    _views(counter, OTHER, 1)
    assert not counter.flush()
    assert counter.pending == 4
    running.start()
    assert counter.flush()
    assert _pg_count(url, HOT) == 5
    assert _pg_count(url, OTHER) == 1
    assert len(opened) == 2  # the failed store was closed and a fresh one opened
    counter.close()
    # One outage, one message when it starts and one when it ends; none from the pool's retries.
    said = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(said) == 2, said
    assert said[0].startswith("page views: the view store is unavailable")
    assert said[1].startswith("page views: the view store is back after")


def test_a_batch_lands_on_its_utc_day(running: PgCluster) -> None:
    url = schema_url(running.server)
    counter = _counter(lambda: open_store(url, Path("unused")))
    counter.record_view(HOT, datetime(2026, 1, 1, 23, 30, tzinfo=UTC))
    counter.record_view(HOT, datetime(2026, 1, 2, 0, 30, tzinfo=UTC))
    assert counter.flush()
    store = open_store(url, Path("unused"))
    try:
        since = datetime.combine(date(2026, 1, 2), datetime.min.time(), tzinfo=UTC)
        assert store.counts(5, since=since) == [(HOT, 1)]
    finally:
        store.close()
    counter.close()
