"""What a sync cut short leaves beside data/ is put right by the next command that opens the catalog."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from modelvs.catalog import check_dir, load_catalog
from modelvs.catalog.leftovers import BACKUP, LOCK, STAGING, SyncBusyError, acquire, beside, holder, recover
from modelvs.cli import app
from tests.sync.test_run import TODAY, snapshot

ROOT = Path(__file__).resolve().parents[2]


def test_a_staging_tree_is_removed_when_the_catalog_loads(mini: Path, tmp_path: Path) -> None:
    before = snapshot(mini)
    shutil.copytree(mini, beside(mini, STAGING))
    (beside(mini, STAGING) / "models/openai/half-written.toml").write_text("name = ")
    load_catalog(mini, use_cache=False)
    assert not beside(mini, STAGING).exists()
    assert snapshot(mini) == before


def test_a_swap_cut_between_its_renames_is_undone_by_any_command(mini: Path, tmp_path: Path) -> None:
    before = snapshot(mini)
    shutil.copytree(mini, beside(mini, STAGING))
    mini.replace(beside(mini, BACKUP))  # the first rename done, the second not
    result = CliRunner().invoke(app, ["check", "--data", str(mini)], env={"MODELVS_CACHE": str(tmp_path)})
    assert result.exit_code == 0, result.output
    assert "restored" in result.output
    assert snapshot(mini) == before
    assert not beside(mini, BACKUP).exists()
    assert not beside(mini, STAGING).exists()


def test_a_finished_swap_loses_its_backup(mini: Path) -> None:
    shutil.copytree(mini, beside(mini, BACKUP))
    assert check_dir(mini, TODAY).errors == []
    assert not beside(mini, BACKUP).exists()


HOLDER = """
import sys, time
from pathlib import Path
from modelvs.catalog.leftovers import acquire

lock = acquire(Path(sys.argv[1]))
print("held", flush=True)
time.sleep(120)
"""


@contextlib.contextmanager
def hold_in_another_process(data: Path) -> Iterator[subprocess.Popen[str]]:
    """A real process holding the sync lock of `data`, killed on the way out."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(data)], stdout=subprocess.PIPE, text=True, env=env
    ) as process:
        try:
            assert process.stdout is not None
            assert process.stdout.readline().strip() == "held"
            yield process
        finally:
            process.kill()


def test_a_sync_at_work_is_left_alone(mini: Path, tmp_path: Path) -> None:
    with hold_in_another_process(mini) as writer:
        shutil.copytree(mini, beside(mini, STAGING))  # what the holder is writing
        assert recover(mini) == []
        load_catalog(mini, use_cache=False)
        assert check_dir(mini, TODAY).errors == []
        result = CliRunner().invoke(app, ["check", "--data", str(mini)], env={"MODELVS_CACHE": str(tmp_path)})
        assert result.exit_code == 0, result.output
        assert beside(mini, STAGING).exists()
        found = holder(mini)
        assert found is not None
        assert (found.pid, found.purpose) == (writer.pid, "sync")
    assert holder(mini) is None  # the kernel dropped the lock with the process
    assert recover(mini) == [f"removed {mini.name}{STAGING}"]
    assert not beside(mini, LOCK).exists()


def test_a_second_taker_is_told_who_holds_the_lock(mini: Path) -> None:
    with hold_in_another_process(mini) as writer:
        with pytest.raises(SyncBusyError) as refused:
            acquire(mini)
        message = str(refused.value)
        assert message.startswith(f"another sync (pid {writer.pid}, started 20")
        assert "is running" in message
    with acquire(mini) as lock:
        assert lock.recovered == []
        with acquire(mini):  # the same process takes it again: re-entrant
            pass
    assert not beside(mini, LOCK).exists()


def test_a_lock_file_naming_a_live_but_unrelated_pid_does_not_block_recovery(mini: Path) -> None:
    # What a pid reused by another process looks like: the file names a running process that
    # holds no lock (here, this test's own parent shell's sibling: a sleeping process).
    shutil.copytree(mini, beside(mini, STAGING))
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        beside(mini, LOCK).write_text(f"{other.pid} 2026-11-24T10:00:00Z sync\n")
        assert recover(mini) == [f"removed {mini.name}{STAGING}"]
    finally:
        other.kill()
        other.wait()
    assert not beside(mini, LOCK).exists()


KILLED_MID_SWAP = """
import sys, time, datetime as dt
from pathlib import Path
from tests.sync.test_run import good
from modelvs.sync.run import sync

replace = Path.replace
def slow(self, target):
    result = replace(self, target)
    if target.name.endswith(".sync-backup"):
        print("between the renames", flush=True)
        time.sleep(60)  # killed here
    return result

Path.replace = slow
sync(Path(sys.argv[1]), [good()], today=dt.date(2026, 11, 24), dry_run=False)
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_sync_killed_mid_write_is_recovered_by_the_next_load(mini: Path) -> None:
    before = snapshot(mini)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    sync = subprocess.Popen(
        [sys.executable, "-c", KILLED_MID_SWAP, str(mini)], stdout=subprocess.PIPE, text=True, env=env
    )
    assert sync.stdout is not None
    with sync.stdout:
        try:
            assert sync.stdout.readline().strip() == "between the renames"
            os.kill(sync.pid, signal.SIGKILL)
        finally:
            sync.wait(timeout=60)
    assert not mini.exists()  # killed between the renames: the data folder is gone...
    assert beside(mini, BACKUP).exists()
    assert beside(mini, LOCK).exists()  # ...and the lock names a process that no longer runs
    load_catalog(mini, use_cache=False)
    assert snapshot(mini) == before
    assert [p.name for p in mini.parent.iterdir()] == [mini.name]


@pytest.mark.skipif(
    not (ROOT / ".git").exists() or shutil.which("git") is None, reason="needs a git checkout"
)
def test_the_leftovers_are_ignored_by_git() -> None:
    for name in (f"data{STAGING}/models/x.toml", f"data{BACKUP}/models/x.toml", f"data{LOCK}"):
        assert subprocess.run(["git", "check-ignore", "-q", name], cwd=ROOT, check=False).returncode == 0, (
            name
        )
