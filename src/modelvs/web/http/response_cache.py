"""Finished responses as bytes: one entry per canonical URL, kept in each coding it is sent in.

An entry holds, for each content coding it has been asked in (identity, gzip, brotli), the
ASGI messages to send, headers and body complete, so a hit is two `send` calls of ready-made
messages. A coding is compressed once, when first asked for, and kept: a miss pays for the one
coding its client wants, and pages only ever read plain (the static build) are never compressed.

The cache is bounded by everything it holds: the entries' bodies and headers, their keys, and
the memo of query strings already put in canonical form; least recently used entries go first.
It belongs to one *generation* (catalog version, pricing date, popular-list version): when that
changes, every entry is dropped at once.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Any

from modelvs.web.http.encoding import BROTLI, GZIP, IDENTITY, MIN_SIZE, compress, compressible
from modelvs.web.http.headers import Headers, header, wire_head

STORABLE_STATUS = (200, 301, 308)
"""What is stored: pages, and permanent redirects (their target depends only on the URL and catalog)."""
DEFAULT_MAX_BYTES = 128 * 2**20
ENTRY_OVERHEAD = 1024
"""Bytes counted for an entry beyond its bodies, headers and key: the objects that hold them."""
ALIAS_OVERHEAD = 200
MAX_ALIAS_QUERY = 2048
"""Longer query strings are put in canonical form each time rather than remembered."""
Variant = tuple[Headers, bytes]
Key = tuple[str, str, bytes]
"""(origin, path, canonical query string)."""
Message = dict[str, Any]


def _bytes(variant: Variant) -> int:
    headers, body = variant
    return len(body) + sum(len(k) + len(v) for k, v in headers)


def key_bytes(key: Key) -> int:
    return sum(len(part) for part in key)


@dataclass
class Entry:
    """One stored response."""

    status: int
    headers: Headers
    """The finished headers, without Content-Length and Content-Encoding."""
    body: bytes
    """The plain body."""
    codings: tuple[str, ...]
    """The codings it may be sent in: identity, and gzip and brotli for a compressible body."""
    etag: bytes | None
    not_modified: Headers
    """The headers of a 304 answered from this entry."""
    views_known: bool
    """Whether the render that made it could count a view (it could not for a bot's request)."""
    view_pair: str | None
    """The comparison a view of this page counts, learned from the render."""
    variants: dict[str, Variant] = field(default_factory=dict)
    """Per coding made so far: the headers to send (with Content-Length and Content-Encoding) and body."""
    messages: dict[str, tuple[Message, Message]] = field(default_factory=dict)
    """Per coding made so far: the ASGI start and body messages of a GET, sent as they are."""
    heads: dict[str, bytes] = field(default_factory=dict)
    """Per coding made so far: the status line and headers as HTTP/1.1 sends them (without the
    server's Date and the blank line), for the server's protocol to write with the body."""
    size: int = 0

    def __post_init__(self) -> None:
        self.variant(IDENTITY)  # the plain body is always kept
        self.not_modified_start: Message = {
            "type": "http.response.start",
            "status": 304,
            "headers": self.not_modified,
        }
        self.not_modified_head = wire_head(304, self.not_modified)
        self.size += len(self.not_modified_head)

    def variant(self, coding: str) -> tuple[Variant, int]:
        """The headers and body in `coding` (one of `codings`), and the bytes that making it added."""
        found = self.variants.get(coding)
        if found is not None:
            return found, 0
        data = compress(self.body, coding)
        sized = [*self.headers, (b"content-length", str(len(data)).encode())]
        if coding != IDENTITY:
            sized.append((b"content-encoding", coding.encode()))
        made = self.variants[coding] = (sized, data)
        self.messages[coding] = (
            {"type": "http.response.start", "status": self.status, "headers": sized},
            {"type": "http.response.body", "body": data},
        )
        head = self.heads[coding] = wire_head(self.status, sized)  # last: a hit reads it first
        added = _bytes(made) + len(head)
        self.size += added
        return made, added


def make_entry(
    status: int, headers: Headers, body: bytes, *, views_known: bool, view_pair: str | None
) -> Entry:
    """An entry from finished headers (without Content-Length/Encoding) and the plain body."""
    content_type = (header(headers, b"content-type") or b"").decode("latin-1")
    big = compressible(content_type) and len(body) >= MIN_SIZE
    codings = (BROTLI, GZIP, IDENTITY) if big else (IDENTITY,)
    # A 304 carries the validators and caching headers, not the body's type.
    not_modified = [(k, v) for k, v in headers if k != b"content-type"]
    return Entry(
        status, headers, body, codings, header(headers, b"etag"), not_modified, views_known, view_pair
    )


def storable(status: int, headers: Headers, size: int, max_size: int) -> bool:
    """Whether a finished response may be stored: the app marked it public, and it is small enough."""
    if status not in STORABLE_STATUS or size > max_size or header(headers, b"set-cookie") is not None:
        return False
    control = (header(headers, b"cache-control") or b"").lower()
    return b"public" in control and not any(d in control for d in (b"no-store", b"no-cache", b"private"))


def etag_matches(if_none_match: bytes, etag: bytes) -> bool:
    """Weak comparison (RFC 9110 13.1.2), as a 304 for GET and HEAD needs."""
    bare = etag.removeprefix(b"W/")
    for token in if_none_match.split(b","):
        token = token.strip()
        if token == b"*" or token.removeprefix(b"W/") == bare:
            return True
    return False


@dataclass
class ResponseCache:
    """Entries by key, least recently used out first once everything held passes `max_bytes`.

    Used from the event loop only, so it needs no lock.
    """

    max_bytes: int = DEFAULT_MAX_BYTES
    generation: Hashable = None
    size: int = 0
    """Bytes held: entries (bodies, headers, keys, overhead) and the query memo."""
    hits: int = 0
    """Responses sent from a stored entry."""
    misses: int = 0
    """GET and HEAD requests the app rendered."""
    _entries: OrderedDict[Key, Entry] = field(default_factory=OrderedDict)
    _aliases: dict[Key, Key] = field(default_factory=dict)
    """A request's own key -> its canonical key, for short query strings not in canonical form."""
    _alias_bytes: int = 0

    @property
    def max_entry_bytes(self) -> int:
        """No single response may take more than a sixteenth of the cache."""
        return self.max_bytes // 16

    def __len__(self) -> int:
        return len(self._entries)

    def enter(self, generation: Hashable) -> None:
        """Make `generation` current; entries of another one are dropped."""
        if generation != self.generation:
            self.generation = generation
            self.clear()

    def clear(self) -> None:
        self._entries.clear()
        self._aliases.clear()
        self._alias_bytes = 0
        self.size = 0

    def get(self, key: Key) -> Entry | None:
        entry = self._entries.get(key)
        if entry is not None:
            self._entries.move_to_end(key)
        return entry

    def find(self, asked: Key) -> Entry | None:
        """The entry of a request's own key: stored under it, or under the canonical key it was
        last found to have (`alias`)."""
        entry = self._entries.get(asked)
        if entry is None:
            canonical = self._aliases.get(asked)
            if canonical is None:
                return None
            entry = self._entries.get(canonical)
            if entry is None:
                return None
            asked = canonical
        self._entries.move_to_end(asked)
        return entry

    def alias(self, asked: Key, canonical: Key) -> None:
        """Remember that `asked` is `canonical` (short query strings only; counted, bounded)."""
        if asked == canonical or len(asked[2]) > MAX_ALIAS_QUERY or asked in self._aliases:
            return
        cost = key_bytes(asked) + ALIAS_OVERHEAD
        if self._alias_bytes + cost > self.max_entry_bytes:
            self.size -= self._alias_bytes
            self._aliases.clear()  # a flood of new spellings starts the memo over
            self._alias_bytes = 0
        self._aliases[asked] = canonical
        self._alias_bytes += cost
        self.size += cost
        self._shrink()

    def put(self, key: Key, entry: Entry) -> None:
        counted = entry.size + key_bytes(key) + ENTRY_OVERHEAD
        if counted > self.max_entry_bytes:
            return
        self._drop(key)
        self._entries[key] = entry
        self.size += counted
        self._shrink()

    def variant(self, key: Key, entry: Entry, coding: str) -> Variant:
        """`entry` in `coding`, made if it is the first time, with its bytes counted if it is stored."""
        made, added = entry.variant(coding)
        self.counted(key, entry, added)
        return made

    def counted(self, key: Key, entry: Entry, added: int) -> None:
        """Count `added` bytes a new coding of `entry` took, if it is the entry stored under `key`."""
        if added and self._entries.get(key) is entry:
            self.size += added
            self._shrink()

    def _drop(self, key: Key) -> None:
        old = self._entries.pop(key, None)
        if old is not None:
            self.size -= old.size + key_bytes(key) + ENTRY_OVERHEAD

    def _shrink(self) -> None:
        while self.size > self.max_bytes and self._entries:
            key, dropped = self._entries.popitem(last=False)
            self.size -= dropped.size + key_bytes(key) + ENTRY_OVERHEAD

    def held(self) -> int:
        """The bytes held, counted afresh (what `size` must always equal)."""
        entries = sum(e.size + key_bytes(k) + ENTRY_OVERHEAD for k, e in self._entries.items())
        return entries + sum(key_bytes(k) + ALIAS_OVERHEAD for k in self._aliases)
