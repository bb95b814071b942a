"""The response cache's own rules: bounded by bytes, one generation, what may be stored."""

from __future__ import annotations

import gzip

import brotli
import pytest

from modelvs.web.http.encoding import BROTLI, GZIP, IDENTITY
from modelvs.web.http.response_cache import (
    ALIAS_OVERHEAD,
    ENTRY_OVERHEAD,
    Entry,
    Key,
    ResponseCache,
    etag_matches,
    make_entry,
    storable,
)

PUBLIC = [(b"content-type", b"text/html; charset=utf-8"), (b"cache-control", b"public, max-age=300")]


def _entry(size: int) -> Entry:
    return make_entry(200, [(b"content-type", b"image/png")], b"x" * size, views_known=True, view_pair=None)


def _key(name: object, query: bytes = b"") -> Key:
    return ("", f"/page/{name}", query)


def test_entries_make_each_coding_once_and_keep_it() -> None:
    body = ("<tr><td>GPT-4o</td><td>$2.50</td></tr>" * 300).encode()
    entry = make_entry(200, [*PUBLIC, (b"etag", b'W/"t"')], body, views_known=True, view_pair="a-vs-b")
    assert entry.codings == (BROTLI, GZIP, IDENTITY)
    assert list(entry.variants) == [IDENTITY]  # nothing is compressed before a client asks
    headers, plain = entry.variants[IDENTITY]
    assert plain == body
    assert (b"content-length", str(len(body)).encode()) in headers
    plain_size = entry.size
    (headers, packed), added = entry.variant(BROTLI)
    assert brotli.decompress(packed) == body
    assert (b"content-encoding", b"br") in headers
    assert (b"content-length", str(len(packed)).encode()) in headers
    assert added > len(packed)
    assert entry.size == plain_size + added
    again, added_again = entry.variant(BROTLI)
    assert again[1] is packed  # kept: the second request compresses nothing
    assert added_again == 0
    assert gzip.decompress(entry.variant(GZIP)[0][1]) == body
    assert entry.etag == b'W/"t"'
    assert all(name != b"content-type" for name, _ in entry.not_modified)
    small = make_entry(200, PUBLIC, b"<p>hi</p>", views_known=True, view_pair=None)
    assert small.codings == (IDENTITY,)  # too small to be worth compressing


def test_a_new_coding_counts_against_the_budget() -> None:
    body = ("<tr><td>GPT-4o</td><td>$2.50</td></tr>" * 300).encode()
    cache = ResponseCache()
    entry = make_entry(200, PUBLIC, body, views_known=True, view_pair=None)
    cache.put(_key("a"), entry)
    before = cache.size
    cache.variant(_key("a"), entry, GZIP)
    assert cache.size > before
    assert cache.size == cache.held()
    other = make_entry(200, PUBLIC, body, views_known=True, view_pair=None)
    cache.variant(_key("not stored"), other, GZIP)  # an entry outside the cache costs it nothing
    assert cache.size == cache.held()


def test_bounded_by_bytes_least_recently_used_out() -> None:
    cache = ResponseCache(max_bytes=16 * 32_000)  # sixteen entries of 30 kB, headers and keys included
    for key in range(16):
        cache.put(_key(key), _entry(30_000))
    assert len(cache) == 16
    assert cache.get(_key(0)) is not None  # now the most recently used
    cache.put(_key(16), _entry(30_000))
    cache.put(_key(17), _entry(30_000))
    assert cache.size <= cache.max_bytes
    assert len(cache) == 16
    assert cache.get(_key(1)) is None
    assert cache.get(_key(2)) is None
    assert cache.get(_key(0)) is not None
    cache.put(_key("huge"), _entry(cache.max_entry_bytes + 1))
    assert cache.get(_key("huge")) is None
    cache.put(_key(0), _entry(10))  # replacing an entry re-counts its bytes
    assert cache.size == cache.held()


def test_keys_and_the_query_memo_count_against_the_budget() -> None:
    cache = ResponseCache(max_bytes=16 * 20_000)
    long_query = b"q=" + b"x" * 15_000  # a key as big as the body it names
    entry = _entry(1_000)
    cache.put(_key("a", long_query), entry)
    assert entry.size == 1_000 + _headers(entry)
    assert cache.size == entry.size + len("/page/a") + len(long_query) + ENTRY_OVERHEAD
    assert cache.size == cache.held()
    for n in range(200):  # spellings of a page's query that are not canonical
        cache.alias(_key("a", b"b=1&a=%d" % n), _key("a", b"a=%d&b=1" % n))
    assert cache.size == cache.held()
    assert cache.size <= cache.max_bytes
    # The memo holds a sixteenth of the budget at most: a flood of spellings starts it over.
    assert cache.held() - cache.get(_key("a", long_query)).size < cache.max_entry_bytes + 20_000  # type: ignore[union-attr]
    cache.alias(_key("b", b"x" * 3_000), _key("b"))  # too long to remember: put in canonical form each time
    assert cache.find(_key("b", b"x" * 3_000)) is None
    cache.put(_key("c"), _entry(100))
    cache.alias(_key("c", b"z=1"), _key("c"))
    assert cache.find(_key("c", b"z=1")) is cache.get(_key("c"))
    assert ALIAS_OVERHEAD > 0
    for n in range(2_000):  # whatever is put and made, the bytes held never pass the limit
        cache.put(_key(n, b"q=%d" % n), _entry(5_000))
        assert cache.size == cache.held() <= cache.max_bytes


def _headers(entry: Entry) -> int:
    """The bytes an entry holds beyond its plain body: headers, and as HTTP/1.1 sends them."""
    headers, _ = entry.variants[IDENTITY]
    wire = len(entry.heads[IDENTITY]) + len(entry.not_modified_head)
    return sum(len(k) + len(v) for k, v in headers) + wire


def test_a_new_generation_drops_every_entry() -> None:
    cache = ResponseCache()
    cache.enter(("v1", "2026-11-24", 1))
    cache.put(_key("a"), _entry(10))
    cache.alias(_key("a", b"x=1"), _key("a"))
    cache.enter(("v1", "2026-11-24", 1))
    assert cache.get(_key("a")) is not None
    cache.enter(("v1", "2026-11-24", 2))
    assert cache.get(_key("a")) is None
    assert cache.find(_key("a", b"x=1")) is None
    assert cache.size == 0


@pytest.mark.parametrize(
    ("status", "headers", "expected"),
    [
        (200, PUBLIC, True),
        (301, [(b"cache-control", b"public, max-age=86400")], True),
        (404, PUBLIC, False),
        (422, PUBLIC, False),
        (500, PUBLIC, False),
        (302, PUBLIC, False),
        (200, [(b"content-type", b"text/html")], False),  # no Cache-Control: the app did not say
        (200, [(b"cache-control", b"public, no-store")], False),
        (200, [(b"cache-control", b"private, max-age=60")], False),
        (200, [*PUBLIC, (b"set-cookie", b"a=b")], False),
    ],
)
def test_what_may_be_stored(status: int, headers: list[tuple[bytes, bytes]], expected: bool) -> None:
    assert storable(status, headers, 100, 1000) is expected
    assert storable(status, headers, 1001, 1000) is False


def test_etag_matches_weakly() -> None:
    tag = b'W/"abc"'
    assert etag_matches(b'W/"abc"', tag)
    assert etag_matches(b'"abc"', tag)
    assert etag_matches(b'"x", W/"abc"', tag)
    assert etag_matches(b"*", tag)
    assert not etag_matches(b'"abcd"', tag)
    assert not etag_matches(b"", tag)
