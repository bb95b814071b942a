"""The OpenAPI document and the server agree, operation by operation (the checks schemathesis runs:
status code conformance, content type and body conformance, positive data accepted, negative data
rejected), on values drawn from each parameter's published schema.

For every operation: a request with its required parameters; then each parameter in turn at every
kind of value its schema allows (each enum member, both ends of a range, each sample of a pattern)
and at values it does not allow (a member outside the enum, a number past a bound, a malformed
date, an empty required name, a required parameter left out). Allowed values must never be refused
as malformed (422); others must be, with the error body. Every answer's status must be one the
document lists, and its body must validate against the schema listed for it.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import jsonschema
import pytest
from starlette.testclient import TestClient

from modelvs.web.api.params import COUNT, PRICE, SHARE

ON = "2026-11-24"
REQUIRED = {
    "model": "gpt-4o-2024-11-20",
    "models": "gemini-3.1-pro-preview,gpt-4o-2024-11-20",
    "slug": "gpt-4o-2024-11-20",
    "q": "gpt",
}
"""A value for each required parameter."""
PATTERN_SAMPLES = {
    COUNT: (["800", "200k", "1.5M", " 2000 ", ""], ["lots", "12x", "-5", "1e6"]),
    SHARE: (["0.5", "50%", "1", ""], ["half", "2", "-0.1"]),
    PRICE: (["2.5", "$3", "0", ""], ["cheap", "-1"]),
    r"^\s*([0-9]{1,5}(\.[0-9]{1,3})?)?\s*$": (["1400", "1450.5", ""], ["high", "-3"]),
}
"""(allowed, refused) values for each pattern the document uses."""
WITHIN = {"cached": ["0", "400", "800", ""]}
"""Allowed values that keep to what no parameter schema can state: cached input is part of the
input (800 by default), so it cannot exceed it (a 422 that names the rule)."""


def _operations(doc: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return sorted((path, item["get"]) for path, item in doc["paths"].items() if "get" in item)


@pytest.fixture(scope="module")
def doc(client: TestClient) -> dict[str, Any]:
    found: dict[str, Any] = client.get("/openapi.json").json()
    return found


def _values(schema: dict[str, Any]) -> tuple[list[str], list[str]]:
    """(allowed, refused) values of one parameter value's schema."""
    if "enum" in schema:
        members = [str(v) for v in schema["enum"]]
        return members[:4] + members[-2:], ["no-such-member"]
    if schema["type"] == "integer":
        low, high = schema["minimum"], schema["maximum"]
        return [str(low), str(high), str(schema.get("default", low))], [
            str(low - 1),
            str(high + 1),
            "ten",
            "",
        ]
    if schema.get("format") == "date":
        return [ON], ["", "2026-13-01", "20261124", "yesterday"]
    if "pattern" in schema:
        assert schema["pattern"] in PATTERN_SAMPLES, f"no samples for the pattern {schema['pattern']}"
        allowed, refused = PATTERN_SAMPLES[schema["pattern"]]
        return list(allowed), list(refused)
    if schema.get("minLength"):
        return [], [""]
    return ["x", ""], []


def _cases(op: dict[str, Any]) -> list[tuple[dict[str, str], dict[str, str], bool]]:
    """(path parameters, query, whether the document allows it) for one operation."""
    path_params = {p["name"]: REQUIRED[p["name"]] for p in op["parameters"] if p["in"] == "path"}
    required = {
        p["name"]: REQUIRED[p["name"]] for p in op["parameters"] if p.get("required") and p["in"] == "query"
    }
    cases = [(path_params, dict(required), True)]
    for name in required:
        cases.append((path_params, {k: v for k, v in required.items() if k != name}, False))
    for p in op["parameters"]:
        if p["in"] != "query":
            continue
        schema = p["schema"]["items"] if p["schema"]["type"] == "array" else p["schema"]
        allowed, refused = _values(schema)
        if p["name"] in REQUIRED:
            allowed = [REQUIRED[p["name"]]]
        allowed = WITHIN.get(p["name"], allowed)
        cases += [(path_params, {**required, p["name"]: v}, True) for v in allowed]
        cases += [(path_params, {**required, p["name"]: v}, False) for v in refused]
    return cases


def _check(doc: dict[str, Any], op: dict[str, Any], url: str, response: Any, allowed: bool) -> None:
    status = str(response.status_code)
    assert status in op["responses"], f"{url}: status {status} is not documented"
    if allowed:
        assert response.status_code != 422, (
            f"{url}: refused a value the document allows: {response.text[:200]}"
        )
    else:
        assert response.status_code == 422, f"{url}: accepted a value the document does not allow"
    content = op["responses"][status].get("content")
    if content is None:
        return
    [(media, body)] = content.items()
    assert response.headers["content-type"].split(";")[0] == media, url
    if media == "application/json":
        schema = {**body["schema"], "components": doc["components"]}
        errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(response.json()), key=str)
        assert errors == [], (url, [f"{list(e.path)}: {e.message}" for e in errors[:3]])


@pytest.mark.parametrize(
    "operation",
    [
        "/api/v1/compare",
        "/api/v1/cost",
        "/api/v1/cost.csv",
        "/api/v1/models",
        "/api/v1/models.csv",
        "/api/v1/models/{slug}",
        "/api/v1/providers",
        "/api/v1/providers.csv",
        "/api/v1/rank",
        "/api/v1/rank.csv",
        "/api/v1/search",
        "/api/v1/search.csv",
    ],
)
def test_every_answer_keeps_to_the_document(client: TestClient, doc: dict[str, Any], operation: str) -> None:
    op = doc["paths"][operation]["get"]
    checked = 0
    for path_params, query, allowed in _cases(op):
        path = operation.format(**path_params)
        url = f"{path}?{urlencode(query)}" if query else path
        _check(doc, op, url, client.get(url), allowed)
        checked += 1
    assert checked >= 1


def test_every_operation_is_checked(doc: dict[str, Any]) -> None:
    listed = test_every_answer_keeps_to_the_document.pytestmark[0].args[1]  # type: ignore[attr-defined]
    assert sorted(listed) == sorted(path for path, _ in _operations(doc))


@pytest.mark.parametrize(
    ("url", "param"),
    [
        ("/api/v1/cost?model=gpt-4o-2024-11-20&on=", "on"),
        ("/api/v1/search.csv", "q"),
        ("/api/v1/search", "q"),
        ("/api/v1/cost?model=", "model"),
        ("/api/v1/compare?models=", "models"),
        ("/api/v1/rank?routes=some", "routes"),
        ("/api/v1/models?limit=", "limit"),
    ],
)
def test_what_the_document_refuses_the_server_refuses_by_name(
    client: TestClient, url: str, param: str
) -> None:
    response = client.get(url)
    assert response.status_code == 422
    assert response.json()["param"] == param
