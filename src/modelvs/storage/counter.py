"""Page views off the request path: counted in memory, written to the view store in batches.

A request only appends (pair, client) to a queue. One background thread keeps the first view of
each client, pair and day (`storage.dedupe`), opens the store,
flushes the counts every `flush_interval` seconds in one transaction, and reads the popular
list every `popular_ttl` seconds into a snapshot that pages read without touching the store.
When the store is slow, locked or absent, the thread retries with exponential backoff, logs
once per outage, and keeps at most `max_pending` (pair, day) rows in memory: views of further
pairs are dropped and counted, and the count is logged when the store is back. `close()`
(the app's lifespan shutdown) writes what is left.
"""

from __future__ import annotations

import contextlib
import contextvars
import logging
import threading
import time
import weakref
from collections import Counter, deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime

from modelvs.storage.base import ViewStore, check_pair, utc_day
from modelvs.storage.dedupe import DailyUnique

log = logging.getLogger(__name__)

Key = tuple[str, date]
POPULAR_LIMIT = 50
"""Pairs the popular snapshot holds (pages show at most a dozen)."""

_seen: contextvars.ContextVar[list[str] | None] = contextvars.ContextVar("modelvs_views_seen", default=None)


@contextlib.contextmanager
def watch_views() -> Iterator[list[str]]:
    """Collect, in the list given, the pairs counted by the code run inside (in this context).

    The serving layer renders a page under it, to learn which pair the page counts: it then counts
    that view itself, and each cache hit of the page, with the client's identity.
    """
    seen: list[str] = []
    token = _seen.set(seen)
    try:
        yield seen
    finally:
        _seen.reset(token)


@dataclass(frozen=True)
class Snapshot:
    """The store's most viewed pairs as last read; `version` changes whenever the list does."""

    version: int
    counts: tuple[tuple[str, int], ...]


class ViewCounter:
    """What the web app counts views with and reads the popular list from: calls that never wait
    for the `ViewStore` behind it (see the module docstring).

    `store` is an open store, or a function that opens one (retried like any other failure, so
    a store that is down at start-up is just an outage); a store it opened itself it closes.
    Without `background`, no thread is started and only `flush()` writes (tests drive it so).
    """

    def __init__(
        self,
        store: ViewStore | Callable[[], ViewStore],
        *,
        popular_ttl: float = 60.0,
        flush_interval: float = 1.0,
        max_pending: int = 50_000,
        max_backoff: float = 15.0,
        max_queued: int = 100_000,
        background: bool = True,
    ) -> None:
        if isinstance(store, ViewStore):
            self._store: ViewStore | None = store
            self._open: Callable[[], ViewStore] | None = None
        else:
            self._store, self._open = None, store
        self.popular_ttl = popular_ttl
        self.flush_interval = flush_interval
        self.max_pending = max_pending
        self.max_backoff = max_backoff
        self.max_queued = max_queued
        self._views: deque[tuple[str, str, bytes]] = deque()
        """Views seen by the serving layer, not yet judged (appended from the event loop)."""
        self._unique = DailyUnique()
        self._pending: Counter[Key] = Counter()
        self._writing: Counter[Key] = Counter()  # the batch being written, until it is
        self._lock = threading.Lock()  # guards _pending and the drop counters
        self._io = threading.Lock()  # one store call at a time: the thread's, or flush()'s
        self._snapshot = Snapshot(0, ())
        self._refreshed_at: float | None = None
        self._failing_since: float | None = None
        self._failures = 0
        self.dropped = 0
        """Views lost because the backlog was full (all time)."""
        self._dropped_in_outage = 0
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._background = background

    # -- what requests call: memory only ------------------------------------------------------

    def record_view(self, pair: str, at: datetime) -> None:
        """Count one view; it reaches the store with the next flush.

        Under `watch_views` (a page rendered by the serving layer) the view is only noted: the
        serving layer counts it, as it counts the page's cache hits, with the client's identity.
        """
        key = (check_pair(pair), utc_day(at))
        seen = _seen.get()
        if seen is not None:
            seen.append(pair)
            return
        with self._lock:
            if key in self._pending or len(self._pending) < self.max_pending:
                self._pending[key] += 1
            else:
                self._drop(1)
        self._ensure_started()

    def saw(self, pair: str, address: str, agent: bytes) -> None:
        """A view of `pair` by the client at `address` with user agent `agent`: queued, and counted
        by the writer thread if it is the client's first of the pair today."""
        if len(self._views) >= self.max_queued:
            self.dropped += 1
            return
        self._views.append((pair, address, agent))
        if self._thread is None:
            self._ensure_started()

    def current_snapshot(self) -> Snapshot:
        """The popular list as last read (a new object whenever it is read anew)."""
        return self._snapshot

    def counts(self, limit: int) -> list[tuple[str, int]]:
        """The most viewed pairs as last read from the store (never a store call)."""
        self._ensure_started()
        return list(self._snapshot.counts[:limit])

    def snapshot(self) -> Snapshot:
        self._ensure_started()
        return self._snapshot

    @property
    def pending(self) -> int:
        """Views counted but not yet written (the batch being written included), and views seen but
        not yet judged (some of which will not count)."""
        with self._lock:
            return sum(self._pending.values()) + sum(self._writing.values()) + len(self._views)

    @property
    def failing(self) -> bool:
        """Whether the last store call failed."""
        return self._failing_since is not None

    # -- the background thread ----------------------------------------------------------------

    def start(self) -> None:
        """Start the writer thread (the first view or popular read does it too)."""
        self._ensure_started()

    def _ensure_started(self) -> None:
        if self._thread is not None or self._stop.is_set() or not self._background:
            return
        with self._lock:
            if self._thread is None:
                # The thread holds only a weak reference: a dropped app (tests) lets it end.
                self._thread = threading.Thread(
                    target=_run,
                    args=(weakref.ref(self), self._wake, self._stop),
                    name="modelvs-views",
                    daemon=True,
                )
                self._thread.start()

    def cycle(self) -> float:
        """One round of store work; the seconds until the next one (longer while failing)."""
        with self._io:
            due = self._refreshed_at is None or time.monotonic() - self._refreshed_at >= self.popular_ttl
            ok = self._write_locked() and (not due or self._refresh_locked())
        if ok:
            return self.flush_interval
        return min(self.max_backoff, 0.25 * 2.0 ** min(self._failures, 10))

    def flush(self, timeout: float | None = None) -> bool:
        """Write every pending view and re-read the popular list now; False if the store failed."""
        if not self._io.acquire(timeout=-1 if timeout is None else timeout):
            return False
        try:
            return self._write_locked() and self._refresh_locked()
        finally:
            self._io.release()

    def close(self, timeout: float = 10.0) -> None:
        """Stop the thread and write what is left, retrying for at most `timeout` seconds."""
        deadline = time.monotonic() + timeout
        self._stop.set()
        self._wake.set()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)
        while not self.flush(timeout=max(0.0, deadline - time.monotonic())):
            left = deadline - time.monotonic()
            if left <= 0:
                break
            time.sleep(min(0.5, left))
        left = self.pending
        if left:
            log.error("page views: %d view(s) could not be written before shutdown and are lost", left)
        if self._io.acquire(timeout=max(0.0, deadline - time.monotonic())):
            try:
                self._release()
            finally:
                self._io.release()

    def _release(self) -> None:
        """Close a store this counter opened (called with self._io held); the next call reopens it."""
        store, self._store = self._store, None
        if self._open is None:
            self._store = store  # not ours: kept as given
            return
        if store is not None:
            try:
                store.close()
            except Exception:  # closing a broken connection may fail too; it is gone either way
                log.debug("page views: closing the failed store raised", exc_info=True)

    def _judge(self) -> None:
        """Move the queued views into the pending counts, the first of each client, pair and day."""
        day = utc_day(datetime.now(UTC))
        kept: Counter[Key] = Counter()
        views = self._views
        while views:
            pair, address, agent = views.popleft()
            if self._unique.first(day, pair, address, agent):
                kept[(check_pair(pair), day)] += 1
        if kept:
            with self._lock:
                for key, n in kept.items():
                    if key in self._pending or len(self._pending) < self.max_pending:
                        self._pending[key] += n
                    else:
                        self._drop(n)

    def _write_locked(self) -> bool:
        self._judge()
        with self._lock:
            batch, self._pending = self._pending, Counter()
            self._writing = batch
        if not batch and self._store is not None:
            return True
        try:
            store = self._opened()
            if batch:
                store.record_views(batch)
        except Exception as exc:  # any failure of the store is an outage: keep the views, retry
            self._put_back(batch)
            self._failed(exc)
            return False
        with self._lock:
            self._writing = Counter()
        self._succeeded(sum(batch.values()))
        return True

    def _refresh_locked(self) -> bool:
        try:
            counts = tuple(self._opened().counts(POPULAR_LIMIT))
        except Exception as exc:
            self._failed(exc)
            return False
        self._refreshed_at = time.monotonic()
        if counts != self._snapshot.counts:
            self._snapshot = Snapshot(self._snapshot.version + 1, counts)
        self._succeeded(0)
        return True

    def _opened(self) -> ViewStore:
        if self._store is None:
            assert self._open is not None
            self._store = self._open()
        return self._store

    def _put_back(self, batch: Counter[Key]) -> None:
        with self._lock:
            self._writing = Counter()
            for key, n in batch.items():
                if key in self._pending or len(self._pending) < self.max_pending:
                    self._pending[key] += n
                else:
                    self._drop(n)

    def _drop(self, n: int) -> None:
        # Called with self._lock held.
        if self._dropped_in_outage == 0:
            log.warning(
                "page views: %d pairs are waiting for the store; views of other pairs are dropped "
                "until it is back",
                self.max_pending,
            )
        self.dropped += n
        self._dropped_in_outage += n

    def _failed(self, exc: Exception) -> None:
        # A fresh store next time: reconnecting once beats waiting on a pool of dead connections.
        self._release()
        self._failures += 1
        if self._failing_since is None:
            self._failing_since = time.monotonic()
            log.warning(
                "page views: the view store is unavailable (%s); counting in memory and retrying", exc
            )

    def _succeeded(self, written: int) -> None:
        self._failures = 0
        with self._lock:
            dropped, self._dropped_in_outage = self._dropped_in_outage, 0
        if self._failing_since is None:
            if dropped:  # no outage: more new pairs than the backlog holds came in one interval
                log.warning("page views: %d view(s) of new pairs were dropped (backlog full)", dropped)
            return
        down = time.monotonic() - self._failing_since
        self._failing_since = None
        extra = f"; {dropped} view(s) were dropped while the backlog was full" if dropped else ""
        log.warning(
            "page views: the view store is back after %.1f s; wrote %d view(s)%s", down, written, extra
        )


def _run(ref: weakref.ref[ViewCounter], wake: threading.Event, stop: threading.Event) -> None:
    delay = 0.0
    while not stop.is_set():
        wake.wait(delay)
        wake.clear()
        if stop.is_set():
            return
        counter = ref()
        if counter is None:
            return
        delay = counter.cycle()
        del counter
