"""The response cache and the headers every response leaves with, through the real app."""

from __future__ import annotations

import gzip
import threading
from collections.abc import Iterator, Mapping
from datetime import date

import brotli
import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from modelvs.catalog import Catalog
from modelvs.catalog.pairs import pair_slug
from modelvs.storage import MemoryStore, StoreError, ViewStore
from modelvs.storage.dedupe import PER_ADDRESS
from modelvs.web import create_app
from modelvs.web.http.headers import CONTENT_SECURITY_POLICY
from modelvs.web.http.response_cache import ResponseCache
from tests.web.conftest import REFERENCE, TODAY
from tests.web.html import parse

PAGE = f"/compare/{REFERENCE}"
PERSON = {"User-Agent": "Mozilla/5.0 (X11; Linux x86_64) Firefox/130.0"}
BOT = {"User-Agent": "Googlebot/2.1 (+http://www.google.com/bot.html)"}


def _app(catalog: Catalog, store: ViewStore | None = None, **kw: object) -> Starlette:
    return create_app(catalog, store=store or MemoryStore(), today=TODAY, popular_ttl=0, **kw)


@pytest.fixture
def app(catalog: Catalog) -> Iterator[Starlette]:
    app = _app(catalog)
    yield app
    app.state.views.close()


@pytest.fixture
def client(app: Starlette) -> TestClient:
    return TestClient(app, follow_redirects=False, headers=PERSON)


def _cache(app: Starlette) -> ResponseCache:
    cache: ResponseCache = app.state.response_cache
    return cache


def test_a_hit_sends_the_stored_bytes_with_no_template_work(
    app: Starlette, client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = client.get(PAGE, headers={"Accept-Encoding": "gzip"})
    assert first.status_code == 200
    assert _cache(app).misses == 1

    def no_templates(name: str) -> None:
        raise AssertionError(f"a cache hit rendered {name}")

    monkeypatch.setattr(app.state.web.env, "get_template", no_templates)
    again = client.get(PAGE, headers={"Accept-Encoding": "gzip"})
    assert again.status_code == 200
    assert again.content == first.content
    assert again.headers["etag"] == first.headers["etag"]
    assert again.headers["content-length"] == first.headers["content-length"]
    assert _cache(app).hits == 1


@pytest.mark.parametrize(
    ("accept", "coding"),
    [
        ("gzip", "gzip"),
        ("br", "br"),
        ("gzip, deflate, br, zstd", "br"),  # what browsers send: the smallest we have
        ("gzip;q=1, br;q=0.5", "gzip"),
        ("br;q=0", None),
        ("gzip;q=0, br;q=0", None),
        ("identity", None),
        ("*", "br"),
        ("*;q=0, identity", None),
        ("x-gzip", "gzip"),
        (None, None),
    ],
)
def test_the_client_gets_the_coding_it_accepts(
    client: TestClient, accept: str | None, coding: str | None
) -> None:
    plain = client.get(PAGE, headers={"Accept-Encoding": "identity"})
    headers = {"Accept-Encoding": accept} if accept is not None else {}
    with client.stream("GET", PAGE, headers=headers) as response:
        raw = b"".join(response.iter_raw())
    if accept is None:
        # httpx always sends an Accept-Encoding; None here means its default list.
        assert response.headers.get("content-encoding") in ("gzip", "br")
        return
    assert response.headers.get("content-encoding") == coding
    assert int(response.headers["content-length"]) == len(raw)
    decoded = {"gzip": gzip.decompress, "br": brotli.decompress, None: bytes}[coding](raw)
    assert decoded == plain.content
    if coding is not None:
        assert len(raw) < len(plain.content) / 3


def test_head_and_304_come_from_the_same_entry(app: Starlette, client: TestClient) -> None:
    get = client.get(PAGE, headers={"Accept-Encoding": "br"})
    head = client.head(PAGE, headers={"Accept-Encoding": "br"})
    assert head.status_code == 200
    assert head.content == b""
    for name in ("etag", "content-length", "content-encoding", "content-type", "cache-control"):
        assert head.headers[name] == get.headers[name]
    tag = get.headers["etag"]
    for inm in (tag, f'W/"nope", {tag}', tag.removeprefix("W/"), "*"):
        cached = client.get(PAGE, headers={"If-None-Match": inm})
        assert cached.status_code == 304, inm
        assert cached.content == b""
        assert cached.headers["etag"] == tag
        assert cached.headers.get_list("vary") == ["Accept-Encoding"]
    assert client.get(PAGE, headers={"If-None-Match": 'W/"other"'}).status_code == 200
    assert _cache(app).misses == 1


def test_a_first_conditional_request_is_answered_304_and_primes_the_cache(
    app: Starlette, client: TestClient, catalog: Catalog
) -> None:
    tag = TestClient(_app(catalog)).get(PAGE).headers["etag"]  # the same page on another instance
    assert client.get(PAGE, headers={"If-None-Match": tag}).status_code == 304
    assert client.get(PAGE).status_code == 200
    assert _cache(app).hits == 1


def test_equivalent_queries_share_one_entry(app: Starlette, client: TestClient) -> None:
    a = client.get(f"{PAGE}?requests=2M&input=1k")
    b = client.get(f"{PAGE}?input=1k&requests=2M")
    c = client.get(f"{PAGE}?input=1%6b&requests=2M")
    assert a.status_code == b.status_code == c.status_code == 200
    assert a.content == b.content == c.content
    assert _cache(app).misses == 1
    assert client.get(f"{PAGE}?input=2k&requests=2M").content != a.content


@pytest.mark.parametrize(
    "url",
    [
        "/models/nope-nope",  # 404
        f"{PAGE}?requests=lots",  # 422
        "/compare/nope-vs-nada/fragment",  # a fragment with an error
        "/api/v1/models/nope-nope",
    ],
)
def test_errors_are_not_stored(app: Starlette, client: TestClient, url: str) -> None:
    assert client.get(url).status_code >= 400
    assert client.get(url).status_code >= 400
    assert len(_cache(app)) == 0
    assert _cache(app).misses == 2


def test_permanent_redirects_are_stored(app: Starlette, client: TestClient) -> None:
    for _ in range(2):
        moved = client.get("/compare/gpt-4o/gemini-2.5-pro")
        assert moved.status_code == 301
        assert moved.headers["location"].startswith("/compare/")
    assert _cache(app).hits == 1


def test_a_response_that_is_not_stored_is_still_compressed_once(app: Starlette, client: TestClient) -> None:
    with client.stream("GET", "/compare", headers={"Accept-Encoding": "gzip"}) as response:
        raw = b"".join(response.iter_raw())
    assert response.status_code == 200
    assert response.headers["content-encoding"] == "gzip"
    assert b"<form" in gzip.decompress(raw)
    assert len(_cache(app)) == 0  # no Cache-Control: public from the app, so not stored


def test_the_cache_is_bounded_by_bytes(catalog: Catalog) -> None:
    app = _app(catalog, cache_bytes=2 * 2**20)
    client = TestClient(app, headers=PERSON)
    for n in range(40):
        assert client.get(f"{PAGE}?requests={1000 + n}").status_code == 200
    cache = _cache(app)
    assert 0 < cache.size <= 2 * 2**20
    assert 0 < len(cache) < 40
    assert client.get(f"{PAGE}?requests=1039").status_code == 200  # the newest stayed
    assert cache.hits == 1
    app.state.views.close()


URLS = [PAGE, "/", "/api/v1/models?limit=2", "/static/site.css", "/models/nope-nope", "/robots.txt"]


@pytest.mark.parametrize("url", URLS)
def test_every_response_has_the_security_headers_and_one_vary(client: TestClient, url: str) -> None:
    for response in (client.get(url), client.get(url), client.head(url), client.post(url)):
        headers = response.headers
        assert headers["content-security-policy"] == CONTENT_SECURITY_POLICY
        assert "frame-ancestors 'none'" in CONTENT_SECURITY_POLICY
        assert "script-src 'self'" in CONTENT_SECURITY_POLICY
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "strict-origin-when-cross-origin"
        assert headers.get_list("vary") == ["Accept-Encoding"]


@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "OPTIONS"])
def test_405_says_what_is_allowed(client: TestClient, url: str, method: str) -> None:
    response = client.request(method, url)
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, HEAD"


def _reader(app: Starlette, address: str, agent: str = PERSON["User-Agent"]) -> TestClient:
    reader = TestClient(app, client=(address, 40_000))
    reader.headers["User-Agent"] = agent  # in place of the test client's own
    return reader


def test_views_are_counted_on_hits_once_per_reader_and_not_for_bots(catalog: Catalog) -> None:
    store = MemoryStore()
    app = _app(catalog, store)
    first, second, third = (_reader(app, f"192.0.2.{n}") for n in (1, 2, 3))
    assert first.get(PAGE).status_code == 200  # the miss
    assert second.get(PAGE).status_code == 200  # a hit
    first.get(PAGE, headers=BOT)
    etag = second.get(PAGE).headers["etag"]
    third.get(PAGE, headers={"If-None-Match": etag})  # a 304 is a view too
    _reader(app, "192.0.2.4").head(PAGE)
    _reader(app, "192.0.2.5").get(f"{PAGE}/fragment")  # not a page view
    assert app.state.views.flush()
    assert store.counts(5) == [(REFERENCE, 4)]
    assert _cache(app).misses == 2  # the page and its fragment
    app.state.views.close()


def test_a_burst_from_one_reader_is_one_view(catalog: Catalog) -> None:
    """500 requests of one page from one client count once that day; a rotating user agent from one
    address counts a few times at most."""
    store = MemoryStore()
    app = _app(catalog, store)
    reader = _reader(app, "198.51.100.7")
    for _ in range(500):
        reader.get(PAGE)
    for n in range(20):
        _reader(app, "198.51.100.8", f"Mozilla/5.0 Firefox/{n}").get(PAGE)
    assert app.state.views.flush()
    assert store.counts(5) == [(REFERENCE, 1 + PER_ADDRESS)]
    app.state.views.close()


def test_a_page_first_rendered_for_a_bot_still_counts_people(catalog: Catalog) -> None:
    store = MemoryStore()
    app = _app(catalog, store)
    client = TestClient(app)
    client.get(PAGE, headers=BOT)  # the render counted nothing: the entry cannot know the pair yet
    client.get(PAGE, headers=BOT)
    _reader(app, "192.0.2.1").get(PAGE)
    _reader(app, "192.0.2.2").get(PAGE)
    assert app.state.views.flush()
    assert store.counts(5) == [(REFERENCE, 2)]
    app.state.views.close()


def test_pages_follow_the_popular_list(catalog: Catalog) -> None:
    app = _app(catalog)
    client = TestClient(app, headers=PERSON)
    new_pair = pair_slug(catalog, "anthropic/claude-opus-4-7", "google/gemini-3.1-pro-preview")

    def popular() -> list[str]:
        section = parse(client.get("/").text).find("section", **{"aria-labelledby": "popular-h"})
        return [a.attrs["href"] or "" for a in section.find_all("a")]

    assert f"/compare/{new_pair}" not in popular()
    assert client.get(f"/compare/{new_pair}").status_code == 200
    assert app.state.views.flush()  # the counts are written and the popular list re-read
    assert popular()[0] == f"/compare/{new_pair}"
    app.state.views.close()


def test_a_failing_store_never_fails_a_page(catalog: Catalog) -> None:
    def absent() -> ViewStore:
        raise StoreError("the database is down")

    app = create_app(catalog, open_store=absent, today=TODAY)
    for n, url in enumerate((PAGE, "/", "/sitemap.xml", PAGE)):
        assert _reader(app, f"192.0.2.{n}").get(url).status_code == 200
    views = app.state.views
    assert not views.flush()
    assert views.failing
    assert views.pending == 2
    views.close(timeout=0)


def test_requests_never_call_the_store(catalog: Catalog) -> None:
    threads: list[str] = []

    class Watched(MemoryStore):
        def record_views(self, views: Mapping[tuple[str, date], int]) -> None:
            threads.append(threading.current_thread().name)
            super().record_views(views)

        def counts(self, limit: int) -> list[tuple[str, int]]:
            threads.append(threading.current_thread().name)
            return super().counts(limit)

    store = Watched()
    app = _app(catalog, store)
    for n, url in enumerate((PAGE, PAGE, "/", f"{PAGE}?requests=5M", "/sitemap.xml")):
        assert _reader(app, f"192.0.2.{n}").get(url).status_code == 200
    assert set(threads) <= {"modelvs-views"}  # only the writer thread, if it has run yet
    views = app.state.views
    assert views.flush()
    assert store.counts(5) == [(REFERENCE, 3)]
    views.close()
