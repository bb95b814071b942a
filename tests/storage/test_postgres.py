"""The PostgreSQL view store, against the real throwaway server from conftest.py, and URLs."""

from __future__ import annotations

import threading
from pathlib import Path

import psycopg
import pytest

from modelvs.storage import (
    StoreError,
    UnsupportedURLError,
    database_url_from_env,
    open_store,
    redact_url,
)
from modelvs.storage.base import scrub
from modelvs.storage.postgres import LATEST, PostgresViewStore
from tests.storage import AT, HOT, StoreContract, StoreTarget
from tests.storage.pg import PgServer

SECRET = "s3cr3t-p@ss"


@pytest.fixture
def target(pg_url: str, tmp_path: Path) -> StoreTarget:
    return StoreTarget(pg_url, tmp_path)


class TestPostgresContract(StoreContract):
    pass


def _query(url: str, sql: str) -> list[tuple[object, ...]]:
    with psycopg.connect(url) as conn:
        return conn.execute(sql.encode()).fetchall()


def test_postgres_scheme_alias_and_no_local_file(pg_url: str, tmp_path: Path) -> None:
    url = pg_url.replace("postgresql://", "postgres://", 1)
    with open_store(url, tmp_path) as store:
        assert isinstance(store, PostgresViewStore)
        store.record_view(HOT, AT)
        assert store.count(HOT) == 1
    assert list(tmp_path.iterdir()) == []


def test_migrations_are_idempotent(target: StoreTarget) -> None:
    for _ in range(3):
        target.open().close()
    assert target.url
    rows = _query(target.url, "SELECT version FROM schema_version ORDER BY version")
    assert rows == [(v,) for v in range(1, LATEST + 1)]


def test_instances_starting_together_migrate_once(target: StoreTarget) -> None:
    errors: list[BaseException] = []

    def start() -> None:
        try:
            target.open().close()
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=start) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors, errors
    assert target.url
    assert _query(target.url, "SELECT count(*) FROM schema_version") == [(LATEST,)]


def test_a_newer_schema_is_refused(target: StoreTarget) -> None:
    target.open().close()
    assert target.url
    with psycopg.connect(target.url) as conn:
        conn.execute("INSERT INTO schema_version (version) VALUES (%s)", (LATEST + 1,))
    with pytest.raises(StoreError, match=f"schema version {LATEST + 1} is newer"):
        target.open()


def test_password_is_never_shown(pg_server: PgServer, pg_url: str, tmp_path: Path) -> None:
    # Trust auth accepts any password, so the URL carrying one really connects.
    url = pg_url.replace("postgres@", f"postgres:{SECRET.replace('@', '%40')}@", 1)
    with open_store(url, tmp_path) as store:
        assert SECRET not in repr(store)
        assert "%40" not in repr(store)
        assert "postgres:***@" in repr(store)
    # A database that does not exist: the server's error is reported, the password is not.
    bad = pg_server.url("no_such_db", password=SECRET.replace("@", "%40"))
    with pytest.raises(StoreError) as info:
        open_store(bad, tmp_path)
    message = str(info.value)
    assert "no_such_db" in message
    assert SECRET not in message
    assert "s3cr3t" not in message
    assert info.value.__cause__ is None
    assert info.value.__suppress_context__


def test_query_errors_are_store_errors_without_password(pg_url: str, tmp_path: Path) -> None:
    url = pg_url.replace("postgres@", f"postgres:{SECRET.replace('@', '%40')}@", 1)
    with open_store(url, tmp_path) as store:
        with psycopg.connect(pg_url, autocommit=True) as conn:
            conn.execute("DROP TABLE page_views")
        with pytest.raises(StoreError, match="page_views") as info:
            store.record_view(HOT, AT)
        assert "s3cr3t" not in str(info.value)


def test_unreachable_server_fails_fast_without_password(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="cannot open PostgreSQL view store") as info:
        open_store(f"postgresql://app:{SECRET.replace('@', '%40')}@127.0.0.1:1/modelvs", tmp_path)
    assert "s3cr3t" not in str(info.value)


@pytest.mark.parametrize(
    "url", ["mysql://root:s3cr3t@db/modelvs", "sqlite:///tmp/x.db", "host=db password=s3cr3t", "s3cr3t"]
)
def test_unknown_schemes_name_the_accepted_ones(url: str, tmp_path: Path) -> None:
    with pytest.raises(UnsupportedURLError, match=r"postgresql://\.\.\. or postgres://") as info:
        open_store(url, tmp_path)
    assert "s3cr3t" not in str(info.value)
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("postgresql://u:pw@h:5432/db", "postgresql://u:***@h:5432/db"),
        (
            "postgresql://u:p%40w@h1,h2:5433/db?sslmode=require",
            "postgresql://u:***@h1,h2:5433/db?sslmode=require",
        ),
        (
            "postgresql://u@h/db?password=pw&sslmode=require",
            "postgresql://u@h/db?password=***&sslmode=require",
        ),
        ("postgresql://h/db", "postgresql://h/db"),
        ("postgresql://[bad/db", "postgresql://***"),
    ],
)
def test_redact_url(url: str, shown: str) -> None:
    assert redact_url(url) == shown


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://u:p%40ss@h/db",
        "postgresql://u@h/db?password=p%40ss",
        "postgresql://u:p%40ss@[bad/db",
    ],
)
def test_scrub_masks_raw_and_decoded_passwords(url: str) -> None:
    assert scrub("p%40ss and p@ss", url) == "*** and ***"


def test_database_url_from_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MODELVS_DATABASE_URL", raising=False)
    assert database_url_from_env() is None
    monkeypatch.setenv("MODELVS_DATABASE_URL", "  ")
    assert database_url_from_env() is None
    monkeypatch.setenv("MODELVS_DATABASE_URL", " postgresql://h/db ")
    assert database_url_from_env() == "postgresql://h/db"
    assert database_url_from_env({"MODELVS_DATABASE_URL": "postgres://x/y"}) == "postgres://x/y"
    assert database_url_from_env({}) is None
