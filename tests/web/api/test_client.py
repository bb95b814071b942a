"""A client generated from `/openapi.json` by openapi-python-client (the usual Python client
generator, installed from the lock) builds, and calls and parses every endpoint of a live server."""

from __future__ import annotations

import importlib
import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from modelvs.catalog import Catalog
from modelvs.web import create_app
from modelvs.web.api.openapi import document
from modelvs.web.routes import ROUTES
from tests.web.conftest import TODAY

ARGUMENTS = {
    "model": "gpt-4o-2024-11-20",
    "models": "gemini-3.1-pro-preview,gpt-4o-2024-11-20",
    "slug": "gpt-4o-2024-11-20",
    "q": "gpt",
}
"""A value for each required parameter."""
PACKAGE = "modelvs_api_client"


@pytest.fixture(scope="module")
def served(catalog: Catalog) -> Iterator[str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(create_app(catalog, today=TODAY), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)


@pytest.fixture(scope="module")
def generated(catalog: Catalog, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    root = tmp_path_factory.mktemp("client")
    spec = root / "openapi.json"
    spec.write_text(json.dumps(document(catalog, ROUTES)), encoding="utf-8")
    tool = Path(sys.executable).parent / "openapi-python-client"
    env = {**os.environ, "PATH": f"{tool.parent}{os.pathsep}{os.environ.get('PATH', '')}"}  # its ruff
    done = subprocess.run(
        [tool, "generate", "--path", spec, "--meta", "none", "--output-path", root / PACKAGE],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Warning" not in done.stdout, done.stdout  # nothing of the document was left out
    sys.path.insert(0, str(root))
    try:
        yield importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(root))
        for name in [m for m in sys.modules if m == PACKAGE or m.startswith(PACKAGE + ".")]:
            del sys.modules[name]


def test_a_generated_client_calls_and_parses_every_endpoint(
    catalog: Catalog, generated: Any, served: str
) -> None:
    operations = [item["get"] for item in document(catalog, ROUTES)["paths"].values() if "get" in item]
    with generated.Client(base_url=served, raise_on_unexpected_status=True, timeout=60) as client:
        _call_each(operations, client)
    assert len(operations) >= 12


def _call_each(operations: list[dict[str, Any]], client: Any) -> None:
    for op in operations:
        call = importlib.import_module(f"{PACKAGE}.api.default.{op['operationId']}")
        required = {p["name"]: ARGUMENTS[p["name"]] for p in op["parameters"] if p.get("required")}
        response = call.sync_detailed(client=client, **required)
        assert response.status_code == 200, (op["operationId"], response.content[:300])
        parsed = response.parsed
        if "text/csv" in op["responses"]["200"]["content"]:
            assert parsed == response.content.decode()
            continue
        assert type(parsed).__module__.startswith(f"{PACKAGE}.models."), op["operationId"]
        # Parsed into the generated types and back, nothing is lost or changed.
        assert parsed.to_dict() == json.loads(response.content), op["operationId"]
