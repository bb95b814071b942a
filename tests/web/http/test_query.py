"""The query parameters each route reads; others are dropped before the app sees them."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

import pytest
from starlette.testclient import TestClient

from modelvs.catalog import Catalog
from modelvs.web import create_app
from modelvs.web.app import STATIC_PATH
from modelvs.web.http.query import QueryPolicy
from modelvs.web.http.response_cache import ResponseCache
from modelvs.web.routes import ROUTES
from tests.web.conftest import TODAY
from tests.web.html import parse

POLICY = QueryPolicy(ROUTES, [(STATIC_PATH, "static")])
BY_NAME = {spec.name: spec for spec in ROUTES}


def test_every_route_says_which_parameters_it_reads() -> None:
    for spec in ROUTES:
        if spec.api or spec.params:  # what /openapi.json documents
            assert spec.accepted == {p.name for p in spec.params if p.where == "query"}
            assert spec.query == ()
        else:
            assert spec.accepted == set(spec.query)
    workload = {"requests", "input", "output", "cached", "reasoning", "batch_share"}
    assert BY_NAME["compare"].accepted == workload
    assert BY_NAME["home"].accepted == frozenset()


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("/", "home"),
        ("/compare/a-vs-b", "compare"),
        ("/compare/a-vs-b/fragment", "compare_pair_fragment"),
        ("/compare", "compare_many"),
        ("/models/gpt-4o", "model"),
        ("/api/v1/models/gpt-4o", "api_model"),
        ("/api/v1/search.csv", "api_search_csv"),
        ("/static/site.css", "static"),
    ],
)
def test_a_path_finds_its_route(path: str, name: str) -> None:
    found = POLICY.route(path)
    assert found is not None
    assert found[0] == name
    assert POLICY.route(path + "/") is None or path in ("/", "/static/site.css")


@pytest.mark.parametrize(
    ("raw", "normal"),
    [
        (b"", b""),
        (b"output=2&input=1", b"input=1&output=2"),
        (b"junk=1&input=1&pad=" + b"x" * 30_000, b"input=1"),
        (b"models=a,b&capability=tools", b"models=a%2Cb"),
        (b"input=1%6b&utm_source=x", b"input=1k"),
        (b"models=a%20b", b"models=a+b"),
        (b"input&output=", b"input=&output="),
        (b"models=%E2%9C%93", b"models=%E2%9C%93"),
        (b"models=%ff", b"models=%EF%BF%BD"),  # what Starlette decodes it to, re-encoded
    ],
)
def test_a_query_keeps_what_its_route_reads_in_one_order(raw: bytes, normal: bytes) -> None:
    names = BY_NAME["compare_many"].accepted
    assert QueryPolicy.normal(raw, names) == normal
    assert QueryPolicy.normal(normal, names) == normal


def test_values_of_one_name_keep_their_order() -> None:
    names = BY_NAME["calculator"].accepted
    assert QueryPolicy.normal(b"capability=tools&a=1&capability=vision", names) == (
        b"capability=tools&capability=vision"
    )


PAGES = (
    "/",
    "/compare/gemini-3.1-pro-preview-vs-gpt-4o-2024-11-20",
    "/compare?models=claude-sonnet-4-6,gemini-3.1-pro-preview,gpt-4o-2024-11-20",
    "/models",
    "/models/gpt-4o-2024-11-20",
    "/providers/openai",
    "/calculator",
    "/changes",
    "/methodology",
)


@pytest.mark.parametrize("url", PAGES)
def test_no_link_or_form_of_a_page_uses_a_parameter_its_target_drops(client: TestClient, url: str) -> None:
    """What the site links to or submits reaches the page it names: a parameter added to a form
    or a link must be added to the target's list too."""
    doc = parse(client.get(url).text)
    used: list[tuple[str, str]] = []
    for link in doc.find_all("a"):
        href = link.attrs.get("href") or ""
        target = urlsplit(href)
        if href.startswith("/") and target.query:
            used += [(target.path, name) for name, _ in parse_qsl(target.query, keep_blank_values=True)]
    for form in doc.find_all("form"):
        action = urlsplit(form.attrs.get("action") or url).path
        for field in (n for tag in ("input", "select", "textarea") for n in form.find_all(tag)):
            if field.attrs.get("name"):
                used.append((action, str(field.attrs["name"])))
    assert used, url  # every page here links or submits something with parameters
    dropped = sorted({(path, name) for path, name in used if name not in _reads(path)})
    assert dropped == []


def _reads(path: str) -> frozenset[str]:
    found = POLICY.route(path)
    assert found is not None, path
    return found[1]


def test_a_parameter_no_page_reads_is_answered_from_the_page_without_it(client: TestClient) -> None:
    page = "/compare/gemini-3.1-pro-preview-vs-gpt-4o-2024-11-20?requests=2M"
    plain = client.get(page)
    cache: ResponseCache = client.app.state.response_cache  # type: ignore[attr-defined]
    before = (len(cache), cache.misses)
    for n in range(50):
        junk = client.get(f"{page}&junk={n}&utm_source=x&pad={'x' * 2_000}")
        assert junk.status_code == 200
        assert junk.content == plain.content
    assert (len(cache), cache.misses) == before  # the same entry, rendered once


@pytest.mark.parametrize("host", ["evil.example", "127.0.0.1:8000"])
def test_a_trailing_slash_redirects_without_the_host(host: str, client: TestClient) -> None:
    moved = client.get("/models/?q=gpt", headers={"Host": host}, follow_redirects=False)
    assert moved.status_code == 301
    assert moved.headers["location"] == "/models?q=gpt"
    assert client.get("/nothing-here/", follow_redirects=False).status_code == 404


def test_a_configured_base_url_names_the_redirect(catalog: Catalog) -> None:
    based = TestClient(create_app(catalog, today=TODAY, base_url="https://modelvs.example"))
    moved = based.get("/calculator/", headers={"Host": "evil.example"}, follow_redirects=False)
    assert moved.headers["location"] == "https://modelvs.example/calculator"
