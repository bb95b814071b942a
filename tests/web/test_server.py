"""`serve`: settings through the environment, and several real worker processes on one database."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from modelvs.storage import open_store
from modelvs.web.server import ServeSettings, cache_mb_from_env
from tests.storage.pg import PgCluster, schema_url
from tests.web.conftest import REFERENCE

OTHER = "claude-opus-4-7-vs-gpt-5.5"
PERSON = "Mozilla/5.0 (X11; Linux x86_64) Firefox/130.0"


def test_settings_travel_through_the_environment(tmp_path: Path) -> None:
    settings = ServeSettings(
        data_dir=tmp_path / "data",
        database_url="postgresql://app@db/modelvs",
        state_dir=tmp_path / "state",
        base_url="https://modelvs.example/",
        trusted_hosts=("modelvs.example",),
        cache_mb=64,
    )
    assert settings.base_url == "https://modelvs.example"
    assert ServeSettings.from_env(settings.to_env()) == settings
    assert ServeSettings.from_env({}) == ServeSettings()
    with pytest.raises(ValueError, match="at least 1 MB"):
        ServeSettings(cache_mb=0)


@pytest.mark.parametrize(("size", "message"), [("0", "at least 1 MB"), ("lots", "whole number of MB")])
def test_serve_takes_its_cache_size_from_the_environment(size: str, message: str) -> None:
    # A size it cannot use is refused before it listens: a server that ignored the variable would
    # start and run past the timeout instead.
    env = {**os.environ, "MODELVS_RESPONSE_CACHE_MB": size}
    command = [sys.executable, "-m", "modelvs.cli", "serve", "--port", str(_free_port())]
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert message in result.stderr + result.stdout
    assert cache_mb_from_env({"MODELVS_RESPONSE_CACHE_MB": " 32 "}) == 32


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(port: int, path: str, source: str = "127.0.0.1", **headers: str) -> int:
    return _fetch(port, path, source, **headers)[0]


def _fetch(port: int, path: str, source: str = "127.0.0.1", **headers: str) -> tuple[int, bytes]:
    # One connection each: any worker. `source`: a loopback address of the reader's own (a view
    # counts once per reader and day).
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60, source_address=(source, 0))
    try:
        conn.request("GET", path, headers={"User-Agent": PERSON, **headers})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def _children(pid: int) -> list[int]:
    found = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return [int(p) for p in found]


@pytest.fixture(scope="module")
def cluster() -> Iterator[PgCluster]:
    cluster = PgCluster()
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.remove()


def test_two_workers_share_postgres_and_lose_no_view(cluster: PgCluster, tmp_path: Path) -> None:
    url = schema_url(cluster.server)
    port = _free_port()
    command = [sys.executable, "-m", "modelvs.cli", "serve", "--workers", "2", "--port", str(port)]
    command += ["--database", url, "--state-dir", str(tmp_path / "state")]
    log = (tmp_path / "serve.log").open("wb")
    server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env={**os.environ})
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if _get(port, "/robots.txt") == 200 and len(_children(server.pid)) >= 2:
                    break
            except OSError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"serve --workers 2 did not start:\n{(tmp_path / 'serve.log').read_text()}")
            time.sleep(0.3)
        workers = _children(server.pid)
        # Hits and misses of two pairs by 200 readers (each its own loopback address), eight at once.
        paths = [f"/compare/{REFERENCE}"] * 120 + [f"/compare/{OTHER}"] * 40
        paths += [f"/compare/{REFERENCE}?requests={1000 + i}" for i in range(40)]
        readers = [(p, f"127.0.1.{i + 1}") for i, p in enumerate(paths)]
        with ThreadPoolExecutor(8) as pool:
            statuses = list(
                pool.map(lambda r: _get(port, r[0], r[1], **{"Accept-Encoding": "gzip"}), readers)
            )
        assert statuses == [200] * len(paths)
        # The server trusts no proxy header: the scheme of links is the connection's.
        proxied = {"X-Forwarded-Proto": "https", "Host": f"127.0.0.1:{port}"}
        _, robots = _fetch(port, "/robots.txt", **proxied)
        assert f"Sitemap: http://127.0.0.1:{port}/sitemap.xml" in robots.decode()
    finally:
        server.send_signal(signal.SIGTERM)  # a clean shutdown: every worker flushes its counts
        server.wait(timeout=60)
        log.close()
    assert len(workers) >= 2
    store = open_store(url, tmp_path)
    try:
        assert store.count(REFERENCE) == 160
        assert store.count(OTHER) == 40
    finally:
        store.close()


@pytest.mark.parametrize(
    ("args", "message"),
    [(["--base-url", "modelvs.example"], "base URL"), (["--trusted-host", "a.example:80"], "without scheme")],
)
def test_serve_refuses_bad_host_settings(args: list[str], message: str) -> None:
    from typer.testing import CliRunner

    from modelvs.cli import app

    result = CliRunner().invoke(app, ["serve", *args])
    assert result.exit_code == 2
    assert message in result.output
