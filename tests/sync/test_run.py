import datetime as dt
from pathlib import Path

import pytest

from modelvs.catalog import tomlio
from modelvs.sources.proposal import Proposal, ProposedRecord
from modelvs.sync import tree
from modelvs.sync.changes import ChangeKind, summary
from modelvs.sync.run import sync

TODAY = dt.date(2026, 11, 24)
META = {"name": "models.dev", "kind": "package", "license": "MIT", "retrieved": TODAY}


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def good() -> Proposal:
    return Proposal(
        "models-dev",
        META,
        (
            ProposedRecord(
                "model", "openai/gpt-5", {"name": "GPT-5", "context_window": 400000}, "openai.models.gpt-5"
            ),
            ProposedRecord(
                "route", "openai:openai/gpt-5", {"provider_model_id": "gpt-5"}, "openai.models.gpt-5"
            ),
        ),
    )


def test_write_then_resync_changes_nothing(mini: Path) -> None:
    result = sync(mini, [good()], today=TODAY, dry_run=False)
    assert result.written
    assert (mini / "models/openai/gpt-5.toml").exists()
    before = snapshot(mini)
    again = sync(mini, [good()], today=TODAY, dry_run=False)
    assert again.changes == []
    assert snapshot(mini) == before


def test_dry_run_writes_nothing(mini: Path) -> None:
    before = snapshot(mini)
    result = sync(mini, [good()], today=TODAY)
    assert not result.written
    assert result.changes
    assert snapshot(mini) == before


def test_an_import_that_breaks_the_catalog_leaves_data_as_it_was(mini: Path) -> None:
    bad = Proposal(
        "models-dev",
        META,
        (ProposedRecord("model", "openai/gpt-5", {"name": "GPT-5", "context_window": -1}, "x"),),
    )
    before = snapshot(mini)
    result = sync(mini, [bad], today=TODAY, dry_run=False)
    assert not result.written
    assert any(p.field == "context_window" for p in result.problems)
    assert snapshot(mini) == before


def test_an_interrupted_swap_is_undone(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = snapshot(mini)
    original = Path.replace
    calls = []

    def crash_on_second(self: Path, target: Path) -> Path:
        calls.append(self)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return original(self, target)

    monkeypatch.setattr(Path, "replace", crash_on_second)
    with pytest.raises(KeyboardInterrupt):
        sync(mini, [good()], today=TODAY, dry_run=False)
    monkeypatch.setattr(Path, "replace", original)
    assert not mini.exists()
    tree.recover(mini)
    assert snapshot(mini) == before


@pytest.mark.sources
def test_the_shipped_catalog_is_what_a_sync_of_the_installed_sources_gives() -> None:
    """Syncing again would write nothing: the shipped data is a fixed point of a sync of what it was
    built from, each source as the catalog names it (the installed package at that version, or the
    raw snapshot a live refresh kept in `recorded/snapshots/`)."""
    from modelvs.catalog import default_data_dir
    from modelvs.sources.outcome import kept
    from modelvs.sources.registry import SOURCES
    from modelvs.sources.snapshots import Snapshots
    from modelvs.sync.merge import merge
    from modelvs.sync.results import attach_results
    from modelvs.sync.run import steady
    from modelvs.sync.tree import read_records

    before = read_records(default_data_dir())
    recorded = Snapshots(Path(__file__).resolve().parents[2] / "recorded" / "snapshots")
    proposals, missing = [], []
    for source in SOURCES:
        record = before.get(("source", source.id))
        if record is None or source.runner is None:
            continue
        proposal = kept(source, record.get("version"), [recorded], record["retrieved"])
        if proposal is None:
            missing.append(f"{source.id} {record.get('version')}")
        else:
            proposals.append(steady(before, proposal))
    assert missing == []  # neither installed at that version nor kept in recorded/snapshots
    retrieved = before[("source", "models-dev")]["retrieved"]
    merged, _ = merge(before, proposals, retrieved)
    after, _ = attach_results(merged, proposals)
    changed = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))
    assert changed == []


def test_the_report_names_every_file_a_write_changes(mini: Path) -> None:
    sync(mini, [good()], today=TODAY, dry_run=False)
    later = TODAY + dt.timedelta(days=1)
    newer = Proposal("models-dev", {**META, "retrieved": later}, good().offers)
    dry = sync(mini, [newer], today=later)
    before = snapshot(mini)
    wet = sync(mini, [newer], today=later, dry_run=False)
    after = snapshot(mini)
    written = {name for name in before.keys() | after.keys() if before.get(name) != after.get(name)}
    assert written  # a source's retrieved date, its citations' dates
    assert dry.files_touched == wet.files_touched == len(written)
    reported = {c.file for c in wet.changes if c.kind is not ChangeKind.CONFLICT}
    assert reported == written
    assert summary(wet.changes).startswith(f"{len(written)} file(s) touched")
    again = sync(mini, [newer], today=later, dry_run=False)
    assert (again.changes, again.files_touched) == ([], 0)
    assert snapshot(mini) == after


def test_a_file_rewritten_only_to_order_it_is_reported(mini: Path) -> None:
    sync(mini, [good()], today=TODAY, dry_run=False)
    model = mini / "models/openai/gpt-5.toml"
    raw = tomlio.loads(model.read_text())
    raw["citations"]["review"] = {"source": "modelvs"}
    raw["alternatives"] = [  # out of the order a sync writes them in
        {"field": "name", "value": "GPT 5", "citation": "review", "note": "a reviewer's spelling"},
        {"field": "context_window", "value": 300000, "citation": "review", "note": "an older page"},
    ]
    model.write_text(tomlio.dumps(raw))
    result = sync(mini, [good()], today=TODAY, dry_run=False)
    assert result.files_touched == 1
    assert [(c.file, c.field) for c in result.changes] == [("models/openai/gpt-5.toml", "alternatives")]
    assert summary(result.changes).startswith("1 file(s) touched")
