from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from datetime import datetime

import pytest
from starlette.testclient import TestClient

from modelvs.catalog import Catalog, load_catalog
from modelvs.web import create_app

TODAY = dt.date(2026, 11, 24)
REFERENCE = "gemini-3.1-pro-preview-vs-gpt-4o-2024-11-20"


class RecordingStore:
    """A popularity store that remembers every call."""

    def __init__(self) -> None:
        self.views: list[tuple[str, datetime]] = []

    def record_view(self, pair: str, at: datetime) -> None:
        self.views.append((pair, at))

    def counts(self, limit: int) -> list[tuple[str, int]]:
        totals: dict[str, int] = {}
        for pair, _ in self.views:
            totals[pair] = totals.get(pair, 0) + 1
        return sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]


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
