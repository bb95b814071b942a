"""The outermost layer of the app: answers GET and HEAD from the response cache, and finishes
every response (security headers, one `Vary`, content coding).

A hit costs a dictionary lookup and two `send` calls: no routing, no template, no compression
(the first request in a coding compresses it once, for every later one).
A miss renders once — concurrent requests for the same URL wait for that one render — through
the app with the method set to GET, the query in normal order and the client's validators and
codings removed, so the stored body is the same whoever asked; it is then stored if the app
marked it public. Responses that are not stored are compressed once on their way out.

A comparison page counts a view each time it is served, hits included: the render tells the
entry which pair it counted (see `views_counter.watch_views`).
"""

from __future__ import annotations

import asyncio
from collections.abc import Hashable, MutableMapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from modelvs.storage.bots import is_bot
from modelvs.web.encoding import BROTLI, GZIP, IDENTITY, MIN_SIZE, compress, compressible, negotiate
from modelvs.web.headers import Headers, finish, header
from modelvs.web.hosts import SiteHosts
from modelvs.web.response_cache import Entry, ResponseCache, etag_matches, make_entry, storable
from modelvs.web.state import WebState
from modelvs.web.views_counter import watch_views

# What the render must not see: the stored body and its validators are the same for everyone.
_CLIENT_ONLY = {b"if-none-match", b"if-modified-since", b"accept-encoding", b"range", b"if-range"}
_NO_BODY_STATUS = (204, 304)
RENDERS = 2
"""Misses rendered at once. Rendering is pure Python: more threads would not render faster under
the GIL, only take turns with the event loop, which then answers cache hits slower."""


@dataclass
class Finished:
    """A response of the inner app, buffered whole."""

    status: int = 500
    headers: Headers = field(default_factory=list)
    body: bytes = b""
    started: bool = False

    def finished_headers(self, hosts: SiteHosts) -> Headers:
        content_type = header(self.headers, b"content-type") or b""
        return finish(self.headers, self.status, host_dependent=hosts.names_host(content_type))


@dataclass(slots=True)
class Asked:
    """What of the request decides how a response is sent."""

    head: bool
    accept: bytes | None
    """Accept-Encoding."""
    inm: bytes | None
    """If-None-Match."""
    agent: bytes | None
    """User-Agent."""


class ServingMiddleware:
    def __init__(self, app: ASGIApp, web: WebState, hosts: SiteHosts, cache: ResponseCache) -> None:
        self.app = app
        self.web = web
        self.hosts = hosts
        self.cache = cache
        self._inflight: dict[Hashable, asyncio.Future[Entry | None]] = {}
        self._renders = asyncio.Semaphore(RENDERS)
        self._bots: dict[bytes | None, bool] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        accept = inm = agent = None
        for name, value in scope["headers"]:
            if name == b"accept-encoding":
                accept = value
            elif name == b"if-none-match":
                inm = value
            elif name == b"user-agent":
                agent = value
        method = scope["method"]
        asked = Asked(method == "HEAD", accept, inm, agent)
        if method not in ("GET", "HEAD"):
            found = await self._render(dict(scope), receive, send)
            await self._send_plain(found, found.finished_headers(self.hosts), send, asked)
            return
        web = self.web
        self.cache.enter((web.catalog.version, web.today(), web.popular_version()))
        origin = "" if self.hosts.base_url is not None else self.hosts.origin(scope)
        query = self.cache.query_key(scope["query_string"])
        key = (origin, scope["path"], query)
        entry = self.cache.get(key)
        if entry is None:
            pending = self._inflight.get(key)
            if pending is not None:
                entry = await asyncio.shield(pending)
        if entry is not None and (entry.views_known or self._bot(agent)):
            self.cache.hits += 1
            self._count(entry, agent)
            await self._send_entry(key, entry, send, asked)
            return
        await self._miss(scope, receive, send, key, query, asked)

    async def _miss(
        self, scope: Scope, receive: Receive, send: Send, key: Hashable, query: bytes, asked: Asked
    ) -> None:
        self.cache.misses += 1
        generation = self.cache.generation
        inner = dict(scope)
        inner["method"] = "GET"
        inner["query_string"] = query
        inner["headers"] = [(k, v) for k, v in scope["headers"] if k not in _CLIENT_ONLY]
        leader = key not in self._inflight
        future: asyncio.Future[Entry | None] = asyncio.get_running_loop().create_future()
        if leader:
            self._inflight[key] = future
        entry: Entry | None = None
        try:
            async with self._renders:
                seen = watch_views()
                found = await self._render(inner, receive, send)
            headers = found.finished_headers(self.hosts)
            # The app's own Cache-Control decides: `private` for shared caches still fits our per-host key.
            if storable(found.status, found.headers, len(found.body), self.cache.max_entry_bytes):
                views_known = not self._bot(asked.agent)
                pair = seen[0] if seen else None
                entry = make_entry(found.status, headers, found.body, views_known=views_known, view_pair=pair)
                if self.cache.generation == generation:
                    self.cache.put(key, entry)
        finally:
            if leader:
                future.set_result(entry)
                if self._inflight.get(key) is future:
                    del self._inflight[key]
        if entry is not None:
            await self._send_entry(key, entry, send, asked)  # this render counted its own view
        else:
            await self._send_plain(found, headers, send, asked)

    async def _render(self, inner: MutableMapping[str, Any], receive: Receive, send: Send) -> Finished:
        """Run the app on `inner` and buffer its response; if it fails after answering, send the
        answer it gave (a 500 page) and let the error propagate to the server's log."""
        found = Finished()
        chunks: list[bytes] = []

        async def keep(message: Message) -> None:
            if message["type"] == "http.response.start":
                found.status = message["status"]
                found.headers = [(bytes(k).lower(), bytes(v)) for k, v in message.get("headers", ())]
                found.started = True
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))

        try:
            await self.app(inner, receive, keep)
        except BaseException:
            if found.started:
                found.body = b"".join(chunks)
                await self._send_plain(found, found.finished_headers(self.hosts), send, None)
            raise
        found.body = b"".join(chunks)
        return found

    async def _send_entry(self, key: Hashable, entry: Entry, send: Send, asked: Asked) -> None:
        if asked.inm is not None and entry.etag is not None and etag_matches(asked.inm, entry.etag):
            await send({"type": "http.response.start", "status": 304, "headers": entry.not_modified})
            await send({"type": "http.response.body", "body": b""})
            return
        headers, body = self.cache.variant(key, entry, negotiate(asked.accept, entry.codings))
        await send({"type": "http.response.start", "status": entry.status, "headers": headers})
        await send({"type": "http.response.body", "body": b"" if asked.head else body})

    async def _send_plain(self, found: Finished, headers: Headers, send: Send, asked: Asked | None) -> None:
        """A response that is not stored, with its finished `headers`: compressed once if it pays."""
        headers = list(headers)
        body = found.body
        content_type = (header(headers, b"content-type") or b"").decode("latin-1")
        coding = IDENTITY
        already = header(found.headers, b"content-encoding") is not None
        if (
            not already
            and found.status not in _NO_BODY_STATUS
            and len(body) >= MIN_SIZE
            and compressible(content_type)
        ):
            coding = negotiate(asked.accept if asked else None, (BROTLI, GZIP, IDENTITY))
        if coding != IDENTITY:
            body = compress(body, coding)
            headers.append((b"content-encoding", coding.encode()))
        elif already:
            headers.append((b"content-encoding", header(found.headers, b"content-encoding") or b""))
        if found.status not in _NO_BODY_STATUS:
            headers.append((b"content-length", str(len(body)).encode()))
        await send({"type": "http.response.start", "status": found.status, "headers": headers})
        await send({"type": "http.response.body", "body": b"" if asked and asked.head else body})

    def _bot(self, agent: bytes | None) -> bool:
        found = self._bots.get(agent)
        if found is None:
            found = is_bot(agent.decode("latin-1") if agent is not None else None)
            if len(self._bots) >= 1024:
                self._bots.clear()
            self._bots[agent] = found
        return found

    def _count(self, entry: Entry, agent: bytes | None) -> None:
        if entry.view_pair is not None and not self._bot(agent):
            self.web.store.record_view(entry.view_pair, datetime.now(UTC))
