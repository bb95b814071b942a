"""A real HTTP server on loopback serving the recorded answers (`fixtures/live/`), as each source
publishes them (ETag, Last-Modified, 304), and the failures a live source can have on request."""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from tests.sources.live_record import LIVE

PATHS = {
    "models-dev": "/models-dev/api.json",
    "genai-prices": "/genai-prices/data.json",
    "litellm": "/litellm/model_prices_and_context_window.json",
    "model-prices": "/model-prices/latest.json",
    "openrouter": "/openrouter/api/v1/models",
    "aider": "/aider/polyglot_leaderboard.yml",
}
"""Where each served source's answer is: `--path SOURCE=<base><path>`."""
LAST_MODIFIED = "Sat, 05 Dec 2026 06:00:00 GMT"
FAILURES = ("timeout", "503", "truncated", "schema", "too-big")
SLOW = 3.0
"""Seconds a `timeout` answer waits before it starts (tests give the client much less)."""


def recorded(path: str) -> bytes | None:
    """The recorded answer for a request path, or None (404)."""
    if path == PATHS["openrouter"]:
        return (LIVE / "openrouter" / "models.json").read_bytes()
    if path.startswith(PATHS["openrouter"] + "/") and path.endswith("/endpoints"):
        model = path.removeprefix(PATHS["openrouter"] + "/").removesuffix("/endpoints")
        file = LIVE / "openrouter" / "endpoints" / f"{model}.json"
    else:
        file = LIVE / path.lstrip("/")
    return file.read_bytes() if file.is_file() and LIVE in file.resolve().parents else None


@dataclass
class Recorded:
    """The running server: what it serves, what it fails, and every request it answered."""

    base: str
    bodies: dict[str, bytes] = field(default_factory=dict)
    """Answers that replace the recorded ones, by path."""
    failures: dict[str, str] = field(default_factory=dict)
    """Path -> one of `FAILURES`, or `pause` (wait for `release`)."""
    flaky: dict[str, int] = field(default_factory=dict)
    """Path -> how many more requests answer 503 before it is served."""
    log: list[tuple[str, int]] = field(default_factory=list)
    """(path, status) of every answer."""
    release: threading.Event = field(default_factory=threading.Event)
    paused: threading.Event = field(default_factory=threading.Event)
    """Set when a `pause` request is waiting."""

    def url(self, source: str) -> str:
        return self.base + PATHS[source]

    def paths(self, *sources: str) -> list[str]:
        """`--path` options pointing every given source at this server."""
        return [arg for s in sources for arg in ("--path", f"{s}={self.url(s)}")]

    def statuses(self, path: str) -> list[int]:
        return [status for p, status in self.log if p == path]


def _handler(server: Recorded) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:
            pass

        def _send(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
            server.log.append((self.path, status))  # before the client can have its answer
            self.send_response(status)
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            if "Content-Length" not in (headers or {}):
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            failure = server.failures.get(self.path)
            if server.flaky.get(self.path, 0) > 0:
                server.flaky[self.path] -= 1
                self._send(503, b"try again")
                return
            if failure == "pause":
                server.paused.set()
                server.release.wait(60)
            elif failure == "timeout":
                time.sleep(SLOW)
            elif failure == "503":
                self._send(503, b"unavailable")
                return
            body = server.bodies.get(self.path, recorded(self.path))
            if body is None:
                self._send(404, b"not found")
                return
            if failure == "schema":
                body = b'{"unexpected": true}'
            tag = f'"{hashlib.sha256(body).hexdigest()[:20]}"'
            headers = {"ETag": tag, "Last-Modified": LAST_MODIFIED, "Content-Type": "application/json"}
            if failure == "too-big":
                self._send(200, b"", {**headers, "Content-Length": str(200 * 2**20)})
                self.close_connection = True
                return
            if failure == "unsized":  # no length: read until the server closes
                server.log.append((self.path, 200))
                self.send_response(200)
                self.send_header("Connection", "close")
                self.end_headers()
                self.wfile.write(body)
                self.close_connection = True
                return
            if failure == "truncated":
                self._send(200, body[: len(body) // 2], {**headers, "Content-Length": str(len(body))})
                self.close_connection = True
                return
            if self.headers.get("If-None-Match") == tag:
                self._send(304, b"", {**headers, "Content-Length": "0"})
                return
            self._send(200, body, headers)

    return Handler


class _Quiet(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that gave up (a timeout test) breaks the pipe: expected, not news


@contextmanager
def serving() -> Iterator[Recorded]:
    """A loopback server for one test, stopped on the way out."""
    state = Recorded("")
    httpd = _Quiet(("127.0.0.1", 0), _handler(state))
    state.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        state.release.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(10)


def served_file(source: str) -> Path:
    """The recorded file a source's first request is answered with."""
    if source == "openrouter":
        return LIVE / "openrouter" / "models.json"
    return LIVE / PATHS[source].lstrip("/")
