"""Hostile model and provider names, generated, across every renderer: HTML, JSON-LD, Markdown
(the comparison and `show`), terminal text and the Atom feed.

Whatever the name holds, it is printed as text: each page has the same structure (elements,
attributes, Markdown blocks, links) as with a plain name, the JSON-LD parses and cannot close its
script, neither the page nor the terminal gets a control or bidi character, the feed is
well-formed XML."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import io
import json
import re
import shutil
import tempfile
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from rich.console import Console
from starlette.testclient import TestClient

from modelvs.catalog import Catalog
from modelvs.views.comparison.text import render_comparison_text
from modelvs.views.model import model_view
from modelvs.views.text import model_markdown
from modelvs.web import create_app
from tests.views import hostile_catalog, page_of

ON = dt.date(2026, 11, 24)
PAIR = "evil-vs-gpt-4o-2024-11-20"
FRAGMENTS = (
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "![i](javascript:x)",
    "\n# heading\n",
    "\n- item",
    "|",
    "]]>",
    "<!--",
    "\x1b]0;pwned\x07",
    "\x1b[31m",
    "\u202e",
    "\u2066",
    "\x00",
    "\x7f",
    "&amp;",
    "</title>",
    '" onload="x',
    "`code`",
    "*",
    "_",
    "\\",
    "\u2028",
)
names = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=4)), min_size=1, max_size=6).map(
    "".join
)
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@functools.cache
def base() -> Catalog:
    """The hostile mini catalog, its `evil` route with a dated price change (for the feed)."""
    root = Path(tempfile.mkdtemp(prefix="modelvs-hostile-"))
    catalog = hostile_catalog(root)
    route = root / "routes/evil/openai/evil.toml"
    text = route.read_text()
    route.write_text(
        text.replace("[[prices]]\n", "[[prices]]\neffective_until = 2026-10-01\n", 1)
        + "\n".join(
            ["[[prices]]", "effective_from = 2026-10-01", "input = 2", "output = 8", 'citation = "md"', ""]
        )
    )
    from modelvs.catalog import load_catalog

    found = load_catalog(root, use_cache=False)
    shutil.rmtree(root)
    assert found.models["openai/evil"].name == catalog.models["openai/evil"].name
    return found


def renamed(catalog: Catalog, name: str) -> Catalog:
    """The catalog with model `evil`, its lab and its provider named `name` (as no check would let in)."""
    model = catalog.models["openai/evil"].model_copy(update={"name": name})
    provider = catalog.providers["evil"].model_copy(update={"name": f"{name} provider"})
    return dataclasses.replace(
        catalog,
        models={**catalog.models, "openai/evil": model},
        providers={**catalog.providers, "evil": provider},
    )


class _Shape(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.shape: list[tuple[str, tuple[str, ...]]] = []
        self.hrefs: list[str] = []
        self.ld: list[str] = []
        self.text: list[str] = []
        self._ld = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = (tag, tuple(sorted(a for a, _ in attrs)))
        # A chart label wraps by its length: a run of lines is one shape.
        if not (tag == "tspan" and self.shape and self.shape[-1] == found):
            self.shape.append(found)
        self.hrefs += [v or "" for a, v in attrs if a == "href"]
        self._ld = tag == "script" and ("type", "application/ld+json") in attrs

    def handle_data(self, data: str) -> None:
        if self._ld:
            self.ld.append(data)
            self._ld = False
        else:
            self.text.append(data)


def _html(client: TestClient, url: str) -> _Shape:
    shape = _Shape()
    shape.feed(client.get(url).text)
    return shape


def _md_shape(text: str) -> list[tuple[str, str]]:
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    flat = [t for tok in tokens for t in [tok, *(tok.children or [])]]
    return [(t.type, str(t.attrs.get("href", ""))) for t in flat if t.type not in ("text", "softbreak")]


def _renders(catalog: Catalog) -> dict[str, object]:
    client = TestClient(create_app(catalog, today=ON))
    out = io.StringIO()
    render_comparison_text(
        Console(file=out, width=120, color_system=None),
        page_of(catalog, ["openai/evil", "openai/gpt-4o-2024-11-20"]),
    )
    return {
        "pages": [
            _html(client, f"/compare/{PAIR}"),
            _html(client, "/models/evil"),
            _html(client, "/providers/evil"),
        ],
        "md": client.get(f"/compare/{PAIR}.md").text + model_markdown(model_view(catalog, "openai/evil", ON)),
        "text": out.getvalue(),
        "atom": client.get("/changes.atom").text,
    }


@functools.cache
def plain() -> dict[str, object]:
    return _renders(renamed(base(), "Plain name"))


@settings(max_examples=25, deadline=None, derandomize=True)
@given(name=names)
def test_a_hostile_name_is_text_in_every_renderer(name: str) -> None:
    got, benign = _renders(renamed(base(), name)), plain()
    for page, good in zip(got["pages"], benign["pages"], strict=True):  # type: ignore[call-overload]
        assert page.shape == good.shape  # no element, attribute or script from the data
        assert page.hrefs == good.hrefs
        assert not CONTROL.search("".join(page.text).replace("\n", " "))  # nothing reorders or hides text
        for block in page.ld:
            assert "<" not in block
            json.loads(block)
    assert _md_shape(got["md"]) == _md_shape(benign["md"])  # type: ignore[arg-type]
    assert not CONTROL.search(got["text"])  # type: ignore[arg-type]
    feed = ET.fromstring(got["atom"])  # type: ignore[arg-type]
    assert len(feed) == len(ET.fromstring(benign["atom"]))  # type: ignore[arg-type]


def test_the_feed_names_the_renamed_route() -> None:
    assert "Plain name on Plain name provider" in plain()["atom"]  # type: ignore[operator]
