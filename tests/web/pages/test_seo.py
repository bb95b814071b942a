"""The sitemap lists every model's related pairs, not only the popular ones."""

from __future__ import annotations

import re

from starlette.testclient import TestClient

from modelvs.catalog import Catalog
from modelvs.engine.compare.related import related
from tests.web.conftest import TODAY


def test_sitemap_has_the_related_pairs_model_pages_link(client: TestClient, catalog: Catalog) -> None:
    body = client.get("/sitemap.xml").text
    listed = set(re.findall(r"/compare/([^<]+)</loc>", body))
    [group] = related(catalog, ["google/gemini-3.1-pro-preview"], TODAY)
    assert group.candidates
    assert {c.pair for c in group.candidates} <= listed
    assert len(listed) > 100
