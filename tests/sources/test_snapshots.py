"""The raw snapshots a live sync keeps: dated, content-addressed, checked when read back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from modelvs.sources.snapshots import Snapshots, record

NOW = dt.datetime(2026, 12, 5, 14, 4, 24, tzinfo=dt.UTC)
URL = "https://example.test/api.json"


def test_a_new_body_is_a_new_dated_snapshot_kept_only_when_asked(tmp_path: Path) -> None:
    store = Snapshots(tmp_path)
    snapshot = store.identify("models-dev", URL, b"{}", NOW)
    assert snapshot.id == "20261205T140424Z-44136fa355b3"
    assert (snapshot.taken, snapshot.day, snapshot.file) == (
        "2026-12-05T14:04:24Z",
        dt.date(2026, 12, 5),
        "20261205T140424Z-44136fa355b3.json",
    )
    assert store.latest("models-dev") is None  # identified, not yet kept
    store.keep(snapshot, b"{}")
    assert store.latest("models-dev") == snapshot
    later = store.identify("models-dev", URL, b"{}", NOW + dt.timedelta(days=2))
    assert later == snapshot  # the same bytes are the same snapshot, whenever downloaded
    other = store.identify("models-dev", URL, b'{"a": 1}', NOW + dt.timedelta(days=2))
    assert other.id.startswith("20261207T140424Z-")


def test_a_damaged_snapshot_is_not_trusted(tmp_path: Path) -> None:
    store = Snapshots(tmp_path)
    snapshot = store.keep(store.identify("litellm", URL, b"{}", NOW), b"{}")
    (tmp_path / "litellm" / snapshot.file).write_bytes(b"{truncated")
    assert store.latest("litellm") is None
    assert store.find("litellm", snapshot.id) is None


def test_a_snapshot_is_found_by_the_id_the_catalog_records(tmp_path: Path) -> None:
    store = Snapshots(tmp_path)
    first = store.keep(store.identify("aider", URL, b"- a", NOW), b"- a")
    store.keep(store.identify("aider", URL, b"- b", NOW + dt.timedelta(days=1)), b"- b")
    found = store.find("aider", first.id)
    assert found is not None
    assert (found.id, found.taken, store.read(found)) == (first.id, first.taken, b"- a")
    assert store.find("aider", "20261205T140424Z-000000000000") is None


def test_record_keeps_only_the_named_snapshot_in_a_checkout(tmp_path: Path) -> None:
    store = Snapshots(tmp_path / "cache")
    first = store.keep(store.identify("aider", URL, b"- a", NOW), b"- a")
    second = store.keep(store.identify("aider", URL, b"- b", NOW + dt.timedelta(days=1)), b"- b")
    recorded = tmp_path / "recorded"
    assert record(store, recorded, "aider", first.id)
    assert record(store, recorded, "aider", second.id)
    assert [p.name for p in (recorded / "aider").iterdir()] == [second.file]
    assert not record(store, recorded, "aider", "1.0.398")  # a package version: nothing to keep
    assert Snapshots(recorded).find("aider", second.id) is not None
