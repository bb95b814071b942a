"""The comparison page's formats: sections no workload changes are rendered once and kept."""

from __future__ import annotations

import datetime as dt

from modelvs.catalog import Catalog
from modelvs.engine.workload import Workload
from modelvs.views.blocks import Link
from modelvs.web import create_app
from modelvs.web.pages import compare_formats
from modelvs.web.pages.compare_formats import build_page, prerendered
from modelvs.web.pages.compare_html import section

IDS = ["google/gemini-3.1-pro-preview", "openai/gpt-4o-2024-11-20"]
PAIR = "gemini-3.1-pro-preview-vs-gpt-4o-2024-11-20"


def test_kept_sections_are_the_sections_rendered_anew(catalog: Catalog) -> None:
    # The popular list is built for each page (page views move it): kept by value, never by its
    # section's id alone.
    web = create_app(catalog, today=dt.date(2026, 11, 24)).state.web
    popular = [
        (Link("/compare/a-vs-b", "A vs B"),),
        (Link("/compare/a-vs-b", "A vs B"), Link("/compare/c-vs-d", "C vs D")),
        (Link("/compare/a-vs-b", "A vs B <i>"),),
        (),
    ]
    pages = [
        build_page(web, IDS, Workload(requests), PAIR, links)
        for requests in (1_000, 2_000_000)
        for links in popular
    ]
    kept = [prerendered(web, page) for page in pages]
    shown = set()
    for page, html in zip(pages, kept, strict=True):
        fixed = [s for s in page.sections if not s.live]
        assert sorted(html) == sorted(s.id for s in fixed)
        for s in fixed:
            assert html[s.id] == section(s)
        shown.add(html.get("popular"))
    assert len(shown) == 4  # three lists, and none (no section)
    compare_formats._rendered.clear()
    compare_formats._equal.clear()
    assert [prerendered(web, page) for page in pages] == kept
