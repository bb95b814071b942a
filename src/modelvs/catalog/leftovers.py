"""The lock a sync holds for its whole run, and what a sync cut short leaves beside the data folder.

A sync (or a review) holds `<data>.sync-lock` from before it reads the catalog until after it has
swapped the new tree in: an `flock` on that file, which the kernel drops when the process ends,
however it ends, so a lock can never outlive its owner or be mistaken for one whose pid was reused.
The file names the holder (pid, start time, purpose) for the message a second sync prints.

The new tree is written into `<data>.sync-staging` and swapped in with two renames, the old tree
kept as `<data>.sync-backup` until the swap is done (`sync.tree`). A holder killed on the way
leaves one of three states, each put right here once nobody holds the lock: a staging tree
(removed: the old data is whole), a backup with no data folder (the swap was cut between its
renames: the backup is put back), or a backup beside the data (the swap was done: it is removed).
While a live process holds the lock, nothing of its is touched.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: the catalog still loads; syncing needs a POSIX system
    fcntl = None  # type: ignore[assignment]

STAGING = ".sync-staging"
BACKUP = ".sync-backup"
LOCK = ".sync-lock"
RECOVER = "recover"
"""The purpose a command names while it puts leftovers right (a moment's work)."""
RECOVERY_WAIT = 10.0
"""Seconds a sync waits for another command that is only putting leftovers right."""


def beside(data_dir: Path, suffix: str) -> Path:
    """`<data>.sync-staging` and the like: siblings of the data folder (ignored by git)."""
    return data_dir.with_name(data_dir.name + suffix)


@dataclass(frozen=True)
class Holder:
    """Who holds the lock, as its file says."""

    pid: int | None
    started: str
    purpose: str

    def __str__(self) -> str:
        return f"pid {self.pid if self.pid is not None else '?'}, started {self.started or '?'}"


class SyncBusyError(RuntimeError):
    """Another process holds the catalog's lock: nothing was read or changed."""

    def __init__(self, data_dir: Path, holder: Holder) -> None:
        self.holder = holder
        what = "sync" if holder.purpose != RECOVER else "command (putting a sync's leftovers right)"
        super().__init__(f"another {what} ({holder}) is running on {data_dir}; try again when it is done")


@dataclass
class SyncLock:
    """A held lock; `release()` it (or use it as a context manager). Re-entrant in one process."""

    data_dir: Path
    fd: int
    path: Path
    recovered: list[str]
    """What the taker put right of a dead holder's leftovers (see `clean`)."""
    depth: int = 1

    def release(self) -> None:
        self.depth -= 1
        if self.depth > 0:
            return
        _HELD.pop(_key(self.data_dir), None)
        # Unlinked while still held: a process that opened the old file re-checks the path (`acquire`).
        self.path.unlink(missing_ok=True)
        os.close(self.fd)

    def __enter__(self) -> SyncLock:
        return self

    def __exit__(self, *_: object) -> None:
        self.release()


_HELD: dict[str, SyncLock] = {}
"""Locks this process holds, by data folder: taking one again only deepens it."""


def _key(data_dir: Path) -> str:
    return str(data_dir.resolve())


def held_here(data_dir: Path) -> bool:
    """Whether this process holds the lock of `data_dir`."""
    return _key(data_dir) in _HELD


def acquire(data_dir: Path, purpose: str = "sync", *, wait: float = 0.0) -> SyncLock:
    """Take the lock of `data_dir` or raise `SyncBusyError` naming its holder.

    A sync waits up to `RECOVERY_WAIT` seconds for a holder that is only recovering leftovers; a
    holder at real work is reported at once (`wait` adds to that). The outermost taker of a fresh
    lock puts right what a dead holder left.
    """
    held = _HELD.get(_key(data_dir))
    if held is not None:
        held.depth += 1
        return held
    if fcntl is None:
        raise OSError("writing the catalog needs a POSIX system (the sync lock is an flock)")
    path = beside(data_dir, LOCK)
    path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + wait
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _read_holder(fd)
            os.close(fd)
            limit = deadline + (RECOVERY_WAIT if holder.purpose == RECOVER else 0.0)
            if time.monotonic() >= limit:
                raise SyncBusyError(data_dir, holder) from None
            time.sleep(0.05)
            continue
        if not _same_file(fd, path):
            os.close(fd)  # the holder we waited for unlinked it on release: lock the new one
            continue
        break
    started = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    os.ftruncate(fd, 0)
    os.pwrite(fd, f"{os.getpid()} {started} {purpose}\n".encode(), 0)
    lock = SyncLock(data_dir, fd, path, clean(data_dir))
    _HELD[_key(data_dir)] = lock
    return lock


def holder(data_dir: Path) -> Holder | None:
    """Who holds the lock of `data_dir` now, or None when nobody does."""
    path = beside(data_dir, LOCK)
    if fcntl is None:
        return None
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        return None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return _read_holder(fd)
        return None
    finally:
        os.close(fd)


def _same_file(fd: int, path: Path) -> bool:
    try:
        return os.fstat(fd).st_ino == path.stat().st_ino
    except FileNotFoundError:
        return False


def _read_holder(fd: int) -> Holder:
    # A holder writes its line just after it takes the lock: give it a moment to appear.
    for _ in range(20):
        words = os.pread(fd, 200, 0).decode("utf-8", "replace").split()
        if len(words) >= 3:
            pid = int(words[0]) if words[0].isdigit() else None
            return Holder(pid, words[1], words[2])
        time.sleep(0.01)
    return Holder(None, "", "sync")


def recover(data_dir: Path) -> list[str]:
    """Put right what a dead sync left; returns what was done, one phrase each (usually nothing).

    Leftovers of a live holder (another process, or this one) are left alone.
    """
    staging, backup, lock = beside(data_dir, STAGING), beside(data_dir, BACKUP), beside(data_dir, LOCK)
    if not (staging.exists() or backup.exists() or lock.exists()) or held_here(data_dir) or fcntl is None:
        return []
    try:
        taken = acquire(data_dir, RECOVER)
    except SyncBusyError:
        return []  # a sync is at work right now
    with taken:
        return taken.recovered


def clean(data_dir: Path) -> list[str]:
    """Finish or undo a dead holder's swap: for a fresh holder of the lock only (`acquire`)."""
    staging, backup = beside(data_dir, STAGING), beside(data_dir, BACKUP)
    done = []
    if backup.is_dir() and not data_dir.exists():
        backup.replace(data_dir)
        done.append(f"restored {data_dir} from {backup.name}")
    if backup.exists():
        shutil.rmtree(backup, ignore_errors=True)
        done.append(f"removed {backup.name}")
    if staging.exists():
        shutil.rmtree(staging, ignore_errors=True)
        done.append(f"removed {staging.name}")
    return done
