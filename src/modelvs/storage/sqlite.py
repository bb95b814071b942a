"""The default view store: one SQLite file in the data directory.

One connection behind a lock: each call is a single short statement, so threads of the app's
pool queue for microseconds, and the lock lets `close()` release everything from any thread.
Other processes share the file through WAL mode and a busy timeout.

A file deleted (or replaced) while the store is open would take every later write with it, to
an inode nobody can read: each call checks the file is still the one opened, and if not, says so
in the log (the views it held are gone) and opens the file anew.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from modelvs.storage.base import StoreError, ViewStore

log = logging.getLogger(__name__)

FILENAME = "modelvs.sqlite3"
BUSY_TIMEOUT_S = 10.0

# (version, statements). Append only: a released migration never changes.
MIGRATIONS: tuple[tuple[int, tuple[str, ...]], ...] = (
    (
        1,
        (
            # day is 'YYYY-MM-DD' text: it sorts and compares chronologically.
            """CREATE TABLE page_views (pair TEXT NOT NULL, day TEXT NOT NULL,
                 views INTEGER NOT NULL, PRIMARY KEY (pair, day)) WITHOUT ROWID""",
            "CREATE INDEX page_views_day ON page_views (day)",
        ),
    ),
)
LATEST = MIGRATIONS[-1][0]

_UPSERT = """INSERT INTO page_views (pair, day, views) VALUES (?, ?, 1)
  ON CONFLICT (pair, day) DO UPDATE SET views = page_views.views + 1"""
_ADD = """INSERT INTO page_views (pair, day, views) VALUES (?, ?, ?)
  ON CONFLICT (pair, day) DO UPDATE SET views = page_views.views + excluded.views"""


class SQLiteViewStore(ViewStore):
    """Page views in a SQLite database at `path` (created with its directory if missing)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self._identity: tuple[int, int] | None = None
        self._connect()

    def _connect(self) -> None:
        path = self.path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # Autocommit (isolation_level=None): each UPSERT is its own write transaction, and it
            # starts as a write, so the busy timeout applies instead of a snapshot conflict.
            conn = sqlite3.connect(
                path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
            )
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"cannot open SQLite view store {path}: {exc}") from exc
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
            conn.execute("PRAGMA journal_mode = WAL")
            # NORMAL is durable against crashes in WAL mode; a power cut may drop the last views only.
            conn.execute("PRAGMA synchronous = NORMAL")
            _migrate(conn)
            self._identity = _identity(path)
        except BaseException:
            conn.close()
            raise
        self._conn = conn

    def _current(self) -> sqlite3.Connection:
        """The open connection, to the file now at `path` (called with the lock held)."""
        if self._conn is None:
            raise StoreError("view store is closed")
        try:
            now = _identity(self.path)
        except OSError:
            now = None
        if now != self._identity:
            log.warning(
                "page views: the SQLite view store %s was deleted or replaced while open; the views it "
                "held are lost, and a new one is opened",
                self.path,
            )
            self._conn.close()
            self._conn = None
            self._connect()
            assert self._conn is not None
        return self._conn

    def __repr__(self) -> str:
        return f"SQLiteViewStore({str(self.path)!r})"

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def _execute(self, sql: str, params: tuple[object, ...]) -> list[tuple[Any, ...]]:
        with self._lock:
            conn = self._current()
            try:
                return conn.execute(sql, params).fetchall()
            except sqlite3.Error as exc:
                raise StoreError(f"SQLite view store {self.path}: {exc}") from exc

    def _record(self, pair: str, day: date) -> None:
        self._execute(_UPSERT, (pair, day.isoformat()))

    def _record_many(self, rows: list[tuple[str, date, int]]) -> None:
        with self._lock:
            conn = self._current()
            try:
                # IMMEDIATE: the write lock is taken (or waited for) before any row is touched.
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise StoreError(f"SQLite view store {self.path}: {exc}") from exc
            try:
                conn.executemany(_ADD, [(pair, day.isoformat(), n) for pair, day, n in rows])
                conn.execute("COMMIT")
            except sqlite3.Error as exc:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise StoreError(f"SQLite view store {self.path}: {exc}") from exc

    def _counts(self, limit: int, since: date | None) -> list[tuple[str, int]]:
        where, params = ("WHERE day >= ?", (since.isoformat(),)) if since else ("", ())
        rows = self._execute(
            f"""SELECT pair, SUM(views) AS total FROM page_views {where}
                GROUP BY pair ORDER BY total DESC, pair LIMIT ?""",
            (*params, limit),
        )
        return [(str(pair), int(total)) for pair, total in rows]

    def _count(self, pair: str) -> int:
        rows = self._execute("SELECT COALESCE(SUM(views), 0) FROM page_views WHERE pair = ?", (pair,))
        return int(rows[0][0])


def _identity(path: Path) -> tuple[int, int]:
    stat = os.stat(path)  # noqa: PTH116
    return stat.st_dev, stat.st_ino


def _migrate(conn: sqlite3.Connection) -> None:
    """Bring the schema to LATEST; safe to run again and from several processes at once."""
    # IMMEDIATE takes the write lock first, so two processes never both see version 0.
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute(
            """CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY,
                 applied_at TEXT NOT NULL)"""
        )
        current = int(conn.execute("SELECT COALESCE(MAX(version), 0) FROM schema_version").fetchone()[0])
        if current > LATEST:
            raise StoreError(f"view store schema version {current} is newer than this modelvs ({LATEST})")
        for version, statements in MIGRATIONS:
            if version > current:
                for sql in statements:
                    conn.execute(sql)
                conn.execute(
                    "INSERT INTO schema_version (version, applied_at) VALUES (?, ?)",
                    (version, datetime.now(UTC).isoformat(timespec="seconds")),
                )
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
