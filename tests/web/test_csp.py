"""Pages work under the Content-Security-Policy: no inline script, style or event handler."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from tests.web.conftest import REFERENCE
from tests.web.html import parse

PAGES = [
    "/",
    f"/compare/{REFERENCE}",
    f"/compare/{REFERENCE}/fragment",
    "/compare?models=claude-opus-4-7,gemini-3.1-pro-preview,gpt-4o-2024-11-20",
    "/compare",
    "/calculator",
    "/calculator/fragment",
    "/models/gpt-4o-2024-11-20",
    "/providers/openrouter",
    "/changes",
    "/methodology",
    "/models/nope-nope",
    f"/compare/{REFERENCE}?requests=lots",
]


@pytest.mark.parametrize("url", PAGES)
def test_no_inline_script_or_style(client: TestClient, url: str) -> None:
    doc = parse(client.get(url).text)
    for node in doc.iter():
        assert node.tag != "style", url
        assert "style" not in node.attrs, (url, node.tag)
        handlers = [name for name in node.attrs if name.startswith("on")]
        assert handlers == [], (url, node.tag, handlers)
        for name in ("href", "src", "action", "formaction"):
            assert not (node.attrs.get(name) or "").strip().lower().startswith("javascript:"), (url, node.tag)
    for script in doc.find_all("script"):
        # An external script from the site, or JSON-LD: data a script policy does not govern.
        inline = "".join(c for c in script.children if isinstance(c, str)).strip()
        if script.attrs.get("type") == "application/ld+json":
            assert not script.attrs.get("src")
        else:
            assert (script.attrs.get("src") or "").startswith("/static/"), url
            assert inline == "", url
