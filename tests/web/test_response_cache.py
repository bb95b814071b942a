"""The response cache's own rules: bounded by bytes, one generation, what may be stored."""

from __future__ import annotations

import gzip

import brotli
import pytest

from modelvs.web.encoding import BROTLI, GZIP, IDENTITY
from modelvs.web.response_cache import ResponseCache, etag_matches, make_entry, normal_query, storable

PUBLIC = [(b"content-type", b"text/html; charset=utf-8"), (b"cache-control", b"public, max-age=300")]


def _entry(size: int) -> object:
    return make_entry(200, [(b"content-type", b"image/png")], b"x" * size, views_known=True, view_pair=None)


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
    cache.put("a", entry)
    before = cache.size
    cache.variant("a", entry, GZIP)
    assert cache.size == entry.size > before
    other = make_entry(200, PUBLIC, body, views_known=True, view_pair=None)
    cache.variant("not stored", other, GZIP)  # an entry outside the cache costs it nothing
    assert cache.size == entry.size


def test_bounded_by_bytes_least_recently_used_out() -> None:
    cache = ResponseCache(max_bytes=16 * 31_000)  # sixteen entries of 30 kB, headers included
    for key in range(16):
        cache.put(key, _entry(30_000))  # type: ignore[arg-type]
    assert len(cache) == 16
    assert cache.get(0) is not None  # now the most recently used
    cache.put(16, _entry(30_000))  # type: ignore[arg-type]
    cache.put(17, _entry(30_000))  # type: ignore[arg-type]
    assert cache.size <= cache.max_bytes
    assert len(cache) == 16
    assert cache.get(1) is None
    assert cache.get(2) is None
    assert cache.get(0) is not None
    cache.put("huge", _entry(cache.max_entry_bytes + 1))  # type: ignore[arg-type]
    assert cache.get("huge") is None
    cache.put(0, _entry(10))  # type: ignore[arg-type]  # replacing an entry re-counts its bytes
    assert cache.size == sum(e.size for k in range(18) if (e := cache.get(k)) is not None)


def test_a_new_generation_drops_every_entry() -> None:
    cache = ResponseCache()
    cache.enter(("v1", "2026-11-24", 1))
    cache.put("a", _entry(10))  # type: ignore[arg-type]
    cache.enter(("v1", "2026-11-24", 1))
    assert cache.get("a") is not None
    cache.enter(("v1", "2026-11-24", 2))
    assert cache.get("a") is None
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


@pytest.mark.parametrize(
    ("raw", "normal"),
    [
        (b"", b""),
        (b"b=2&a=1", b"a=1&b=2"),
        (b"capability=tools&a=1&capability=vision", b"a=1&capability=tools&capability=vision"),
        (b"input=1%6b&q=a+b", b"input=1k&q=a+b"),
        (b"q=a%20b", b"q=a+b"),
        (b"flag&x=", b"flag=&x="),
        (b"q=%E2%9C%93", b"q=%E2%9C%93"),
        (b"q=%ff", b"q=%EF%BF%BD"),  # what Starlette decodes it to, re-encoded
    ],
)
def test_normal_query(raw: bytes, normal: bytes) -> None:
    assert normal_query(raw) == normal
    assert normal_query(normal) == normal


def test_etag_matches_weakly() -> None:
    tag = b'W/"abc"'
    assert etag_matches(b'W/"abc"', tag)
    assert etag_matches(b'"abc"', tag)
    assert etag_matches(b'"x", W/"abc"', tag)
    assert etag_matches(b"*", tag)
    assert not etag_matches(b'"abcd"', tag)
    assert not etag_matches(b"", tag)
