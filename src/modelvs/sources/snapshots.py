"""The raw snapshots a live sync keeps: every distinct body a source gave, dated, under the cache
folder (`$MODELVS_CACHE/snapshots/<source>/`), with the validators to send next time.

An answer of 304, or the same bytes again, reuses the snapshot it matches, so a run that finds
nothing new proposes exactly what the catalog already holds; a source that fails is read again
from the snapshot the catalog names, so the catalog keeps its values for it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from dataclasses import asdict, dataclass, replace
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Snapshot:
    """One body a source gave, as kept in the cache."""

    source: str
    url: str
    id: str
    """`<UTC time taken>-<sha256 prefix>`: the version the catalog records for the source."""
    taken: str
    """When it was downloaded, UTC (`2026-12-05T14:04:24Z`)."""
    sha256: str
    file: str
    """The file that holds the bytes, in the source's folder of the cache."""
    etag: str | None = None
    last_modified: str | None = None

    @property
    def day(self) -> dt.date:
        """The snapshot's date: what the catalog records as the source's `retrieved`."""
        return dt.date.fromisoformat(self.taken[:10])


class Snapshots:
    """Raw snapshots by source under `root`: every distinct body, and `latest.json` per source."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def latest(self, source: str) -> Snapshot | None:
        """The newest snapshot of a source whose bytes are still there and intact, else None."""
        try:
            meta = json.loads((self.root / source / "latest.json").read_text(encoding="utf-8"))
            snapshot = Snapshot(**meta)
            if hashlib.sha256(self.read(snapshot)).hexdigest() != snapshot.sha256:
                return None
        except (OSError, ValueError, TypeError):
            return None
        return snapshot

    def read(self, snapshot: Snapshot) -> bytes:
        return (self.root / snapshot.source / snapshot.file).read_bytes()

    def identify(self, source: str, url: str, body: bytes, now: dt.datetime) -> Snapshot:
        """The snapshot `body` is: the latest one when the bytes are the same, else a new one (not
        yet kept: `keep` it once its content has been checked)."""
        digest = hashlib.sha256(body).hexdigest()
        latest = self.latest(source)
        if latest is not None and latest.sha256 == digest:
            return latest
        taken = now.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        sid = f"{taken.replace(':', '').replace('-', '')}-{digest[:12]}"
        suffix = PurePosixPath(urlsplit(url).path).suffix or ".raw"
        return Snapshot(source, url, sid, taken, digest, f"{sid}{suffix}")

    def keep(self, snapshot: Snapshot, body: bytes | None = None) -> Snapshot:
        """Write the snapshot's bytes (when given and new) and make it the source's latest."""
        folder = self.root / snapshot.source
        folder.mkdir(parents=True, exist_ok=True)
        if body is not None and not (folder / snapshot.file).exists():
            _write_atomic(folder / snapshot.file, body)
        _write_atomic(folder / "latest.json", json.dumps(asdict(snapshot), indent=1).encode())
        return snapshot

    def revalidated(self, snapshot: Snapshot, etag: str | None, last_modified: str | None) -> Snapshot:
        """The snapshot with the validators of the answer that confirmed or re-sent it."""
        return replace(
            snapshot, etag=etag or snapshot.etag, last_modified=last_modified or snapshot.last_modified
        )

    def find(self, source: str, snapshot_id: str) -> Snapshot | None:
        """A kept snapshot of a source by its id (what the catalog records as the source's version)."""
        folder = self.root / source
        for path in sorted(folder.glob(f"{snapshot_id}.*")) if folder.is_dir() else []:
            stamp = snapshot_id.split("-", 1)[0]  # 20261205T140424Z
            try:
                taken = dt.datetime.strptime(stamp, "%Y%m%dT%H%M%SZ").strftime("%Y-%m-%dT%H:%M:%SZ")
            except ValueError:
                return None
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            if digest.startswith(snapshot_id.rsplit("-", 1)[-1]):
                return Snapshot(source, "", snapshot_id, taken, digest, path.name)
        return None


def record(store: Snapshots, folder: Path, source: str, snapshot_id: str) -> bool:
    """Copy a kept snapshot into `folder/<source>/` and remove the source's other snapshots there:
    a checkout's record of the raw data its catalog was built from (`sync --keep-snapshots`).
    False when the store does not have it."""
    snapshot = store.find(source, snapshot_id)
    if snapshot is None:
        return False
    target = folder / source
    target.mkdir(parents=True, exist_ok=True)
    if not (target / snapshot.file).exists():
        _write_atomic(target / snapshot.file, store.read(snapshot))
    for other in target.iterdir():
        if other.name != snapshot.file:
            other.unlink()
    return True


def _write_atomic(path: Path, payload: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(payload)
    tmp.replace(path)


def cache_root() -> Path:
    """`$MODELVS_CACHE` (default `~/.cache/modelvs`)/snapshots."""
    return Path(os.environ.get("MODELVS_CACHE", Path.home() / ".cache" / "modelvs")) / "snapshots"
