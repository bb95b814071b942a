from __future__ import annotations

import re

from starlette.testclient import TestClient

from modelvs.web.routes import ROUTES


def test_openapi_lists_every_api_route_and_parameter(client: TestClient) -> None:
    doc = client.get("/openapi.json").json()
    assert doc["openapi"].startswith("3.1")
    api = [r for r in ROUTES if r.path.startswith("/api/")]
    assert {r.path for r in api} == set(doc["paths"])
    for spec in api:
        op = doc["paths"][spec.path]["get"]
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
