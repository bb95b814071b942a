"""Cache hits answered by the server's protocol: the same bytes the ASGI path sends, on real
uvicorn servers over loopback (one with `HitProtocol`, one with uvicorn's own protocol)."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import Iterator

import pytest
import uvicorn
from starlette.applications import Starlette

from modelvs.catalog import Catalog
from modelvs.web import create_app
from modelvs.web.http.protocol import HitProtocol
from tests.web.conftest import REFERENCE, TODAY

PAGE = f"/compare/{REFERENCE}"
BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:130.0) Gecko/20100101 Firefox/130.0"


def _serve(app: Starlette, http: type[asyncio.Protocol] | str) -> Iterator[int]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    config = uvicorn.Config(
        app, host="127.0.0.1", port=port, http=http, log_level="warning", server_header=False, lifespan="on"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    try:
        yield port
    finally:
        server.should_exit = True
        thread.join(timeout=30)


@pytest.fixture(scope="module")
def fast(catalog: Catalog) -> Iterator[tuple[Starlette, int]]:
    app = create_app(catalog, today=TODAY, popular_ttl=0)
    for port in _serve(app, HitProtocol):
        yield app, port


@pytest.fixture(scope="module")
def stock(catalog: Catalog) -> Iterator[tuple[Starlette, int]]:
    app = create_app(catalog, today=TODAY, popular_ttl=0)
    for port in _serve(app, "httptools"):
        yield app, port


def _exchange(port: int, raw: bytes, answers: int = 1) -> list[tuple[bytes, dict[bytes, bytes], bytes]]:
    """Send `raw` (one or more requests) on one connection; read `answers` responses."""
    out = []
    with socket.create_connection(("127.0.0.1", port), timeout=30) as conn:
        conn.sendall(raw)
        reader = conn.makefile("rb")
        for _ in range(answers):
            status = reader.readline().rstrip(b"\r\n")
            headers: dict[bytes, bytes] = {}
            while (line := reader.readline().rstrip(b"\r\n")) != b"":
                name, _, value = line.partition(b":")
                assert name.lower() not in headers, f"{name!r} twice"
                headers[name.lower()] = value.strip()
            head_request = raw.split(b"\r\n\r\n")[len(out)].startswith(b"HEAD")
            length = 0 if head_request or status.split()[1] == b"304" else int(headers[b"content-length"])
            out.append((status, headers, reader.read(length)))
    return out


def _get(path: str, *extra: str, method: str = "GET") -> bytes:
    lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", f"User-Agent: {BROWSER}", *extra]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def _same(a: tuple[bytes, dict[bytes, bytes], bytes], b: tuple[bytes, dict[bytes, bytes], bytes]) -> None:
    assert a[0] == b[0]
    assert {k: v for k, v in a[1].items() if k != b"date"} == {k: v for k, v in b[1].items() if k != b"date"}
    assert b"date" in a[1]
    assert b"date" in b[1]
    assert a[2] == b[2]


@pytest.mark.parametrize(
    "extra",
    [
        ("Accept-Encoding: gzip",),
        ("Accept-Encoding: br;q=1, gzip;q=0.5",),
        (),
    ],
)
def test_a_hit_is_the_bytes_the_asgi_path_sends(
    fast: tuple[Starlette, int], stock: tuple[Starlette, int], extra: tuple[str, ...]
) -> None:
    (app, port), (_, stock_port) = fast, stock
    _exchange(port, _get(PAGE, *extra))  # the miss (and the first send of this coding)
    before = app.state.response_cache.hits
    (hit,) = _exchange(port, _get(PAGE, *extra))
    assert app.state.response_cache.hits == before + 1
    _exchange(stock_port, _get(PAGE, *extra))
    (asgi,) = _exchange(stock_port, _get(PAGE, *extra))
    _same(hit, asgi)
    assert hit[0] == b"HTTP/1.1 200 OK"


def test_the_protocol_answers_hits_itself(fast: tuple[Starlette, int]) -> None:
    app, port = fast
    _exchange(port, _get(PAGE, "Accept-Encoding: gzip"))
    serving = app.serving  # type: ignore[attr-defined]
    asked = [(b"host", b"127.0.0.1"), (b"accept-encoding", b"gzip")]
    found = serving.answer(False, PAGE.encode(), asked, "http", ("127.0.0.1", port), None)
    assert found is not None
    head, body = found
    assert head.startswith(b"HTTP/1.1 200 OK\r\n")
    assert b"content-encoding: gzip\r\n" in head
    assert body[:2] == b"\x1f\x8b"
    # What it leaves to the ASGI path: an escaped path, a coding not made yet, a URL not stored.
    escaped = PAGE.replace("-vs-", "-vs%2D").encode()
    assert serving.answer(False, escaped, asked, "http", ("127.0.0.1", port), None) is None
    _exchange(port, _get("/methodology", "Accept-Encoding: gzip"))
    brotli = [(b"host", b"127.0.0.1"), (b"accept-encoding", b"br")]
    assert serving.answer(False, b"/methodology", brotli, "http", ("127.0.0.1", port), None) is None
    assert serving.answer(False, b"/methodology", asked, "http", ("127.0.0.1", port), None) is not None
    assert serving.answer(False, b"/compare/a-vs-b", asked, "http", ("127.0.0.1", port), None) is None


def test_head_304_and_pipelined_hits(fast: tuple[Starlette, int], stock: tuple[Starlette, int]) -> None:
    (app, port), (_, stock_port) = fast, stock
    (first,) = _exchange(port, _get(PAGE, "Accept-Encoding: gzip"))
    etag = first[1][b"etag"].decode()
    requests = (
        _get(PAGE, "Accept-Encoding: gzip", method="HEAD")
        + _get(PAGE, "Accept-Encoding: gzip", f"If-None-Match: {etag}")
        + _get(PAGE, "Accept-Encoding: gzip")
        + _get("/robots.txt")  # a miss between hits: answered in order
        + _get(PAGE, "Accept-Encoding: gzip")
    )
    before = app.state.response_cache.hits
    answers = _exchange(port, requests, 5)
    assert [a[0].split()[1] for a in answers] == [b"200", b"304", b"200", b"200", b"200"]
    assert answers[0][2] == b""
    assert answers[0][1][b"content-length"] == first[1][b"content-length"]
    assert answers[2][2] == answers[4][2] == first[2]
    assert app.state.response_cache.hits >= before + 4
    _exchange(stock_port, _get(PAGE, "Accept-Encoding: gzip"))
    stock_answers = _exchange(stock_port, requests, 5)
    for i, (ours, theirs) in enumerate(zip(answers, stock_answers, strict=True)):
        if i != 3:  # robots.txt names its server's port
            _same(ours, theirs)


def test_close_and_http_1_0_take_the_asgi_path(fast: tuple[Starlette, int]) -> None:
    _, port = fast
    _exchange(port, _get(PAGE, "Accept-Encoding: gzip"))
    (closing,) = _exchange(port, _get(PAGE, "Accept-Encoding: gzip", "Connection: close"))
    assert closing[1][b"connection"] == b"close"
    old = _get(PAGE, "Accept-Encoding: gzip").replace(b"HTTP/1.1", b"HTTP/1.0", 1)
    (answer,) = _exchange(port, old)
    assert answer[0].startswith(b"HTTP/1.1 200")
    assert answer[1][b"connection"] == b"close"


def test_hits_count_views_like_the_asgi_path(catalog: Catalog) -> None:
    app = create_app(catalog, today=TODAY, popular_ttl=0)
    for port in _serve(app, HitProtocol):
        views = app.state.views
        _exchange(port, _get(PAGE, "Accept-Encoding: gzip"))
        queued = views.pending
        _exchange(port, _get(PAGE, "Accept-Encoding: gzip"))
        assert views.pending == queued + 1  # the hit was seen, to be judged by the writer thread
