"""The shared view store: PostgreSQL, for several app instances behind a load balancer.

psycopg 3 with a small connection pool; every statement autocommits, and the UPSERT
increments in one statement, so concurrent instances never lose a view.
"""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

import psycopg
from psycopg_pool import ConnectionPool, PoolTimeout

from modelvs.storage.base import StoreError, ViewStore, redact_url, scrub

log = logging.getLogger(__name__)

POOL_NAME = "modelvs-views"
"""The pool's name, which its threads (and the view counter's writer) carry."""
CONNECT_TIMEOUT_S = 10


class _OneOutageOneMessage(logging.Filter):
    """Drops psycopg_pool's own warnings from the view store's threads: while the server is down
    the pool says "error connecting" at every retry, where the view counter logs the outage once
    and its end once (`storage.counter`). Errors still pass."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno >= logging.ERROR or not (record.threadName or "").startswith(POOL_NAME)


logging.getLogger("psycopg.pool").addFilter(_OneOutageOneMessage())
# Any constant shared by every modelvs instance: serialises concurrent migrations.
_MIGRATION_LOCK = 0x6D6F_6465_6C76_73  # "modelvs"

MIGRATIONS: tuple[tuple[int, tuple[str, ...]], ...] = (
    (
        1,
        (
            """CREATE TABLE page_views (pair TEXT NOT NULL, day DATE NOT NULL,
                 views BIGINT NOT NULL, PRIMARY KEY (pair, day))""",
            "CREATE INDEX page_views_day ON page_views (day)",
        ),
    ),
)
LATEST = MIGRATIONS[-1][0]

_UPSERT = """INSERT INTO page_views (pair, day, views) VALUES (%s, %s, 1)
  ON CONFLICT (pair, day) DO UPDATE SET views = page_views.views + 1"""
_ADD = """INSERT INTO page_views (pair, day, views) VALUES (%s, %s, %s)
  ON CONFLICT (pair, day) DO UPDATE SET views = page_views.views + EXCLUDED.views"""


class PostgresViewStore(ViewStore):
    """Page views in the PostgreSQL database at `url` (`postgresql://` or `postgres://`)."""

    def __init__(self, url: str, *, min_size: int = 1, max_size: int = 8) -> None:
        self._url = url
        self._shown = redact_url(url)
        kwargs: dict[str, Any] = {"autocommit": True, "connect_timeout": CONNECT_TIMEOUT_S}
        # A direct first connection fails fast with the server's reason; a pool would retry
        # until its timeout and then report only that it timed out.
        try:
            with psycopg.connect(url, **kwargs) as conn:
                _migrate(conn)
        except psycopg.Error as exc:
            raise StoreError(self._scrub(f"cannot open PostgreSQL view store {self._shown}: {exc}")) from None
        self._pool: ConnectionPool[psycopg.Connection[tuple[Any, ...]]] | None = ConnectionPool(
            url,
            min_size=min_size,
            max_size=max_size,
            kwargs=kwargs,
            # Checked on checkout, so a server restart costs one reconnect instead of one error.
            check=ConnectionPool.check_connection,
            # While the server is down a call fails after this long instead of the pool's 30 s.
            timeout=CONNECT_TIMEOUT_S,
            name=POOL_NAME,
            open=False,
        )
        try:
            self._pool.open(wait=True, timeout=CONNECT_TIMEOUT_S)
        except PoolTimeout:
            self._pool.close()
            raise StoreError(f"cannot fill the connection pool for {self._shown}") from None
        log.info("view store: PostgreSQL at %s", self._shown)

    def __repr__(self) -> str:
        return f"PostgresViewStore({self._shown!r})"

    def close(self) -> None:
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.close()

    def _scrub(self, text: str) -> str:
        return scrub(text, self._url)

    def _execute(self, sql: str, params: tuple[object, ...], *, fetch: bool = True) -> list[tuple[Any, ...]]:
        pool = self._pool
        if pool is None:
            raise StoreError("view store is closed")
        try:
            with pool.connection() as conn:
                cur = conn.execute(sql, params)
                return cur.fetchall() if fetch else []
        except (psycopg.Error, PoolTimeout) as exc:
            # `from None`: the chained exception could carry connection details into logs.
            raise StoreError(self._scrub(f"PostgreSQL view store {self._shown}: {exc}")) from None

    def _record(self, pair: str, day: date) -> None:
        self._execute(_UPSERT, (pair, day), fetch=False)

    def _record_many(self, rows: list[tuple[str, date, int]]) -> None:
        pool = self._pool
        if pool is None:
            raise StoreError("view store is closed")
        try:
            with pool.connection() as conn, conn.transaction(), conn.cursor() as cur:
                cur.executemany(_ADD, rows)
        except (psycopg.Error, PoolTimeout) as exc:
            raise StoreError(self._scrub(f"PostgreSQL view store {self._shown}: {exc}")) from None

    def _counts(self, limit: int, since: date | None) -> list[tuple[str, int]]:
        where, params = ("WHERE day >= %s", (since,)) if since else ("", ())
        # COLLATE "C": ties sort by bytes, as in SQLite, whatever the database's locale.
        rows = self._execute(
            f"""SELECT pair, SUM(views)::bigint AS total FROM page_views {where}
                GROUP BY pair ORDER BY total DESC, pair COLLATE "C" LIMIT %s""",
            (*params, limit),
        )
        return [(str(pair), int(total)) for pair, total in rows]

    def _count(self, pair: str) -> int:
        sql = "SELECT COALESCE(SUM(views), 0)::bigint FROM page_views WHERE pair = %s"
        rows = self._execute(sql, (pair,))
        return int(rows[0][0])


def _migrate(conn: psycopg.Connection[tuple[Any, ...]]) -> None:
    """Bring the schema to LATEST in one transaction; safe to run again and concurrently."""
    with conn.transaction():
        # Without the lock two instances starting together could both create the tables.
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
        conn.execute(
            """CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY,
                 applied_at TIMESTAMPTZ NOT NULL DEFAULT now())"""
        )
        row = conn.execute("SELECT COALESCE(MAX(version), 0) FROM schema_version").fetchone()
        current = int(row[0]) if row else 0
        if current > LATEST:
            raise StoreError(f"view store schema version {current} is newer than this modelvs ({LATEST})")
        for version, statements in MIGRATIONS:
            if version > current:
                for sql in statements:
                    conn.execute(sql)
                conn.execute("INSERT INTO schema_version (version) VALUES (%s)", (version,))
