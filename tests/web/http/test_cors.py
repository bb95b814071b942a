"""Any origin may read the API from a browser; pages stay same-origin."""

from __future__ import annotations

from starlette.testclient import TestClient

ORIGIN = {"Origin": "https://elsewhere.example"}


def test_api_answers_allow_any_origin_cached_or_not(client: TestClient) -> None:
    for _ in range(2):  # the second answer comes from the response cache
        response = client.get("/api/v1/models/gpt-4o-2024-11-20", headers=ORIGIN)
        assert response.status_code == 200
        assert response.headers["access-control-allow-origin"] == "*"
        assert "ETag" in response.headers["access-control-expose-headers"]
    assert client.get("/openapi.json").headers["access-control-allow-origin"] == "*"
    assert client.get("/api/v1/nope").headers["access-control-allow-origin"] == "*"


def test_preflight_names_the_methods_and_the_validator_header(client: TestClient) -> None:
    response = client.options(
        "/api/v1/cost?model=gpt-4o", headers={**ORIGIN, "Access-Control-Request-Method": "GET"}
    )
    assert response.status_code == 204
    assert response.headers["access-control-allow-methods"] == "GET, HEAD, OPTIONS"
    assert response.headers["access-control-allow-headers"] == "If-None-Match"


def test_pages_carry_no_cors_header(client: TestClient) -> None:
    response = client.get("/methodology", headers=ORIGIN)
    assert response.status_code == 200
    assert "access-control-allow-origin" not in response.headers
    assert client.options("/methodology").status_code == 405
