"""The SQLite view store, on real database files in temporary directories."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from modelvs.storage import StoreError, open_store
from modelvs.storage.sqlite import FILENAME, LATEST, SQLiteViewStore
from tests.storage import AT, HOT, StoreContract, StoreTarget


@pytest.fixture
def target(tmp_path: Path) -> StoreTarget:
    return StoreTarget(None, tmp_path / "var" / "data")


class TestSQLiteContract(StoreContract):
    pass


def _query(path: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as db:
        rows = db.execute(sql).fetchall()
    db.close()
    return rows


@pytest.mark.parametrize("url", [None, ""])
def test_default_is_sqlite_in_the_data_dir_created_if_missing(tmp_path: Path, url: str | None) -> None:
    data_dir = tmp_path / "a" / "b"
    with open_store(url, data_dir) as store:
        assert isinstance(store, SQLiteViewStore)
        assert store.path == data_dir / FILENAME
        assert repr(store) == f"SQLiteViewStore({str(data_dir / FILENAME)!r})"
        store.record_view(HOT, AT)
    assert (data_dir / FILENAME).is_file()


def test_wal_mode_and_schema(target: StoreTarget) -> None:
    with target.open() as store:
        store.record_view(HOT, AT)
    path = target.data_dir / FILENAME
    assert _query(path, "PRAGMA journal_mode") == [("wal",)]
    assert _query(path, "SELECT pair, day, views FROM page_views") == [(HOT, "2025-03-14", 1)]


def test_migrations_are_idempotent(target: StoreTarget) -> None:
    for _ in range(3):
        target.open().close()
    rows = _query(target.data_dir / FILENAME, "SELECT version FROM schema_version ORDER BY version")
    assert rows == [(v,) for v in range(1, LATEST + 1)]


def test_a_newer_schema_is_refused(target: StoreTarget) -> None:
    target.open().close()
    path = target.data_dir / FILENAME
    with sqlite3.connect(path) as db:
        db.execute("INSERT INTO schema_version VALUES (?, 'future')", (LATEST + 1,))
    db.close()
    with pytest.raises(StoreError, match=f"schema version {LATEST + 1} is newer"):
        target.open()


def test_an_unwritable_location_is_a_store_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    with pytest.raises(StoreError, match="cannot open SQLite view store"):
        open_store(None, blocker / "data")


def test_a_locked_database_is_a_store_error(target: StoreTarget, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("modelvs.storage.sqlite.BUSY_TIMEOUT_S", 0.05)
    with target.open() as store:
        blocker = sqlite3.connect(target.data_dir / FILENAME, isolation_level=None)
        try:
            blocker.execute("BEGIN IMMEDIATE")  # another process holding the write lock too long
            with pytest.raises(StoreError, match="locked"):
                store.record_view(HOT, AT)
        finally:
            blocker.execute("ROLLBACK")
            blocker.close()
        store.record_view(HOT, AT)
        assert store.count(HOT) == 1


def test_a_batch_under_an_exclusive_lock_fails_whole(
    target: StoreTarget, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("modelvs.storage.sqlite.BUSY_TIMEOUT_S", 0.05)
    with target.open() as store:
        blocker = sqlite3.connect(target.data_dir / FILENAME, isolation_level=None)
        try:
            blocker.execute("BEGIN EXCLUSIVE")
            with pytest.raises(StoreError, match="locked"):
                store.record_views({(HOT, AT.date()): 5})
        finally:
            blocker.execute("ROLLBACK")
            blocker.close()
        assert store.count(HOT) == 0  # the failed batch left nothing behind
        store.record_views({(HOT, AT.date()): 5})
        assert store.count(HOT) == 5


def test_a_file_deleted_while_open_is_opened_anew_and_the_loss_logged(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with open_store(None, tmp_path) as store:
        store.record_views({(HOT, AT.date()): 3})
        for name in (FILENAME, FILENAME + "-wal", FILENAME + "-shm"):
            (tmp_path / name).unlink(missing_ok=True)
        with caplog.at_level("WARNING", logger="modelvs.storage.sqlite"):
            store.record_views({(HOT, AT.date()): 2})
            assert store.count(HOT) == 2  # the three before went with the file
        assert (tmp_path / FILENAME).is_file()
        assert _query(tmp_path / FILENAME, "SELECT pair, views FROM page_views") == [(HOT, 2)]
    [said] = [r.getMessage() for r in caplog.records]
    assert "deleted or replaced while open" in said
    assert "views it held are lost" in said
