from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test session compiles catalogs into its own cache, never the user's."""
    monkeypatch.setenv("MODELVS_CACHE", str(tmp_path_factory.getbasetemp() / "cache"))


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    from tests.minicatalog import write_catalog

    return write_catalog(tmp_path / "data")
