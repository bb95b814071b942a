"""What a sync cut short leaves beside the data folder, put right by whatever opens the catalog.

A sync writes the new tree into `<data>.sync-staging`, then swaps it in with two renames, keeping
the old tree as `<data>.sync-backup` until the swap is done (`sync.tree`). Killed on the way, it
leaves one of three states, each recovered here: a staging tree (removed: the old data is whole),
a backup with no data folder (the swap was cut between its renames: the backup is put back), or a
backup beside the data (the swap was done: the backup is removed). A sync at work holds
`<data>.sync-lock` with its process id: its folders are left alone while that process lives.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

STAGING = ".sync-staging"
BACKUP = ".sync-backup"
LOCK = ".sync-lock"


def beside(data_dir: Path, suffix: str) -> Path:
    """`<data>.sync-staging` and the like: siblings of the data folder (ignored by git)."""
    return data_dir.with_name(data_dir.name + suffix)


def recover(data_dir: Path) -> list[str]:
    """Finish or undo what a sync left; returns what was done, one phrase each (usually nothing)."""
    staging, backup, lock = beside(data_dir, STAGING), beside(data_dir, BACKUP), beside(data_dir, LOCK)
    if not (staging.exists() or backup.exists() or lock.exists()):
        return []
    if _held(lock):
        return []  # a sync is writing right now
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
    lock.unlink(missing_ok=True)
    return done


def hold(data_dir: Path) -> Path:
    """Take the lock a sync holds while it writes (`release` it after)."""
    lock = beside(data_dir, LOCK)
    lock.write_text(str(os.getpid()), encoding="utf-8")
    return lock


def release(lock: Path) -> None:
    lock.unlink(missing_ok=True)


def _held(lock: Path) -> bool:
    """Whether another process that is still running holds `lock`."""
    try:
        pid = int(lock.read_text(encoding="utf-8").strip())
    except (OSError, ValueError):
        return False
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # alive, another user's
    return True
