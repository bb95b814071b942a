"""Rendering work items to files: pages come from the ASGI app itself, called in-process.

A `Renderer` owns one app (`create_app`, with a store that records nothing) and one event loop;
each build worker makes one from the catalog it loads, and writes the files of its chunks.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import html
import threading
from collections.abc import Iterable, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from starlette.requests import Request

from modelvs.catalog import Catalog, load_catalog
from modelvs.staticsite.plan import Kind, WorkItem
from modelvs.storage import NullStore
from modelvs.web.app import create_app
from modelvs.web.http.state import STATIC_DIR, WebState
from modelvs.web.pages.render import not_found

HOST = "modelvs.build"
USER_AGENT = "modelvs-build (static export bot)"
NOT_FOUND_MESSAGE = "There is no page at this address. Try the search, or a model or comparison below."


class RenderError(Exception):
    """A page that could not be rendered: its URL and why."""

    def __init__(self, url: str, detail: str) -> None:
        super().__init__(f"{url}: {detail}")
        self.url = url
        self.detail = detail


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes


@dataclass
class ChunkResult:
    """What a worker did with one chunk: bytes written per output path, or the first failure."""

    written: list[tuple[str, int]] = field(default_factory=list)
    error: tuple[str, str] | None = None


def redirect_page(target: str, canonical: str) -> bytes:
    """A static stand-in for a 301: a meta refresh to `target` and its canonical link."""
    t, c = html.escape(target, quote=True), html.escape(canonical, quote=True)
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Moved</title>\n'
        f'<link rel="canonical" href="{c}">\n<meta name="robots" content="noindex">\n'
        f'<meta http-equiv="refresh" content="0; url={t}">\n'
        f'</head><body><p>This page has moved to <a href="{t}">{c}</a>.</p></body></html>\n'
    ).encode()


class Renderer:
    """Renders work items with one in-process app; `write` puts them under `root`."""

    def __init__(
        self, catalog: Catalog, on: dt.date, base_url: str, root: Path, pairs: Iterable[str] | None = None
    ) -> None:
        """`pairs`: the comparison pages the build writes (None while planning: not known yet)."""
        self.app = create_app(catalog, store=NullStore(), today=on, base_url=base_url, built_pairs=pairs)
        self.web: WebState = self.app.state.web
        self.base_url = base_url.rstrip("/")
        self.root = root
        # The app runs on a loop of its own thread: the caller's thread may already run a loop
        # (a notebook, a test session driving a browser), where run_until_complete would fail.
        self.loop = asyncio.new_event_loop()
        self._closing: asyncio.Future[None] = self.loop.create_future()
        self._thread = threading.Thread(target=self._run, name="export-render", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        # One task runs until `close`, as a server's does: the thread pool that runs the app's
        # handlers belongs to it, so its threads serve request after request (a request's own
        # task would take them down with it, and each page would start a thread).
        self.loop.run_until_complete(self._until_closed())

    async def _until_closed(self) -> None:
        await self._closing

    def close(self) -> None:
        self.loop.call_soon_threadsafe(self._closing.set_result, None)
        self._thread.join()
        self.loop.close()

    def get(self, url: str) -> Response:
        """GET `url` from the app, as `serve` would answer it (exceptions propagate)."""
        return asyncio.run_coroutine_threadsafe(self._call(url), self.loop).result()

    async def _call(self, url: str) -> Response:
        path, _, query = url.partition("?")  # `path` as the app sees it: not percent-encoded
        scope: dict[str, Any] = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": "GET",
            "scheme": "http",
            "path": path,
            "raw_path": quote(path, safe="/+").encode(),
            "query_string": query.encode(),
            "root_path": "",
            "headers": [
                (b"host", HOST.encode()),
                (b"user-agent", USER_AGENT.encode()),
                (b"accept-encoding", b"identity"),
            ],
            "client": ("127.0.0.1", 0),
            "server": (HOST, 80),
        }
        done = asyncio.Event()
        sent = False
        status = 0
        headers: dict[str, str] = {}
        body: list[bytes] = []

        async def receive() -> dict[str, Any]:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": b"", "more_body": False}
            await done.wait()
            return {"type": "http.disconnect"}

        async def send(message: MutableMapping[str, Any]) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers.update((k.decode().lower(), v.decode()) for k, v in message.get("headers", []))
            elif message["type"] == "http.response.body":
                body.append(message.get("body", b""))
                if not message.get("more_body", False):
                    done.set()

        await self.app(scope, receive, send)
        return Response(status, headers, b"".join(body))

    def render(self, item: WorkItem) -> bytes:
        """The bytes of `item`'s file; RenderError for anything but the expected answer."""
        if item.kind in (Kind.PAGE, Kind.API):
            return self._ok(item.url)
        if item.kind is Kind.COMPARE_JSON:
            a, b = self._pair(item.url)
            return self._ok(f"/api/v1/compare?models={self.web.catalog.slugs[a]},{self.web.catalog.slugs[b]}")
        if item.kind is Kind.REDIRECT:
            answer = self.get(item.url)
            target = answer.headers.get("location", "")
            if answer.status != 301 or not target.startswith("/"):
                raise RenderError(item.url, f"expected a 301 to a local page, got {answer.status} {target}")
            return redirect_page(target, self.base_url + target)
        if item.kind is Kind.NOT_FOUND:
            return self._not_found(item.url)
        if item.kind is Kind.ASSET:
            return (STATIC_DIR / item.url).read_bytes()
        raise RenderError(item.url, f"{item.kind} items are written by the planner")

    def _ok(self, url: str) -> bytes:
        answer = self.get(url)
        if answer.status != 200:
            raise RenderError(url, f"answered {answer.status}, not 200")
        return answer.body

    def _pair(self, pair: str) -> tuple[str, str]:
        ids = self.web.pair_ids(pair)
        if ids is None:
            raise RenderError(f"/compare/{pair}", "not a comparison of two catalog models")
        return ids

    def _not_found(self, path: str) -> bytes:
        # The app's own 404 page, with a message that fits any missing address.
        scope = {"type": "http", "app": self.app, "path": path, "query_string": b"", "headers": []}
        scope |= {"method": "GET", "scheme": "http", "server": (HOST, 80), "root_path": ""}
        return bytes(not_found(Request(scope), NOT_FOUND_MESSAGE).body)

    def write(self, items: list[WorkItem]) -> ChunkResult:
        """Render and write `items`; stops at the first failure and reports its URL."""
        result = ChunkResult()
        for item in items:
            try:
                data = self.render(item)
            except RenderError as err:
                result.error = (err.url, err.detail)
                return result
            except Exception as err:  # any failure is reported against the page's URL
                result.error = (item.url, f"{type(err).__name__}: {err}")
                return result
            target = self.root / item.out
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            result.written.append((item.out, len(data)))
        return result


_WORKER: Renderer | str = "the worker was not initialised"


def init_worker(
    data: Path | None, version: str, on: dt.date, base_url: str, root: Path, pairs: list[str]
) -> None:
    """Pool initializer: load the catalog once (it must be the planned `version`) and build an app.

    It must not raise (a pool restarts workers whose initializer fails, forever): a failure is
    kept and reported by the first chunk.
    """
    global _WORKER
    try:
        catalog = load_catalog(data) if data is not None else load_catalog()
        if catalog.version != version:
            _WORKER = f"the worker loaded catalog {catalog.version[:12]}, the build planned {version[:12]}"
            return
        _WORKER = Renderer(catalog, on, base_url, root, pairs)
    except Exception as err:
        _WORKER = f"loading the catalog failed: {type(err).__name__}: {err}"


def run_chunk(items: list[WorkItem]) -> ChunkResult:
    if isinstance(_WORKER, str):
        return ChunkResult(error=("(worker)", _WORKER))
    return _WORKER.write(items)
