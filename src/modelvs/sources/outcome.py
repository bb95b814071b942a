"""What reading one source gave a sync: the proposal, and an `Outcome` the change report names.

Reads that need no network live here (the installed package, a file given with `--path`); live
downloads are `sources.refresh`, imported only when a sync fetches.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from modelvs.catalog import tomlio
from modelvs.catalog.layout import record_path
from modelvs.sources.proposal import Proposal
from modelvs.sources.registry import Source
from modelvs.sources.snapshots import Snapshot, Snapshots

State = Literal["new", "unchanged", "packaged", "file", "failed"]


@dataclass(frozen=True)
class Outcome:
    """How one source was read, in the words of the report."""

    id: str
    state: State
    """`new` snapshot, `unchanged` (304 or the same bytes), `packaged`, `file`, or `failed`."""
    version: str | None
    """The version read (package version or snapshot id); None when it failed."""
    detail: str
    """Where from, or why it failed."""

    @property
    def failed(self) -> bool:
        return self.state == "failed"

    def __str__(self) -> str:
        if self.failed:
            return f"{self.id}: FAILED, {self.detail}; its values are kept as they were"
        return f"{self.id}: {self.state} {self.version or ''} ({self.detail})".replace("  ", " ")

    def as_dict(self) -> dict[str, Any]:
        return {"source": self.id, "state": self.state, "version": self.version, "detail": self.detail}


@dataclass(frozen=True)
class Read:
    outcome: Outcome
    proposal: Proposal | None


def is_url(location: str | None) -> bool:
    return location is not None and location.startswith(("https://", "http://"))


def packaged(source: Source, location: str | None, retrieved: dt.date, why: str = "") -> Read:
    """The source from its installed package (or the file `location`)."""
    assert source.runner is not None
    try:
        proposal = source.runner(location, retrieved)
    except (OSError, ValueError, ImportError) as exc:
        return Read(Outcome(source.id, "failed", None, str(exc)), None)
    version = proposal.source.get("version")
    state: State = "packaged" if location is None else "file"
    detail = why or ("the packaged snapshot" if location is None else "a file given with --path")
    return Read(Outcome(source.id, state, version, detail), proposal)


def as_live(proposal: Proposal, snapshot: Snapshot) -> Proposal:
    """The proposal with its source record naming the snapshot: kind `url`, version the snapshot id,
    retrieved its date."""
    record = {k: v for k, v in proposal.source.items() if k != "package"}
    record |= {"kind": "url", "version": snapshot.id, "retrieved": snapshot.day}
    return dataclasses.replace(proposal, source=record)


def held_version(data_dir: Path, source_id: str) -> str | None:
    """The version of a source the catalog in `data_dir` holds (None when it holds none)."""
    path = record_path(data_dir, "source", source_id)
    try:
        version = tomlio.loads(path.read_text(encoding="utf-8")).get("version")
    except (OSError, ValueError):
        return None
    return str(version) if version is not None else None


def kept(
    source: Source, version: str | None, stores: Sequence[Snapshots], retrieved: dt.date
) -> Proposal | None:
    """What the catalog holds for a source, proposed again so that a merge keeps it as it is (a
    source that could not be read now): the snapshot the catalog names, from the first store that
    has it, else the installed package when that is the version the catalog holds; None when
    neither is at hand."""
    if version is None:
        return None
    for store in stores:
        snapshot = store.find(source.id, version)
        if snapshot is not None and source.read is not None:
            try:
                return as_live(source.read(store.read(snapshot), snapshot.day, snapshot.id), snapshot)
            except (OSError, ValueError, KeyError, TypeError):
                continue
    if source.runner is None:
        return None
    try:
        proposal = source.runner(None, retrieved)
    except (OSError, ValueError, ImportError):
        return None
    return proposal if proposal.source.get("version") == version else None
