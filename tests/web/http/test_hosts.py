"""Absolute links: from the base URL, else from a trusted Host only; never X-Forwarded-*."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from modelvs.catalog import Catalog
from modelvs.web import create_app
from modelvs.web.http.hosts import (
    HostConfigError,
    SiteHosts,
    check_base_url,
    hosts_from_env,
    parse_trusted_hosts,
)
from tests.web.conftest import REFERENCE, TODAY
from tests.web.html import parse

PAGE = f"/compare/{REFERENCE}"
BASE = "https://modelvs.example"
ATOM = "{http://www.w3.org/2005/Atom}"
HOSTILE = {"Host": "evil.example", "X-Forwarded-Proto": "https", "X-Forwarded-Host": "evil.example"}


@pytest.fixture(scope="module")
def bare(catalog: Catalog) -> Starlette:
    return create_app(catalog, today=TODAY)


@pytest.fixture(scope="module")
def based(catalog: Catalog) -> Starlette:
    return create_app(catalog, today=TODAY, base_url=BASE + "/")


def _links(client: TestClient, headers: dict[str, str]) -> list[str]:
    """Every absolute link the site writes: canonical, og:url, sitemap, robots.txt, Atom feed."""
    doc = parse(client.get(PAGE, headers=headers).text)
    links = [doc.find("link", rel="canonical").attrs["href"] or ""]
    links.append(doc.find("meta", property="og:url").attrs["content"] or "")
    sitemap = ET.fromstring(client.get("/sitemap.xml", headers=headers).content)
    links += [e.text or "" for e in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")][:20]
    robots = client.get("/robots.txt", headers=headers).text
    links += [line.split(" ", 1)[1] for line in robots.splitlines() if line.startswith("Sitemap:")]
    feed = ET.fromstring(client.get("/changes.atom", headers=headers).content)
    links += [e.get("href") or "" for e in feed.iter(f"{ATOM}link")][:20]
    return links


def test_the_base_url_decides_every_absolute_link(based: Starlette) -> None:
    client = TestClient(based)
    for headers in ({}, HOSTILE, {"Host": "127.0.0.1:8000"}):
        links = _links(client, headers)
        assert len(links) > 10
        assert all(link.startswith(BASE + "/") for link in links), links


def test_without_a_base_url_an_untrusted_host_never_reaches_a_link(bare: Starlette) -> None:
    links = _links(TestClient(bare), HOSTILE)
    assert all(link.startswith("http://localhost/") for link in links), links
    assert not any("evil" in link or link.startswith("https:") for link in links)


def test_a_trusted_host_is_used_with_its_port(bare: Starlette) -> None:
    links = _links(TestClient(bare), {"Host": "127.0.0.1:8000", "X-Forwarded-Proto": "https"})
    assert all(link.startswith("http://127.0.0.1:8000/") for link in links), links


def test_each_host_has_its_own_cached_page(bare: Starlette) -> None:
    client = TestClient(bare)
    for host in ("localhost:8000", "127.0.0.1:8000", "localhost:8000"):
        doc = parse(client.get(PAGE, headers={"Host": host}).text)
        assert doc.find("link", rel="canonical").attrs["href"] == f"http://{host}{PAGE}"


def test_configured_and_wildcard_trusted_hosts(catalog: Catalog) -> None:
    app = create_app(catalog, today=TODAY, trusted_hosts=["modelvs.test", "*.modelvs.test"])
    client = TestClient(app)
    for host, root in [
        ("modelvs.test", "http://modelvs.test"),
        ("www.modelvs.test", "http://www.modelvs.test"),
        ("evilmodelvs.test", "http://modelvs.test"),
        ("localhost", "http://modelvs.test"),  # not in this list
    ]:
        text = client.get("/robots.txt", headers={"Host": host}).text
        assert f"Sitemap: {root}/sitemap.xml" in text, host


def test_host_dependent_bodies_stay_out_of_shared_caches(bare: Starlette, based: Starlette) -> None:
    client = TestClient(bare)
    assert client.get(PAGE).headers["cache-control"].startswith("private")
    assert "s-maxage" not in client.get("/sitemap.xml").headers["cache-control"]
    assert (
        client.get("/api/v1/models?limit=1").headers["cache-control"].startswith("public")
    )  # relative links
    assert TestClient(based).get(PAGE).headers["cache-control"].startswith("public")


def test_origin_rules() -> None:
    hosts = SiteHosts(None, ("example.com",))
    scope = {"scheme": "http", "headers": [(b"host", b"EXAMPLE.com:8080")], "server": ("10.0.0.1", 9000)}
    assert hosts.origin(scope) == "http://example.com:8080"
    for bad in (b"example.com.evil", b"example.com:99999", b"exa mple.com", b"", b"example.com@evil"):
        scope = {"scheme": "http", "headers": [(b"host", bad)], "server": ("10.0.0.1", 9000)}
        assert hosts.origin(scope) == "http://example.com:9000", bad
    scope = {"scheme": "https", "headers": [], "server": ("10.0.0.1", 443)}
    assert hosts.origin(scope) == "https://example.com"
    assert SiteHosts(None, ("[::1]",)).origin({"scheme": "http", "headers": [(b"host", b"[::1]:80")]}) == (
        "http://[::1]:80"
    )


@pytest.mark.parametrize(
    "url", ["modelvs.example", "ftp://x", "https://x/?q=1", "https://x/#a", "https://a b"]
)
def test_bad_base_urls_are_refused(url: str) -> None:
    with pytest.raises(HostConfigError, match="base URL"):
        check_base_url(url)


def test_trusted_hosts_parse() -> None:
    assert parse_trusted_hosts(None) == ("localhost", "127.0.0.1")
    assert parse_trusted_hosts(" A.example , *.b.example,") == ("a.example", "*.b.example")
    with pytest.raises(HostConfigError, match="without scheme or port"):
        parse_trusted_hosts("example.com:8000")
    with pytest.raises(HostConfigError):
        parse_trusted_hosts(["https://example.com"])
    env = {"MODELVS_BASE_URL": "https://m.example/", "MODELVS_TRUSTED_HOSTS": "m.example"}
    assert hosts_from_env(env) == ("https://m.example", ("m.example",))
    assert hosts_from_env({}) == (None, ("localhost", "127.0.0.1"))
