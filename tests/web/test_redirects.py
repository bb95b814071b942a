from __future__ import annotations

import re

import pytest
from starlette.testclient import TestClient

from tests.web.conftest import REFERENCE
from tests.web.html import parse

CANONICAL = f"/compare/{REFERENCE}"


@pytest.mark.parametrize(
    "url",
    [
        "/compare/gpt-4o-2024-11-20-vs-gemini-3.1-pro-preview",
        "/compare/gemini-3.1-pro-preview/gpt-4o-2024-11-20",
        "/compare/gpt-4o-2024-11-20/gemini-3.1-pro-preview",
        "/compare/Gemini 3.1 Pro Preview-vs-gpt-4o-2024-11-20",
        "/compare/gemini_3.1_pro_preview-vs-GPT-4o 2024.11.20",
        "/compare?models=gpt-4o-2024-11-20,gemini-3.1-pro-preview",
        "/compare?models=google/gemini-3.1-pro-preview,openai/gpt-4o-2024-11-20",
    ],
)
def test_other_spellings_answer_301_to_the_canonical_url(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 301
    assert response.headers["location"] == CANONICAL


def test_workload_query_survives_the_redirect(client: TestClient) -> None:
    response = client.get("/compare/gpt-4o-2024-11-20/gemini-3.1-pro-preview?requests=5k&junk=1")
    assert response.headers["location"] == f"{CANONICAL}?requests=5k"


def test_many_models_canonical_order(client: TestClient) -> None:
    response = client.get("/compare?models=gpt-4o,claude-opus-4-7,gpt-4o,gemini-2.5-pro&requests=10")
    assert response.status_code == 301
    assert response.headers["location"] == "/compare?models=claude-opus-4-7,gemini-2.5-pro,gpt-4o&requests=10"


def test_unknown_slug_is_404_with_suggestions(client: TestClient) -> None:
    response = client.get("/compare/gpt-40-2024-11-20-vs-gemini-3.1-pro-preview")
    assert response.status_code == 404
    doc = parse(response.text)
    hrefs = [a.attrs["href"] for a in doc.find("main").find_all("a")]
    assert CANONICAL in hrefs
    assert "/models/gpt-4o-2024-11-20" in hrefs
    assert doc.find("meta", name="robots").attrs["content"] == "noindex"


def test_unknown_model_page_suggests(client: TestClient) -> None:
    response = client.get("/models/gpt-40-2024-11-20")
    assert response.status_code == 404
    assert "/models/gpt-4o-2024-11-20" in response.text


def test_model_alias_redirects(client: TestClient) -> None:
    response = client.get("/models/GPT-4o 2024.11.20")
    assert response.status_code == 301
    assert response.headers["location"] == "/models/gpt-4o-2024-11-20"


def test_same_model_twice_goes_to_its_page(client: TestClient) -> None:
    response = client.get("/compare/gpt-4o/gpt-4o")
    assert response.status_code == 301
    assert response.headers["location"] == "/models/gpt-4o"


@pytest.mark.parametrize(
    ("typed", "location"),
    [
        ("opus 4.7", "/models/claude-opus-4-7"),
        ("claude sonnet", r"/models/claude-sonnet-[0-9-]+"),
        ("gpt-5.5 vs claude opus 4.7", r"/compare/claude-opus-4-7-vs-gpt-5\.5"),
        ("GPT 5.5 VS opus 4.7", r"/compare/claude-opus-4-7-vs-gpt-5\.5"),
        ("opus 4.7, gpt 5.5", r"/compare/claude-opus-4-7-vs-gpt-5\.5"),
        ("gemini 3.1 pro", r"/models/gemini-3\.1-pro-preview"),
    ],
)
def test_the_header_search_lands_on_a_page(client: TestClient, typed: str, location: str) -> None:
    response = client.get("/compare", params={"models": typed})
    assert response.status_code == 301
    assert re.fullmatch(location, response.headers["location"]), response.headers["location"]


@pytest.mark.parametrize(
    "typed", ["opus 4.7", "claude sonnet", "deepseek", "gemini 3.1 pro", "gpt-4o", "kimi"]
)
def test_the_header_search_goes_where_its_first_suggestion_goes(client: TestClient, typed: str) -> None:
    [first, *_] = client.get("/api/v1/search", params={"q": typed}).json()["results"]
    response = client.get("/compare", params={"models": typed})
    assert response.headers["location"] == first["url"]


def test_a_name_nothing_matches_gets_a_page_with_somewhere_to_go(client: TestClient) -> None:
    response = client.get("/compare", params={"models": "zzqx"})
    assert response.status_code == 404
    doc = parse(response.text)
    links = [a.attrs["href"] for a in doc.find("main").find_all("a") if "/models/" in (a.attrs["href"] or "")]
    assert len(links) >= 5
    close = parse(client.get("/compare", params={"models": "gpt-40-2024-11-20"}).text)
    assert "/models/gpt-4o-2024-11-20" in [a.attrs["href"] for a in close.find("main").find_all("a")]
