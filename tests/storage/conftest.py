"""A real, throwaway PostgreSQL server for the storage tests, started once per session.

See `tests/storage/pg.py`: Debian's server binaries, a random port on 127.0.0.1, trust auth.
When they are missing the PostgreSQL tests fail, never skip: a skipped backend would look
like a tested one.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.storage.pg import PgCluster, PgServer, schema_url

__all__ = ["PgServer", "pg_server", "pg_url"]


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    cluster = PgCluster()
    try:
        cluster.start()
        yield cluster.server
    finally:
        cluster.remove()


@pytest.fixture
def pg_url(pg_server: PgServer) -> str:
    """A URL whose tables land in a new, empty schema (one per test) on the session's server."""
    return schema_url(pg_server)
