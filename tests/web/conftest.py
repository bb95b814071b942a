from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from datetime import datetime

import pytest
from starlette.testclient import TestClient

from modelvs.catalog import Catalog, load_catalog
from modelvs.storage import MemoryStore
from modelvs.web import create_app

TODAY = dt.date(2026, 11, 24)
REFERENCE = "gemini-3.1-pro-preview-vs-gpt-4o-2024-11-20"


class RecordingStore(MemoryStore):
    """A view store that also remembers every view it was given, at noon UTC of its day."""

    def __init__(self) -> None:
        super().__init__()
        self.views: list[tuple[str, datetime]] = []

    def record_views(self, views: Mapping[tuple[str, dt.date], int]) -> None:
        super().record_views(views)
        for (pair, day), n in sorted(views.items()):
            self.views += [(pair, datetime.combine(day, dt.time(12), tzinfo=dt.UTC))] * n


@pytest.fixture(scope="session")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Catalog]:
    """The real shipped catalog, loaded once per session (into the session's own cache)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("MODELVS_CACHE", str(tmp_path_factory.getbasetemp() / "cache"))
        yield load_catalog()


@pytest.fixture(scope="session")
def client(catalog: Catalog) -> TestClient:
    return TestClient(create_app(catalog, today=TODAY), follow_redirects=False)


@pytest.fixture
def store() -> RecordingStore:
    return RecordingStore()


@pytest.fixture
def recording_client(catalog: Catalog, store: RecordingStore) -> TestClient:
    return TestClient(create_app(catalog, store=store, today=TODAY, popular_ttl=0), follow_redirects=False)
