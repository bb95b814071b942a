"""The static export on a plain static host: pages load, and search works without the API."""

from __future__ import annotations

import functools
import http.server
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def static_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    out = tmp_path_factory.mktemp("site") / "out"
    build = [sys.executable, "-m", "modelvs.cli", "build", str(out), "--pairs", "popular:8", "--quiet"]
    result = subprocess.run(build, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(out))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_static_search_suggests_from_the_index_and_opens_the_canonical_page(
    static_site: str, page: Page
) -> None:
    page.goto(static_site + "/")
    search = page.locator("#home-search")
    search.click()
    search.press_sequentially("gpt-4o-2024-11-20", delay=20)
    options = page.locator("#home-search-suggestions [role=option]")
    expect(options.first).to_contain_text("gpt-4o-2024-11-20")
    search.press("ArrowDown")
    search.press("Enter")
    search.press_sequentially("gemini-3.1-pro-preview", delay=10)
    expect(options.first).to_contain_text("gemini-3.1-pro-preview")
    search.press("ArrowDown")
    search.press("Enter")
    search.press("Enter")
    page.wait_for_url(re.compile(r"/compare/gemini-3\.1-pro-preview-vs-gpt-4o-2024-11-20/$"))
    expect(page.locator("h1")).to_contain_text("Gemini 3.1 Pro Preview vs GPT-4o (2024-11-20)")
    expect(page.locator("body")).to_contain_text("$4,600")


def test_static_search_says_when_a_comparison_was_not_built(static_site: str, page: Page) -> None:
    page.goto(static_site + "/")
    form = page.locator("form.big-search")
    page.locator("#home-search").fill("gpt-4o-2024-11-20, grok-4.3")
    page.locator("#home-search").press("Enter")
    status = form.locator(".search-status")
    expect(status).to_contain_text("has no page comparing")
    assert page.url == static_site + "/"
    link = status.locator("a").first
    expect(link).to_have_attribute("href", re.compile(r"^/models/"))


def test_static_search_goes_where_its_first_suggestion_goes(static_site: str, page: Page) -> None:
    """Without the API, the search index orders matches as the server does: `opus 4.7` and
    `claude sonnet` open their model pages, not a 404."""
    for typed, lands in (
        ("opus 4.7", r"/models/claude-opus-4-7/$"),
        ("claude sonnet", r"/models/claude-sonnet-"),
    ):
        page.goto(static_site + "/")
        search = page.locator("#home-search")
        search.click()
        search.press_sequentially(typed, delay=20)
        expect(page.locator("#home-search-suggestions [role=option]").first).to_be_visible()
        search.press("Enter")
        page.wait_for_url(re.compile(lands))
        expect(page.locator("h1")).not_to_contain_text("Not found")


def test_static_comparison_form_is_read_only(static_site: str, page: Page) -> None:
    page.goto(static_site + "/compare/gemini-3.1-pro-preview-vs-gpt-4o-2024-11-20/")
    expect(page.locator("form.workload #wl-requests")).to_be_disabled()  # inside a disabled fieldset
    expect(page.locator("form.workload")).to_contain_text("priced at the default workload")
    hrefs = page.locator("main a[href^='/compare/']").evaluate_all(
        "els => els.map(e => e.getAttribute('href'))"
    )
    for href in hrefs:
        response = page.request.get(static_site + href.rstrip("/") + "/")
        assert response.status == 200, href


def test_static_pages_and_files_exist(static_site: str, page: Page, tmp_path: Path) -> None:
    pair = "gemini-3.1-pro-preview-vs-gpt-4o-2024-11-20"
    for path in (
        "/methodology/",
        "/models/gpt-4o-2024-11-20/",
        "/sitemap.xml",
        "/search-index.json",
        f"/compare/{pair}.md",
        f"/compare/{pair}.json",
    ):
        response = page.goto(static_site + path)
        assert response is not None
        assert response.status == 200, path
