"""`/reprice` and `POST /api/v1/reprice`: a posted log priced and answered, never stored."""

from __future__ import annotations

import jsonschema
import pytest
from starlette.testclient import TestClient

from modelvs.web.api import reprice as reprice_api
from modelvs.web.pages import reprice as reprice_web
from tests.usage.conftest import FIXTURES
from tests.web.html import parse

USAGE = (FIXTURES / "usage.csv").read_bytes()
HOSTILE = (
    b'date,provider,model,input_tokens,output_tokens\n2026-11-05,openai,"<script>alert(1)</script>",10,5\n'
)


def test_the_page_offers_a_form_that_works_without_javascript_and_says_nothing_is_kept(
    client: TestClient,
) -> None:
    response = client.get("/reprice")
    assert response.status_code == 200
    doc = parse(response.text)
    form = doc.find("form", id="reprice-form")
    assert (form.attrs["method"], form.attrs["action"], form.attrs["enctype"]) == (
        "post", "/reprice", "multipart/form-data",
    )  # fmt: skip
    assert doc.find("input", id="reprice-file").attrs["name"] == "file"
    assert doc.find("textarea", id="reprice-text").attrs["name"] == "text"
    assert "Nothing you upload is stored or logged" in doc.find("p", id="reprice-privacy").text
    assert any(a.attrs.get("href") == "/reprice" for a in doc.find("nav").find_all("a"))
    for node in doc.iter():  # the Content-Security-Policy allows no inline script, style or handler
        assert node.tag != "style"
        assert "style" not in node.attrs
        assert not [name for name in node.attrs if name.startswith("on")]
    assert all(
        s.attrs.get("src") for s in doc.find_all("script") if s.attrs.get("type") != "application/ld+json"
    )


def test_a_posted_file_comes_back_priced_and_is_not_kept(client: TestClient) -> None:
    cache = client.app.state.response_cache  # type: ignore[attr-defined]
    cached = len(cache)
    response = client.post(
        "/reprice",
        files={"file": ("usage.csv", USAGE, "text/csv")},
        data={"as": "claude-opus-4-7", "routes": "lab"},
    )
    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store"
    doc = parse(response.text)
    assert doc.find("dd", id="reprice-total").text == "$0.92"
    assert doc.find("dd", id="reprice-reported").text == "$0.32"
    assert doc.find("table", id="reprice-alternatives").text.count("Claude Opus 4.7") == 1
    assert doc.find("figure", id="chart-reprice-figure")
    asked = doc.find("input", id="reprice-as").attrs["value"]
    assert asked == "claude-opus-4-7"  # the form keeps what was asked
    assert doc.find("meta", name="robots").attrs["content"] == "noindex"
    assert len(cache) == cached  # a post's answer is never kept


def test_a_pasted_log_and_the_fragment_price_alike(client: TestClient) -> None:
    pasted = client.post("/reprice", data={"text": USAGE.decode(), "as": ""})
    assert pasted.status_code == 200
    assert parse(pasted.text).find("dd", id="reprice-total").text == "$0.92"
    fragment = client.post("/reprice/fragment", params={"as": "gpt-4o-2024-11-20"}, content=USAGE)
    assert fragment.status_code == 200
    assert fragment.headers["cache-control"] == "no-store"
    assert parse(fragment.text).find("dd", id="reprice-total").text == "$0.92"


def test_what_cannot_be_read_is_said_with_its_line_and_escaped(client: TestClient) -> None:
    empty = client.post("/reprice", data={"text": " "})
    assert empty.status_code == 422
    assert "choose a usage log" in empty.text
    bad = client.post(
        "/reprice", data={"text": "date,model,input_tokens,output_tokens\n2026-11-05,<b>m</b>,x1,2\n"}
    )
    assert bad.status_code == 422
    assert "line 2, field input_tokens: not a whole number: &#39;x1&#39;" in bad.text
    hostile = client.post("/reprice", files={"file": ("h.csv", HOSTILE, "text/csv")})
    assert hostile.status_code == 200
    assert "<script>alert(1)</script>" not in hostile.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in hostile.text
    fragment = client.post("/reprice/fragment", params={"as": "no-such-model-zz"}, content=USAGE)
    assert fragment.status_code == 404
    assert 'data-param="as"' in fragment.text


def test_the_api_answers_json_or_a_clear_error(client: TestClient) -> None:
    answer = client.post(
        "/api/v1/reprice", params={"as": ["claude-opus-4-7", "gpt-4o-2024-11-20"]}, content=USAGE
    )
    assert answer.status_code == 200
    assert answer.headers["cache-control"] == "no-store"
    assert 'models-dev="' in answer.headers["Modelvs-Sources-Refreshed"]  # like every API answer
    view = answer.json()
    assert (view["repriced_total"], [a["model"] for a in view["alternatives"]]) == (
        "0.92425", ["anthropic/claude-opus-4-7", "openai/gpt-4o-2024-11-20"],
    )  # fmt: skip
    unknown = client.post("/api/v1/reprice", params={"as": "no-such-model-zz"}, content=USAGE)
    assert (unknown.status_code, unknown.json()["param"]) == (404, "as")
    unreadable = client.post(
        "/api/v1/reprice", content=b"date,model,input_tokens,output_tokens\n2026-11-05,m,1\n"
    )
    assert unreadable.status_code == 422
    assert "line 2" in unreadable.json()["detail"]
    routes = client.post("/api/v1/reprice", params={"routes": "cheapest"}, content=USAGE)
    assert (routes.status_code, routes.json()["param"]) == (422, "routes")
    assert client.get("/api/v1/reprice").status_code == 405


def test_a_log_over_the_limit_is_refused_with_413(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    stated = client.post(
        "/api/v1/reprice", content=b"x", headers={"content-length": str(reprice_web.MAX_UPLOAD + 1)}
    )
    assert stated.status_code == 413
    monkeypatch.setattr(reprice_web, "MAX_UPLOAD", 100)
    monkeypatch.setattr(reprice_api, "MAX_UPLOAD", 100)
    monkeypatch.setattr(reprice_web, "MAX_FORM", 300)
    streamed = client.post("/api/v1/reprice", content=iter([USAGE[:80], USAGE[80:]]))
    assert (streamed.status_code, streamed.json()["error"]) == (413, "too large")
    page = client.post("/reprice", files={"file": ("usage.csv", USAGE, "text/csv")})
    assert page.status_code == 413
    assert "use `modelvs reprice FILE`" in page.text
    fragment = client.post("/reprice/fragment", content=USAGE)
    assert fragment.status_code == 413


def test_the_api_is_documented_and_answers_its_schema(client: TestClient) -> None:
    doc = client.get("/openapi.json").json()
    operation = doc["paths"]["/api/v1/reprice"]["post"]
    assert {p["name"] for p in operation["parameters"]} == {"as", "routes", "input_format", "columns"}
    assert {"200", "404", "413", "422"} <= set(operation["responses"])
    assert "text/csv" in operation["requestBody"]["content"]
    schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
    validator = jsonschema.Draft202012Validator({**schema, "components": doc["components"]})
    for name in ("usage.csv", "otel.json", "anthropic_usage.json", "ccusage.json"):
        body = client.post(
            "/api/v1/reprice", params={"as": "claude-opus-4-7"}, content=(FIXTURES / name).read_bytes()
        ).json()
        assert sorted(str(e.message) for e in validator.iter_errors(body)) == [], name
    body["surprise"] = 1
    assert not validator.is_valid(body)
