"""Finished responses as bytes: one entry per canonical URL, kept in each coding it is sent in.

An entry holds, for each content coding it has been asked in (identity, gzip, brotli), the
complete header list and body, so a hit is two `send` calls. A coding is compressed once, when
first asked for, and kept: a miss pays for the one coding its client wants, not for both, and
pages only ever read plain (the static build) are never compressed. The cache is bounded by the
bytes its entries hold, least recently used first out, and belongs to one *generation* (catalog
version, pricing date, popular-list version): when it changes, every entry is dropped at once.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode

from modelvs.web.encoding import BROTLI, GZIP, IDENTITY, MIN_SIZE, compress, compressible
from modelvs.web.headers import Headers, header

STORABLE_STATUS = (200, 301, 308)
"""What is stored: pages, and permanent redirects (their target depends only on the URL and catalog)."""
DEFAULT_MAX_BYTES = 128 * 2**20
Variant = tuple[Headers, bytes]


def _bytes(variant: Variant) -> int:
    headers, body = variant
    return len(body) + sum(len(k) + len(v) for k, v in headers)


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
    size: int = 0

    def __post_init__(self) -> None:
        self.variant(IDENTITY)  # the plain body is always kept

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
        added = _bytes(made)
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


def normal_query(raw: bytes) -> bytes:
    """The query string with parameters in name order (values of one name keep their order) and
    re-encoded, so equivalent URLs share one entry; the app parses it to the same parameters."""
    if not raw:
        return raw
    # Decoded exactly as Starlette decodes it, so the app sees the same values.
    items = parse_qsl(raw.decode("latin-1"), keep_blank_values=True)
    items.sort(key=lambda item: item[0])
    return urlencode(items).encode("ascii")


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
    """Entries by key, least recently used out first once they hold more than `max_bytes`.

    Used from the event loop only, so it needs no lock.
    """

    max_bytes: int = DEFAULT_MAX_BYTES
    generation: Hashable = None
    size: int = 0
    hits: int = 0
    """Responses sent from a stored entry."""
    misses: int = 0
    """GET and HEAD requests the app rendered."""
    _entries: OrderedDict[Hashable, Entry] = field(default_factory=OrderedDict)
    _queries: dict[bytes, bytes] = field(default_factory=dict)

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
        self.size = 0

    def get(self, key: Hashable) -> Entry | None:
        entry = self._entries.get(key)
        if entry is not None:
            self._entries.move_to_end(key)
        return entry

    def put(self, key: Hashable, entry: Entry) -> None:
        if entry.size > self.max_entry_bytes:
            return
        old = self._entries.pop(key, None)
        if old is not None:
            self.size -= old.size
        self._entries[key] = entry
        self.size += entry.size
        self._shrink()

    def variant(self, key: Hashable, entry: Entry, coding: str) -> Variant:
        """`entry` in `coding`, made if it is the first time, with its bytes counted if it is stored."""
        made, added = entry.variant(coding)
        if added and self._entries.get(key) is entry:
            self.size += added
            self._shrink()
        return made

    def _shrink(self) -> None:
        while self.size > self.max_bytes and self._entries:
            _, dropped = self._entries.popitem(last=False)
            self.size -= dropped.size

    def query_key(self, raw: bytes) -> bytes:
        """`normal_query(raw)`, remembered for the query strings seen most."""
        if not raw:
            return raw
        found = self._queries.get(raw)
        if found is None:
            found = normal_query(raw)
            if len(self._queries) >= 4096:
                self._queries.clear()  # misses with new queries cannot grow it without bound
            self._queries[raw] = found
        return found
