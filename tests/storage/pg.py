"""Throwaway PostgreSQL clusters from Debian's server binaries, for tests that need a real server.

Uses the server binaries of Debian's `postgresql` package (`.ci/postgres.sh` installs them);
MODELVS_PG_BIN may name another bin directory. When they are missing the PostgreSQL tests
fail, never skip: a skipped backend would look like a tested one.

The cluster lives in a fresh temporary directory, listens on a random free port on 127.0.0.1
with trust auth, and keeps its unix socket in that directory. PostgreSQL refuses to run as
root, so under root the binaries run as the `postgres` OS user, who owns the directory.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

PG_BIN_ENV = "MODELVS_PG_BIN"
MISSING = (
    "PostgreSQL server binaries (initdb, pg_ctl) not found: install Debian's postgresql "
    "(`.ci/postgres.sh`, i.e. apt-get install -y postgresql) or set MODELVS_PG_BIN to their directory"
)


@dataclass(frozen=True)
class PgServer:
    """A running throwaway cluster."""

    port: int

    def url(self, database: str = "postgres", password: str | None = None) -> str:
        secret = f":{password}" if password else ""
        return f"postgresql://postgres{secret}@127.0.0.1:{self.port}/{database}"


def _pg_bin() -> Path:
    if override := os.environ.get(PG_BIN_ENV):
        candidates = [Path(override)]
    else:
        debian = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))
        on_path = shutil.which("pg_ctl")
        candidates = [*reversed(debian), *([Path(on_path).parent] if on_path else [])]
    for bin_dir in candidates:
        if (bin_dir / "initdb").is_file() and (bin_dir / "pg_ctl").is_file():
            return bin_dir
    pytest.fail(MISSING, pytrace=False)


def _as_server_user(base: Path) -> dict[str, Any]:
    """subprocess arguments that run a server binary as a non-root user owning `base`."""
    if os.geteuid() != 0:
        return {}
    try:
        user = pwd.getpwnam("postgres")
    except KeyError:
        pytest.fail("running as root but there is no `postgres` OS user to run the server as", pytrace=False)
    os.chown(base, user.pw_uid, user.pw_gid)
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(base), "LC_ALL": "C"}
    return {"user": user.pw_uid, "group": user.pw_gid, "extra_groups": [], "env": env}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _run(cmd: list[str], base: Path, as_user: dict[str, Any]) -> None:
    done = subprocess.run(cmd, cwd=base, capture_output=True, text=True, check=False, **as_user)
    if done.returncode != 0:
        log = base / "server.log"
        tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
        pytest.fail(f"{cmd[0]} failed ({done.returncode}):\n{done.stdout}{done.stderr}{tail}", pytrace=False)


class PgCluster:
    """A cluster in a fresh temporary directory that a test may stop and start again (same port).

    `stop()` is a fast shutdown: connected clients are disconnected, as when a server goes away.
    """

    def __init__(self) -> None:
        self.bin_dir = _pg_bin()
        # Not pytest's tmp dir: its parents are private to root, and the server user must reach it.
        self.base = Path(tempfile.mkdtemp(prefix="modelvs-pg-"))
        self.data = self.base / "data"
        self.as_user = _as_server_user(self.base)
        self.port = _free_port()  # a tiny race with other processes; a clash fails start loudly
        self.server = PgServer(self.port)
        self.running = False
        initdb = [str(self.bin_dir / "initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust"]
        _run(
            [*initdb, "-E", "UTF8", "--no-locale", "--no-sync", "--no-instructions"], self.base, self.as_user
        )

    def _pg_ctl(self, *args: str) -> None:
        log = self.base / "server.log"
        pg_ctl = [str(self.bin_dir / "pg_ctl"), "-D", str(self.data), "-l", str(log), "-w", "-t", "30"]
        _run([*pg_ctl, *args], self.base, self.as_user)

    def start(self) -> None:
        # Durability is irrelevant for a throwaway cluster; atomicity of the UPSERT is not affected.
        options = f"-k {self.base} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
        self._pg_ctl("-o", f"-p {self.port} {options}", "start")
        self.running = True

    def stop(self, mode: str = "fast") -> None:
        self._pg_ctl("-m", mode, "stop")
        self.running = False

    def remove(self) -> None:
        try:
            if self.running:
                self.stop("immediate")
        finally:
            shutil.rmtree(self.base, ignore_errors=True)


def schema_url(server: PgServer) -> str:
    """A URL whose tables land in a new, empty schema on `server`."""
    import psycopg

    # A schema, not a database: CREATE DATABASE costs a checkpoint (~0.3 s), CREATE SCHEMA ~1 ms.
    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server.url(), autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {name}".encode())
    return f"{server.url()}?options=-csearch_path%3D{name}"
