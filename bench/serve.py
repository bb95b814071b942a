"""Serving benchmarks on loopback with wrk: `python -m bench.serve [--only cached|mix] [--tiny]`.

cached: the reference comparison page with `Accept-Encoding: gzip`, as a browser asks for it,
  from `modelvs serve` (one worker: hits answered by its HTTP protocol), from the same app on
  uvicorn's own protocol (hits answered through ASGI by the serving layer, as before the protocol
  did it), and from Debian's nginx serving the very same gzipped bytes (`gzip_static on`, one
  worker process), wrk at 32 and 64 connections.
mix: 60 s at 64 connections of cached comparison pages, misses (a new workload per request),
  other pages and API calls, with the SQLite view store held by another connection
  (`BEGIN EXCLUSIVE`) for 10 s in the middle; then the views in the store are checked against
  what wrk was answered: wrk is one reader (one address, one user agent), whose views count once
  per pair and day, so the store must hold one view of each pair it was answered.

Needs `wrk` and `nginx` (Debian's packages). Every server is a child process on a free loopback
port, stopped at the end; runs are bounded in time. Run it on a quiet machine: wrk and the
server share the cores.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bench import add_tiny, is_tiny

PAIR = "gemini-3.1-pro-preview-vs-gpt-4o-2024-11-20"
PAGE = f"/compare/{PAIR}"
BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:130.0) Gecko/20100101 Firefox/130.0"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
# Servers on core 0, wrk on core 1 (when there are two): each side gets a core of its own, so
# the ratio measures the servers rather than the scheduler.
TASKSET = shutil.which("taskset") if (os.cpu_count() or 1) >= 2 else None
ROUNDS = 3
# Pairs the mix views (canonical slugs): the reference pair and two others.
VIEWED = (PAIR, "claude-opus-4-7-vs-gpt-5.5", "claude-sonnet-4-6-vs-gemini-3.1-pro-preview")


def pinned(command: list[str], core: int) -> list[str]:
    return [TASKSET, "-c", str(core), *command] if TASKSET else command


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(
    url: str, headers: dict[str, str] | None = None, timeout: float = 60
) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()


def wait_until_up(url: str, process: subprocess.Popen[bytes], seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            fetch(url, timeout=5)
            return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"server did not start: {url}") from None
            time.sleep(0.2)


@contextlib.contextmanager
def modelvs(state: Path, *extra: str, asgi: bool = False) -> Iterator[str]:
    """`modelvs serve` (one worker unless `extra` says otherwise) on a free port; with `asgi`, the
    same app on uvicorn's own HTTP protocol instead (every hit goes through ASGI)."""
    port = free_port()
    env = {**os.environ, "MODELVS_DATABASE_URL": "", "MODELVS_STATE": str(state)}
    command = [sys.executable, "-m", "modelvs.cli", "serve", "--port", str(port), "--state-dir", str(state)]
    if asgi:
        command = [sys.executable, "-m", "uvicorn", "--factory", "modelvs.web.server:app_from_env"]
        command += ["--port", str(port), "--http", "httptools", "--no-server-header", "--no-proxy-headers"]
        command += ["--no-access-log", "--lifespan", "on"]
    log = (state.parent / f"modelvs{'-asgi' if asgi else ''}.log").open("wb")
    server = subprocess.Popen(pinned([*command, *extra], 0), env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base + "/robots.txt", server)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


NGINX_CONF = """
worker_processes 1;
daemon off;
pid {root}/nginx.pid;
error_log {root}/nginx-error.log;
events {{ worker_connections 4096; }}
http {{
  access_log off;
  keepalive_requests 1000000;
  client_body_temp_path {root}/tmp; proxy_temp_path {root}/tmp; fastcgi_temp_path {root}/tmp;
  uwsgi_temp_path {root}/tmp; scgi_temp_path {root}/tmp;
  server {{
    listen 127.0.0.1:{port};
    root {root}/www;
    default_type "text/html; charset=utf-8";
    gzip_static on;
    etag on;
    add_header Vary Accept-Encoding;
  }}
}}
"""


@contextlib.contextmanager
def nginx(root: Path, files: dict[str, bytes]) -> Iterator[str]:
    """Debian's nginx as a non-daemon child with one worker, serving `files` under `root/www`."""
    root.mkdir(parents=True, exist_ok=True)
    # nginx's worker runs as an unprivileged user when started as root: it must reach the files.
    for folder in (root, *root.parents):
        if folder == Path(tempfile.gettempdir()):
            break
        folder.chmod(0o755)
    for path, data in files.items():
        target = root / "www" / path.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    (root / "tmp").mkdir(exist_ok=True)
    port = free_port()
    conf = root / "nginx.conf"
    conf.write_text(NGINX_CONF.format(root=root, port=port))
    server = subprocess.Popen(pinned([NGINX, "-c", str(conf), "-p", str(root)], 0), stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base + PAGE, server, seconds=20)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


@dataclass
class Run:
    rate: float
    p50: str
    p99: str
    errors: dict[str, int]
    non_2xx: int
    output: str

    def __str__(self) -> str:
        errors = ", ".join(f"{k} {v}" for k, v in self.errors.items())
        latency = f"p50 {self.p50:>8}  p99 {self.p99:>8}"
        return f"{self.rate:>9,.0f} req/s  {latency}  non-2xx/3xx {self.non_2xx}  {errors}"


def wrk(url: str, connections: int, seconds: int, *, threads: int = 2, script: str | None = None) -> Run:
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    command += ["-H", "Accept-Encoding: gzip", "-H", f"User-Agent: {BROWSER}"]
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
        lua.write(script or "")
    if script:
        command += ["-s", lua.name]
    try:
        out = subprocess.run(
            pinned([*command, url], 1), capture_output=True, text=True, timeout=seconds + 60, check=True
        ).stdout
    finally:
        Path(lua.name).unlink()
    rate = re.search(r"Requests/sec:\s+([\d.]+)", out)
    p50 = re.search(r"^\s+50%\s+(\S+)", out, re.MULTILINE)
    p99 = re.search(r"^\s+99%\s+(\S+)", out, re.MULTILINE)
    socket_errors = re.search(r"connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    names = ("connect", "read", "write", "timeout")
    errors = (
        dict(zip(names, map(int, socket_errors.groups()), strict=True))
        if socket_errors
        else dict.fromkeys(names, 0)
    )
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return Run(
        float(rate.group(1)) if rate else 0.0,
        p50.group(1) if p50 else "?",
        p99.group(1) if p99 else "?",
        errors,
        int(non_2xx.group(1)) if non_2xx else 0,
        out,
    )


def cached(seconds: int, rounds: int = ROUNDS) -> None:
    pins = "servers on core 0, wrk on core 1" if TASKSET else "unpinned"
    print(f"cached reference page, Accept-Encoding: gzip, one worker each, {pins};")
    print(f"{rounds} alternating rounds of {seconds} s per server and connection count, medians reported")
    with tempfile.TemporaryDirectory() as tmp, contextlib.ExitStack() as stack:
        root = Path(tmp)
        ours = stack.enter_context(modelvs(root / "state"))
        asgi = stack.enter_context(modelvs(root / "state-asgi", asgi=True))
        status, headers, gz = fetch(ours + PAGE, {"Accept-Encoding": "gzip"})
        _, _, plain = fetch(ours + PAGE, {"Accept-Encoding": "identity"})
        if status != 200 or headers.get("content-encoding") != "gzip":
            raise SystemExit(f"modelvs did not answer the page gzipped: {status} {headers}")
        print(f"page: {len(plain):,} bytes, {len(gz):,} gzipped")
        theirs = stack.enter_context(nginx(root / "nginx", {PAGE: plain, PAGE + ".gz": gz}))
        _, headers, body = fetch(theirs + PAGE, {"Accept-Encoding": "gzip"})
        if headers.get("content-encoding") != "gzip" or body != gz:
            raise SystemExit("nginx does not serve the same bytes")
        _, _, body = fetch(asgi + PAGE, {"Accept-Encoding": "gzip"})
        if gzip.decompress(body).replace(asgi.encode(), ours.encode()) != plain:  # links name the port
            raise SystemExit("the ASGI path does not serve the same page")
        servers = {"modelvs": ours, "asgi": asgi, "nginx": theirs}
        for connections in (32, 64):
            runs: dict[str, list[Run]] = {name: [] for name in servers}
            for _ in range(rounds):  # alternating: a busy moment on the machine hits each
                for name, base in servers.items():
                    runs[name].append(wrk(base + PAGE, connections, seconds))
            medians = {}
            for name, found in runs.items():
                middle = sorted(found, key=lambda r: r.rate)[len(found) // 2]
                medians[name] = middle
                rates = ", ".join(f"{r.rate:,.0f}" for r in found)
                errors = sum(sum(r.errors.values()) + r.non_2xx for r in found)
                label = f"{connections} connections  {name:<7}"
                print(f"  {label} {middle}  (rounds: {rates}; errors in all: {errors})")
            for name in ("modelvs", "asgi"):
                ratio = medians[name].rate / medians["nginx"].rate
                print(f"  {connections} connections  {name:<7} {ratio:.2f}x nginx")


MIX_SCRIPT = """
local roles = {"hit", "miss", "page", "api"}
local made = 0
local threads = {}
VIEWED = {%(viewed)s}
PAGES = {"/", "/calculator", "/models/gpt-4o-2024-11-20", "/methodology", "/static/site.css", "/changes"}
APIS = {"/api/v1/compare?models=gemini-3.1-pro-preview,gpt-4o-2024-11-20", "/api/v1/search?q=gpt",
        "/api/v1/models?limit=20", "/api/v1/rank?limit=5"}

function setup(thread)
  made = made + 1
  thread:set("role", roles[((made - 1) %% #roles) + 1])
  thread:set("id", made)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(id * 7919 + os.time())
  sent, ok, bad = 0, 0, 0
end

function request()
  sent = sent + 1
  local path
  if role == "hit" then
    path = "/compare/" .. VIEWED[(sent %% #VIEWED) + 1]
  elseif role == "miss" then
    path = "/compare/" .. VIEWED[1] .. "?requests=" .. math.random(1000, 1000000000)
  elseif role == "page" then
    path = PAGES[(sent %% #PAGES) + 1]
  elseif sent %% 4 == 0 then
    path = "/api/v1/cost?model=gpt-4o-2024-11-20&requests=" .. math.random(1000, 1000000000)
  else
    path = APIS[(sent %% #APIS) + 1]
  end
  return wrk.format("GET", path)
end

function response(status, headers, body)
  if status >= 200 and status < 300 then ok = ok + 1 else bad = bad + 1 end
end

function done(summary, latency, requests)
  for _, t in ipairs(threads) do
    local counts = string.format("%%d %%d %%d", t:get("sent"), t:get("ok"), t:get("bad"))
    io.write("ROLE " .. t:get("role") .. " " .. counts .. "\\n")
  end
end
"""


def _count_views(db: sqlite3.Connection) -> int:
    marks = ",".join("?" * len(VIEWED))
    row = db.execute(f"SELECT COALESCE(SUM(views), 0) FROM page_views WHERE pair IN ({marks})", VIEWED)
    return int(row.fetchone()[0])


def _stored_views(database: Path) -> int:
    with contextlib.closing(sqlite3.connect(database, timeout=30)) as db:
        return _count_views(db)


def mix(seconds: int, lock_at: float, lock_for: float) -> None:
    print(f"mix: {seconds} s, wrk -t4 -c64, SQLite view store locked at {lock_at:.0f} s for {lock_for:.0f} s")
    with tempfile.TemporaryDirectory() as tmp:
        state = Path(tmp) / "state"
        database = state / "modelvs.sqlite3"
        with modelvs(state) as base:
            for _ in range(50):  # the writer creates the file on start-up
                if database.exists():
                    break
                time.sleep(0.1)
            before = _stored_views(database)
            held: list[float] = []
            counted: list[int] = []

            def hold_the_lock() -> None:
                time.sleep(lock_at)
                with contextlib.closing(sqlite3.connect(database, timeout=30, isolation_level=None)) as db:
                    db.execute("BEGIN EXCLUSIVE")
                    held.append(time.monotonic())
                    counted.append(_count_views(db))
                    time.sleep(lock_for)
                    counted.append(_count_views(db))  # nothing can have been written meanwhile
                    db.execute("ROLLBACK")
                    held.append(time.monotonic())

            locker = threading.Thread(target=hold_the_lock)
            start = time.monotonic()
            locker.start()
            script = MIX_SCRIPT % {"viewed": ", ".join(f'"{p}"' for p in VIEWED)}
            run = wrk(base + "/", 64, seconds, threads=4, script=script)
            locker.join()
            roles = {
                m[0]: tuple(map(int, m[1:])) for m in re.findall(r"ROLE (\w+) (\d+) (\d+) (\d+)", run.output)
            }
            answered = sum(roles[r][1] for r in ("hit", "miss"))
            sent = sum(roles[r][0] for r in ("hit", "miss"))
            # One reader: one view of each pair it was answered (the hits cycle through them all).
            expected = min(len(VIEWED), roles["hit"][1]) + (roles["miss"][1] > 0 and roles["hit"][1] == 0)
            live, deadline = -1, time.monotonic() + 60
            while time.monotonic() < deadline:  # the writer flushes every second once the lock is gone
                time.sleep(1)
                now = _stored_views(database) - before
                if now == live and now >= expected:
                    break
                live = now
        stored = _stored_views(database) - before  # after the clean shutdown's flush
        log = (state.parent / "modelvs.log").read_text().splitlines()
        said = [line for line in log if "modelvs.storage.counter" in line] or [
            "(nothing about the view store)"
        ]
    print(f"  {run}")
    for role, (n_sent, n_ok, n_bad) in sorted(roles.items()):
        print(f"  {role:<5} sent {n_sent:>8,}  2xx {n_ok:>8,}  other {n_bad}")
    if len(held) == 2:
        print(f"  lock held from {held[0] - start:.1f} s to {held[1] - start:.1f} s;", end=" ")
        print(f"views in the store then: {counted[0] - before:,} and {counted[1] - before:,}")
    print(
        f"  comparison views answered {answered:,}, sent {sent:,} (in flight at the end: {sent - answered})"
    )
    print(f"  views expected (one per pair for the one reader): {expected}")
    print(
        f"  in the store while serving: {live:,} (lost {max(0, expected - live)}); after shutdown: {stored:,}"
    )
    print("  the server said:", *(f"    {line.strip()}" for line in said), sep="\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=("cached", "mix"))
    parser.add_argument("--seconds", type=int, default=10, help="Length of each cached-page run.")
    parser.add_argument("--mix-seconds", type=int, default=60)
    parser.add_argument("--rounds", type=int, default=ROUNDS, help="Rounds per server and connection count.")
    add_tiny(parser)
    args = parser.parse_args()
    if is_tiny(args):
        args.seconds, args.mix_seconds, args.rounds = 1, 6, 1
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: apt-get install wrk")
    print("2-core machine shared by wrk and the server; loopback only")
    if args.only in (None, "cached"):
        cached(args.seconds, args.rounds)
    if args.only in (None, "mix"):
        third = args.mix_seconds / 3
        mix(args.mix_seconds, lock_at=third + min(5, third), lock_for=min(10, third))


if __name__ == "__main__":
    main()
