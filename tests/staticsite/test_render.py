"""The static build's in-process client: pages rendered one after another on one app."""

from __future__ import annotations

import threading
from pathlib import Path

from modelvs.catalog import load_catalog
from modelvs.staticsite.render import Renderer
from tests.web.conftest import TODAY


def test_pages_after_the_first_run_on_the_same_threads(tmp_path: Path) -> None:
    renderer = Renderer(load_catalog(), TODAY, "https://modelvs.example", tmp_path)
    try:
        assert renderer.get("/calculator").status == 200
        running = set(threading.enumerate())
        for n in range(1, 6):
            assert renderer.get(f"/calculator?requests={n}").status == 200
            assert set(threading.enumerate()) == running  # no thread started or stopped for a page
    finally:
        renderer.close()
    assert renderer._thread not in threading.enumerate()
