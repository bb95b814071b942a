"""The outermost layer of the app: answers GET and HEAD from the response cache before any
routing or middleware, and finishes every response (security headers, one `Vary`, coding).

A hit reads a few request headers, looks the request's own key up and sends the entry's two
ready-made messages: no routing, no template, no compression, no clock read but one.
A request whose key is not stored is put in canonical form first: the parameters its route does
not read are dropped (`query.QueryPolicy`) and the rest sorted, so `?junk=<30 kB>` finds the
entry of the page without it; a path with a trailing slash that only matches without it is
redirected, by a relative location (or the configured base URL), never one built from `Host`.
A miss renders once (concurrent requests for the same URL wait for that one render) through the
app with the method set to GET, the canonical query and the client's validators and codings
removed, so the stored body is the same whoever asked; it is stored if the app marked it public.
The app renders in worker threads and compression runs off the event loop too: a miss never
holds up the hits answered meanwhile.

A comparison page counts a view each time it is served, hits included (the render tells the
entry which pair it counts; `storage.counter.watch_views`); the counter keeps one per client,
pair and day.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Hashable, Iterable, MutableMapping
from dataclasses import dataclass, field
from typing import Any

import anyio.to_thread
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from modelvs.storage import is_bot, watch_views
from modelvs.web.http.encoding import BROTLI, GZIP, IDENTITY, MIN_SIZE, compress, compressible, negotiate
from modelvs.web.http.headers import Headers, finish, header
from modelvs.web.http.hosts import SiteHosts
from modelvs.web.http.query import QueryPolicy
from modelvs.web.http.response_cache import Entry, Key, ResponseCache, etag_matches, make_entry, storable
from modelvs.web.http.state import WebState

# What the render must not see: the stored body and its validators are the same for everyone.
_CLIENT_ONLY = {b"if-none-match", b"if-modified-since", b"accept-encoding", b"range", b"if-range"}
_NO_BODY_STATUS = (204, 304)
_EMPTY: Message = {"type": "http.response.body", "body": b""}
RENDERS = 2
"""Misses rendered at once. Rendering is pure Python: more threads would not render faster under
the GIL, only take turns with the event loop, which then answers cache hits slower."""
MAX_QUERY = 64 * 1024
"""A longer query string is refused (414) before it is parsed."""
MAX_MEMO_KEY = 512
"""Longer header values (user agents) are judged each time rather than remembered."""
MEMO_SIZE = 1024
DAY_CHECK = 5.0
"""Seconds between two reads of the pricing day by the serving layer (a new day drops the cache)."""


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
    def __init__(
        self, app: ASGIApp, web: WebState, hosts: SiteHosts, cache: ResponseCache, policy: QueryPolicy
    ) -> None:
        self.app = app
        self.web = web
        self.hosts = hosts
        self.cache = cache
        self.policy = policy
        self._inflight: dict[Hashable, asyncio.Future[Entry | None]] = {}
        self._renders = asyncio.Semaphore(RENDERS)
        self._bots: dict[bytes | None, bool] = {}
        self._snapshot: object = None
        self._today: object = None
        self._tick = -1.0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        accept, agent, host, inm = _cache_headers(scope["headers"])
        method = scope["method"]
        asked = Asked(method == "HEAD", accept, inm, agent)
        if method != "GET" and not asked.head:
            found = await self._render(dict(scope), receive, send)
            await self._send_plain(found, found.finished_headers(self.hosts), send, asked)
            return
        self._check_generation()
        hosts = self.hosts
        origin = "" if hosts.base_url is not None else hosts.origin_of_host(scope, host)
        own: Key = (origin, scope["path"], scope["query_string"])
        entry = self.cache.find(own)
        if entry is not None:
            bot = self._bot(agent)
            if entry.views_known or bot:
                self.cache.hits += 1
                if entry.view_pair is not None and not bot:
                    client = scope.get("client")
                    self.web.store.saw(entry.view_pair, client[0] if client else "", agent or b"")
                await self._send_entry(own, entry, send, asked)
                return
        await self._canonical(scope, receive, send, own, asked)

    def answer(
        self,
        head: bool,
        url: bytes,
        headers: Iterable[tuple[bytes, bytes]],
        scheme: str,
        server: tuple[str, int | None] | None,
        client: tuple[str, int] | None,
    ) -> tuple[bytes, bytes] | None:
        """A GET (or HEAD, `head`) of `url` answered from the cache without the app, for the
        server's protocol to write (`protocol.HitProtocol`): the status line and headers, and
        the body; None when it is not a hit the request's own key finds, made in the coding
        asked for (the ASGI path answers it then: canonical keys, misses, compression).

        It does what a hit in `__call__` does: the same entry, the same bytes, a view counted.
        """
        if len(url) > MAX_QUERY or url[:1] != b"/" or b"%" in url or b"#" in url:
            return None  # percent-escapes and the rest: the server decodes them, then `__call__`
        path_bytes, _, query = url.partition(b"?")
        if not path_bytes.isascii():
            return None
        accept, agent, host, inm = _cache_headers(headers)
        self._check_generation()
        hosts = self.hosts
        if hosts.base_url is not None:
            origin = ""
        else:
            origin = hosts.origin_for(scheme, host, server[1] if server else None)
        entry = self.cache.find((origin, path_bytes.decode("ascii"), query))
        if entry is None:
            return None
        bot = self._bot(agent)
        if not (entry.views_known or bot):
            return None
        if inm is not None and entry.etag is not None and etag_matches(inm, entry.etag):
            found, body = entry.not_modified_head, b""
        else:
            coding = negotiate(accept, entry.codings)
            made = entry.heads.get(coding)
            if made is None:
                return None
            found, body = made, b"" if head else entry.variants[coding][1]
        self.cache.hits += 1
        if entry.view_pair is not None and not bot:
            self.web.store.saw(entry.view_pair, client[0] if client else "", agent or b"")
        return found, body

    async def _canonical(self, scope: Scope, receive: Receive, send: Send, own: Key, asked: Asked) -> None:
        """A request whose own key is not stored: its canonical key, a redirect, or a render."""
        origin, path, raw = own
        if len(raw) > MAX_QUERY:
            refused = Finished(
                414, [(b"content-type", b"text/plain; charset=utf-8")], b"query string too long"
            )
            await self._send_plain(refused, refused.finished_headers(self.hosts), send, asked)
            return
        route = self.policy.route(path)
        if route is None and len(path) > 1 and path.endswith("/") and self.policy.route(path.rstrip("/")):
            await self._send_redirect(path.rstrip("/"), raw, send, asked)
            return
        names = route[1] if route is not None else frozenset()
        key: Key = (origin, path, self.policy.normal(raw, names))
        entry = self.cache.get(key)
        if entry is None:
            pending = self._inflight.get(key)
            if pending is not None:
                entry = await asyncio.shield(pending)
        if entry is not None and (entry.views_known or self._bot(asked.agent)):
            self.cache.alias(own, key)
            self.cache.hits += 1
            if entry.view_pair is not None:
                self._count(entry.view_pair, scope, asked.agent)
            await self._send_entry(key, entry, send, asked)
            return
        await self._miss(scope, receive, send, key, asked)

    async def _miss(self, scope: Scope, receive: Receive, send: Send, key: Key, asked: Asked) -> None:
        self.cache.misses += 1
        generation = self.cache.generation
        inner = dict(scope)
        inner["method"] = "GET"
        inner["query_string"] = key[2]
        inner["headers"] = [(k, v) for k, v in scope["headers"] if k not in _CLIENT_ONLY]
        leader = key not in self._inflight
        future: asyncio.Future[Entry | None] = asyncio.get_running_loop().create_future()
        if leader:
            self._inflight[key] = future
        entry: Entry | None = None
        try:
            async with self._renders:
                with watch_views() as seen:
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
        if seen:
            self._count(seen[0], scope, asked.agent)
        if entry is not None:
            await self._send_entry(key, entry, send, asked)
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

    async def _send_entry(self, key: Key, entry: Entry, send: Send, asked: Asked) -> None:
        if asked.inm is not None and entry.etag is not None and etag_matches(asked.inm, entry.etag):
            await send(entry.not_modified_start)
            await send(_EMPTY)
            return
        coding = negotiate(asked.accept, entry.codings)
        messages = entry.messages.get(coding)
        if messages is None:  # the first request in this coding: compressed off the event loop
            _, added = await anyio.to_thread.run_sync(entry.variant, coding)
            self.cache.counted(key, entry, added)
            messages = entry.messages[coding]
        await send(messages[0])
        await send(_EMPTY if asked.head else messages[1])

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
            body = await anyio.to_thread.run_sync(compress, body, coding)
            headers.append((b"content-encoding", coding.encode()))
        elif already:
            headers.append((b"content-encoding", header(found.headers, b"content-encoding") or b""))
        if found.status not in _NO_BODY_STATUS:
            headers.append((b"content-length", str(len(body)).encode()))
        await send({"type": "http.response.start", "status": found.status, "headers": headers})
        await send({"type": "http.response.body", "body": b"" if asked and asked.head else body})

    async def _send_redirect(self, path: str, raw: bytes, send: Send, asked: Asked) -> None:
        """301 to `path`: on the configured base URL, else a relative location (never the Host's)."""
        target = (self.hosts.base_url or "") + path + (("?" + raw.decode("latin-1")) if raw else "")
        app_headers = [
            (b"location", target.encode("latin-1")),
            (b"content-type", b"text/plain; charset=utf-8"),
            (b"cache-control", b"public, max-age=3600"),
        ]
        found = Finished(301, app_headers, b"")
        await self._send_plain(found, finish(app_headers, 301, host_dependent=False), send, asked)

    def _check_generation(self) -> None:
        """Drop every entry when the pricing day or the popular list changed. Cheap when neither
        did: the popular list is looked at again only when the counter read a new one, and the day
        at most every `DAY_CHECK` seconds."""
        web = self.web
        snapshot = web.store.current_snapshot()
        tick = time.monotonic() // DAY_CHECK
        if snapshot is self._snapshot and tick == self._tick:
            return
        today = web.today()
        if snapshot is self._snapshot and today == self._today:
            self._tick = tick
            return
        self._snapshot, self._today, self._tick = snapshot, today, tick
        self.cache.enter((web.catalog.version, today, web.popular_version()))

    def _bot(self, agent: bytes | None) -> bool:
        found = self._bots.get(agent)
        if found is None:
            found = is_bot(agent.decode("latin-1") if agent is not None else None)
            if agent is not None and len(agent) > MAX_MEMO_KEY:
                return found
            if len(self._bots) >= MEMO_SIZE:
                self._bots.clear()
            self._bots[agent] = found
        return found

    def _count(self, pair: str, scope: Scope, agent: bytes | None) -> None:
        if not self._bot(agent):
            client = scope.get("client")
            self.web.store.saw(pair, client[0] if client else "", agent or b"")


def _cache_headers(
    headers: Iterable[tuple[bytes, bytes]],
) -> tuple[bytes | None, bytes | None, bytes | None, bytes | None]:
    """The request headers a cache hit reads: Accept-Encoding, User-Agent, Host, If-None-Match."""
    accept = agent = host = inm = None
    for name, value in headers:
        if name == b"accept-encoding":
            accept = value
        elif name == b"user-agent":
            agent = value
        elif name == b"host":
            host = value
        elif name == b"if-none-match":
            inm = value
    return accept, agent, host, inm
