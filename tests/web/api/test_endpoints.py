from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from modelvs.catalog import Catalog
from modelvs.engine.compare import compare, comparison_to_dict
from modelvs.engine.workload import DEFAULT_WORKLOAD
from tests.web.conftest import TODAY


def test_models_filters_and_pages(client: TestClient) -> None:
    body = client.get("/api/v1/models?lab=openai&capability=vision&min_context=100k&limit=5").json()
    assert body["limit"] == 5
    assert len(body["models"]) == 5
    assert body["total"] > 5
    assert all(m["lab"] == "openai" and m["context_window"] >= 100_000 for m in body["models"])
    nxt = client.get(
        f"/api/v1/models?lab=openai&capability=vision&min_context=100k&limit=5&offset={body['next_offset']}"
    )
    assert nxt.json()["models"][0]["id"] != body["models"][0]["id"]
    on_or = client.get("/api/v1/models?provider=openrouter&input_modality=image&limit=1000").json()
    assert on_or["total"] > 0
    assert all("image" in m["modalities_in"] for m in on_or["models"])


def test_model_and_providers(client: TestClient) -> None:
    view = client.get("/api/v1/models/gpt-4o-2024-11-20").json()
    assert view["id"] == "openai/gpt-4o-2024-11-20"
    assert view["routes"]
    assert client.get("/api/v1/models/openai/gpt-4o-2024-11-20").status_code == 404  # a slash is not a slug
    providers = client.get("/api/v1/providers").json()["providers"]
    assert any(p["id"] == "openrouter" and p["fees"] for p in providers)


def test_compare_is_the_cli_json(client: TestClient, catalog: Catalog) -> None:
    body = client.get("/api/v1/compare?models=gemini-3.1-pro-preview,gpt-4o-2024-11-20").json()
    ids = ["google/gemini-3.1-pro-preview", "openai/gpt-4o-2024-11-20"]
    assert body == comparison_to_dict(compare(catalog, ids, DEFAULT_WORKLOAD, TODAY))


def test_cost_and_rank(client: TestClient) -> None:
    cost = client.get("/api/v1/cost?model=gpt-4o-2024-11-20&requests=1M&input=800&output=250").json()
    openai = next(r for r in cost["routes"] if r["provider"]["id"] == "openai")
    assert openai["monthly_usd"] == "4500"
    ranked = client.get("/api/v1/rank?capability=reasoning&limit=3&offset=3").json()
    assert [m["rank"] for m in ranked["models"]] == [4, 5, 6]
    assert ranked["needs"] == "reasoning"


def test_search(client: TestClient) -> None:
    results = client.get("/api/v1/search?q=gemini 3.1 pro").json()["results"]
    assert results[0]["slug"] == "gemini-3.1-pro-preview"  # the most notable match first
    sonnet = client.get("/api/v1/search?q=sonnet").json()["results"][0]["name"]
    assert sonnet.startswith("Claude Sonnet")
    assert "3" not in sonnet  # never a Claude 3.x variant first
    rows = client.get("/api/v1/search.csv?q=gpt 5.5").text.splitlines()
    assert rows[1].startswith("openai/gpt-5.5,gpt-5.5,GPT-5.5,")
    assert client.get("/api/v1/search?q=").json()["results"] == []


def test_unknown_model_is_404_with_suggestions(client: TestClient) -> None:
    for url in (
        "/api/v1/models/gpt-40-2024-11-20",
        "/api/v1/cost?model=gpt-40-2024-11-20",
        "/api/v1/compare?models=gpt-40-2024-11-20,gemini-3.1-pro-preview",
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        body = response.json()
        assert body["error"] == "unknown model"
        assert "openai/gpt-4o-2024-11-20" in body["suggestions"]


BAD = [
    "/api/v1/cost",
    "/api/v1/cost?model=gpt-4o&requests=-1",
    "/api/v1/cost?model=gpt-4o&requests=1e9",
    "/api/v1/cost?model=gpt-4o&requests=99999999999999999999",
    "/api/v1/cost?model=gpt-4o&input=1.5",
    "/api/v1/cost?model=gpt-4o&input=100&cached=200",
    "/api/v1/cost?model=gpt-4o&batch_share=2",
    "/api/v1/cost?model=gpt-4o&batch_share=NaN",
    "/api/v1/cost?model=gpt-4o&batch_share=Infinity%25",
    "/api/v1/cost?model=gpt-4o&output=%00",
    "/api/v1/cost?model=gpt-4o&reasoning=%F0%9F%92%A5",
    "/api/v1/compare",
    "/api/v1/compare?models=gpt-4o",
    "/api/v1/compare?models=gpt-4o,gpt-4o",
    "/api/v1/compare?models="
    + ",".join(
        [
            "gpt-4o",
            "gpt-4.1",
            "o3",
            "o1",
            "gpt-5",
            "gpt-5-mini",
            "gpt-5-nano",
            "gpt-4o-mini",
            "gpt-4.1-mini",
            "o3-mini",
            "o4-mini",
        ]
    ),
    "/api/v1/compare?models=" + "x" * 500,
    "/api/v1/rank?capability=telepathy",
    "/api/v1/rank?min_context=lots",
    "/api/v1/rank?input_modality=smell",
    "/api/v1/rank?limit=0",
    "/api/v1/rank?limit=abc",
    "/api/v1/models?limit=100000",
    "/api/v1/models?offset=-3",
    "/api/v1/models?lab=%3Cscript%3E",
    "/api/v1/models?provider=nope",
    "/api/v1/search?q=x&limit=9999",
]


@pytest.mark.parametrize("url", BAD)
def test_bad_parameters_are_422_json(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 422, (url, response.text[:300])
    body = response.json()
    assert set(body) >= {"error", "detail"}
    assert body["detail"]


@pytest.mark.parametrize(
    "url",
    [
        "/compare/%3Cscript%3E-vs-%3Cb%3E",
        "/compare/-vs-",
        "/compare/a-vs-b-vs-c",
        "/compare/" + "gpt-4o-vs-" * 40,
        "/compare?models=,,,",
        "/compare?models=gpt-4o,gemini-2.5-pro&requests=%F0%9F%92%A5",
        "/models/%00",
        "/models/" + "z" * 5000,
        "/calculator?min_context=-1",
        "/calculator?page=0",
        "/api/v1/search?q=" + "%F0%9F%92%A5" * 100,
        "/api/v1/rank?requests=0",
    ],
)
def test_hostile_inputs_never_500(client: TestClient, url: str) -> None:
    assert client.get(url).status_code in (200, 301, 404, 422)


def test_every_list_has_a_csv_twin_with_the_same_rows(client: TestClient) -> None:
    import csv
    import io

    cases = {
        "/api/v1/models?lab=openai&limit=7": ("models", "id"),
        "/api/v1/providers": ("providers", "id"),
        "/api/v1/rank?capability=vision&limit=5": ("models", "rank"),
        "/api/v1/cost?model=gpt-4o-2024-11-20": ("routes", "route"),
        "/api/v1/search?q=gemini": ("results", "id"),
    }
    for url, (key, column) in cases.items():
        path, _, query = url.partition("?")
        as_csv = client.get(f"{path}.csv?{query}")
        assert as_csv.status_code == 200, url
        assert as_csv.headers["content-type"].startswith("text/csv")
        rows = list(csv.DictReader(io.StringIO(as_csv.text)))
        items = client.get(url).json()[key]
        assert len(rows) == len(items) > 0, url
        assert rows[0][column] == str(items[0][column]), url


def test_models_csv_refuses_bad_parameters_as_json(client: TestClient) -> None:
    response = client.get("/api/v1/models.csv?sort=nope")
    assert response.status_code == 422
    assert response.json()["param"] == "sort"


def test_on_prices_another_day_and_refuses_a_day_before_the_release(client: TestClient) -> None:
    today = client.get("/api/v1/cost?model=gpt-4o-2024-11-20").json()
    assert today["on"] == "2026-11-24"
    earlier = client.get("/api/v1/cost?model=gpt-4o-2024-11-20&on=2025-01-01").json()
    assert earlier["on"] == "2025-01-01"
    for url in (
        "/api/v1/cost?model=gpt-4o-2024-11-20&on=2023-01-01",
        "/api/v1/models/gpt-4o-2024-11-20?on=2023-01-01",
        "/api/v1/compare?models=gpt-4o-2024-11-20,gpt-5.5&on=2023-01-01",
    ):
        response = client.get(url)
        assert response.status_code == 422, url
        body = response.json()
        assert body["param"] == "on"
        assert "was released on 2024-11-20" in body["detail"]
    bad = client.get("/api/v1/rank?on=20261124")
    assert bad.status_code == 422
    assert "YYYY-MM-DD" in bad.json()["detail"]
    past = client.get("/api/v1/rank?on=2024-06-01&limit=1000").json()
    assert "openai/gpt-4o-2024-11-20" not in {m["model"]["id"] for m in past["models"]}


def test_models_index_filters_sort_and_prices(client: TestClient) -> None:
    body = client.get("/api/v1/models?lab=openai&capability=vision&sort=-lab_input&limit=3").json()
    inputs = [m["lab_route"]["input_usd_per_1m"] for m in body["models"] if m["lab_route"]]
    assert inputs == sorted(inputs, key=float, reverse=True)
    assert body["total"] > 3
    assert body["next_offset"] == 3
    assert all(m["lab"] == "openai" and "vision" in m["capabilities"] for m in body["models"])
