from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from modelvs import load_catalog
from modelvs.usage.tokenizers import stated_ratios


def test_the_shipped_ratios_are_sourced_ranges_of_catalog_models() -> None:
    ratios = stated_ratios()
    catalog = load_catalog()
    opus = next(r for r in ratios if r.model == "anthropic/claude-opus-4-7")
    assert (opus.low, opus.high, opus.versus_lab) == (Decimal("1.0"), Decimal("1.35"), "anthropic")
    assert opus.url.startswith("https://platform.claude.com/")
    assert opus.checked == dt.date(2026, 12, 5)
    for ratio in ratios:
        assert ratio.model in catalog.models
        assert ratio.versus_lab in catalog.labs
        assert Decimal(0) < ratio.low <= ratio.high
        assert ratio.url.startswith("https://")
        assert all(url.startswith("https://") for _, url, _ in ratio.measured)


def test_a_folder_without_the_file_has_none_and_a_bad_entry_is_refused(tmp_path: Path) -> None:
    assert stated_ratios(tmp_path) == ()
    (tmp_path / "tokenizers.toml").write_text('[[ratio]]\nmodel = "a/b"\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"tokenizers\.toml"):
        stated_ratios(tmp_path)
