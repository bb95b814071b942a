"""The in-memory view store keeps the same contract as the database stores, and the null store
keeps nothing."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from modelvs.storage import MemoryStore, NullStore, ViewStore
from tests.storage import AT, HOT, StoreBehaviour


class TestMemoryStore(StoreBehaviour):
    @pytest.fixture
    def store(self) -> Iterator[ViewStore]:
        with MemoryStore() as store:
            yield store


def test_the_null_store_keeps_no_view() -> None:
    store = NullStore()
    store.record_view(HOT, AT)
    store.record_views({(HOT, AT.date()): 3})
    assert store.counts(5) == []
    assert store.count(HOT) == 0
    with pytest.raises(ValueError, match="not a comparison slug"):
        store.record_view("a vs b", AT)  # the same checks as any store
