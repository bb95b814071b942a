"""The browsing pages in Chromium: no sideways scroll on a phone, sorting and filtering by URL."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

pytestmark = pytest.mark.browser
PAGES = (
    "/models",
    "/models?sort=-context&kind=text&status=current",
    "/providers/openrouter",
    "/providers/openai?sort=-input",
    "/models/gpt-4o-2024-11-20",
    "/models/gemini-3.1-pro-preview?requests=2M",
)


@pytest.mark.parametrize("path", PAGES)
def test_no_browsing_page_scrolls_sideways_on_a_phone(server: str, browser: Browser, path: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        response = page.goto(server + path)
        assert response is not None
        assert response.status == 200
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, (path, width)
    finally:
        context.close()


def test_sorting_and_filtering_the_index_keep_their_state_in_the_url(
    server: str, page: Page, artifacts: Path
) -> None:
    page.goto(server + "/models")
    page.locator("table.browse thead a", has_text="Context").click()
    page.wait_for_url(re.compile(r"sort=context"))
    page.locator("table.browse thead a", has_text="Context").click()
    page.wait_for_url(re.compile(r"sort=-context"))
    expect(page.locator("th[aria-sort=descending]")).to_contain_text("Context")
    page.select_option("#f-lab", "anthropic")
    page.locator("form.browse button").click()
    page.wait_for_url(re.compile(r"lab=anthropic"))
    assert "sort=-context" in page.url
    ids = page.locator("table.browse tbody th code").all_inner_texts()
    assert ids
    assert all(i.startswith("anthropic/") for i in ids)
    page.screenshot(path=str(artifacts / "models-index.png"))


def test_the_model_page_answers_first_with_the_cost(server: str, page: Page) -> None:
    page.goto(server + "/models/gpt-4o-2024-11-20")
    first = page.locator("main h2").first
    expect(first).to_have_text("What it costs at your traffic")
    assert first.bounding_box() is not None
    assert first.bounding_box()["y"] < 900  # type: ignore[index]
    form = page.locator("section.answer form.workload")
    form.locator("input[name=requests]").fill("2000000")
    form.locator("input[name=requests]").press("Enter")
    page.wait_for_url(re.compile(r"requests=2000000"))
    expect(page.locator("section.answer tbody tr").first).to_contain_text("$9,000")
