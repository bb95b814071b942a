"""Where the catalog is found: $MODELVS_DATA, else the checkout's data/ (the installed wheel's
own copy is exercised by tests/test_packaging.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

import modelvs
from modelvs.catalog.where import default_data_dir

CHECKOUT = Path(__file__).resolve().parents[2]


def test_modelvs_data_comes_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MODELVS_DATA", str(tmp_path))
    assert default_data_dir() == tmp_path


def test_the_editable_install_reads_the_checkouts_data(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MODELVS_DATA", raising=False)
    assert Path(modelvs.__file__).resolve().is_relative_to(CHECKOUT / "src")  # not an installed copy
    assert default_data_dir() == CHECKOUT / "data"
