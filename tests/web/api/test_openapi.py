from __future__ import annotations

import re

import jsonschema
import pytest
from openapi_spec_validator import validate
from starlette.testclient import TestClient

from modelvs.web.routes import ROUTES


def test_openapi_lists_every_api_route_and_parameter(client: TestClient) -> None:
    doc = client.get("/openapi.json").json()
    assert doc["openapi"].startswith("3.1")
    api = [r for r in ROUTES if r.path.startswith("/api/")]
    assert {r.path for r in api} == set(doc["paths"])
    for spec in api:
        op = doc["paths"][spec.path]["post" if "POST" in spec.methods else "get"]
        assert {p["name"] for p in op["parameters"]} == {p.name for p in spec.params}
        assert {"200", "422"} <= set(op["responses"])
        for name in re.findall(r"{(\w+)}", spec.path):
            assert any(p["name"] == name and p["in"] == "path" for p in op["parameters"])


def test_route_table_is_the_app(client: TestClient) -> None:
    paths = {getattr(r, "path", None) for r in client.app.routes}  # type: ignore[attr-defined]
    assert {r.path for r in ROUTES} <= paths
    names = [r.name for r in ROUTES]
    assert len(names) == len(set(names))
    for spec in ROUTES:
        if spec.exportable:
            assert spec.enumerate is not None, spec.name


# One request per API route (the path parameters filled, a few filters set): each 200 body must
# validate against the schema the document gives for it.
SAMPLES = {
    "api_search": ["/api/v1/search?q=gpt-4o&limit=5", "/api/v1/search?q=zzzzqqq"],
    "api_models": [
        "/api/v1/models",
        "/api/v1/models?lab=openai&capability=vision&sort=-context&limit=5&offset=2",
        "/api/v1/models?kind=embedding&status=current&max_input_price=0.1",
    ],
    "api_model": ["/api/v1/models/gpt-4o-2024-11-20", "/api/v1/models/claude-opus-4-7?on=2026-06-01"],
    "api_providers": ["/api/v1/providers"],
    "api_compare": [
        "/api/v1/compare?models=gemini-3.1-pro-preview,gpt-4o-2024-11-20",
        "/api/v1/compare?models=gpt-5.5,claude-opus-4-7,grok-4.3&requests=2M&cached=400&batch_share=50%25",
    ],
    "api_cost": ["/api/v1/cost?model=gpt-4o-2024-11-20", "/api/v1/cost?model=gpt-5.5&routes=all&input=300k"],
    "api_rank": [
        "/api/v1/rank?capability=vision&limit=3",
        "/api/v1/rank?kind=embedding&offset=5&on=2026-01-01",
    ],
}


def _validator(doc: dict[str, object], schema: dict[str, object]) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator({**schema, "components": doc["components"]})


def test_the_document_is_valid_openapi(client: TestClient) -> None:
    doc = client.get("/openapi.json").json()
    validate(doc)  # openapi-spec-validator: raises on an invalid document


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_every_200_response_validates_against_its_schema(client: TestClient, name: str) -> None:
    doc = client.get("/openapi.json").json()
    spec = next(s for s in ROUTES if s.name == name)
    schema = doc["paths"][spec.path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    for url in SAMPLES[name]:
        response = client.get(url)
        assert response.status_code == 200, (url, response.text[:300])
        errors = sorted(_validator(doc, schema).iter_errors(response.json()), key=str)
        assert errors == [], (url, [f"{list(e.path)}: {e.message}" for e in errors[:5]])


def test_every_json_api_route_has_a_sample_and_every_schema_forbids_unknown_keys(client: TestClient) -> None:
    doc = client.get("/openapi.json").json()
    gets = {s.name for s in ROUTES if s.api and s.media == "application/json" and s.body is None}
    assert gets == set(SAMPLES)
    page = _validator(doc, {"$ref": "#/components/schemas/ModelListPage"})
    body = client.get("/api/v1/models?limit=1").json()
    assert page.is_valid(body)
    body["models"][0]["surprise"] = 1
    assert not page.is_valid(body)  # a key the type does not declare fails: the schema is not loose


def test_each_answer_is_documented_by_the_type_its_route_declares(client: TestClient) -> None:
    doc = client.get("/openapi.json").json()
    for spec in ROUTES:
        if not spec.api:
            continue
        (operation,) = doc["paths"][spec.path].values()
        ok = operation["responses"]["200"]["content"]
        if spec.media == "text/csv":
            assert spec.response is None, spec.name
            assert set(ok) == {"text/csv"}, spec.name
        else:
            assert spec.response is not None, spec.name
            ref = ok["application/json"]["schema"]["$ref"]
            assert ref == f"#/components/schemas/{spec.response.__name__}", spec.name
            assert spec.response.__name__ in doc["components"]["schemas"]
    posted = doc["paths"]["/api/v1/reprice"]["post"]
    assert set(posted["responses"]) == {"200", "404", "413", "422"}
    assert "text/csv" in posted["requestBody"]["content"]


def test_limits_are_documented_and_enforced(client: TestClient) -> None:
    doc = client.get("/openapi.json").json()
    for spec in ROUTES:
        for p in spec.params:
            if spec.api and p.name == "limit":
                schema = next(x for x in doc["paths"][spec.path]["get"]["parameters"] if x["name"] == "limit")
                maximum = schema["schema"]["maximum"]
                assert schema["schema"]["minimum"] == 1
                base = spec.path.replace("{slug}", "gpt-4o")
                sep = "&" if "search" in base else "?"
                query = "?q=gpt" if "search" in base else ""
                assert client.get(f"{base}{query}{sep}limit={maximum}").status_code == 200, spec.path
                assert client.get(f"{base}{query}{sep}limit={maximum + 1}").status_code == 422, spec.path


def test_on_is_a_parameter_of_every_priced_endpoint(client: TestClient) -> None:
    doc = client.get("/openapi.json").json()
    for path in (
        "/api/v1/models",
        "/api/v1/models/{slug}",
        "/api/v1/compare",
        "/api/v1/cost",
        "/api/v1/rank",
    ):
        assert "on" in {p["name"] for p in doc["paths"][path]["get"]["parameters"]}, path
