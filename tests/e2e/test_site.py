"""The site in a real browser: the reference comparison, search, redirects, keyboard use."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser
REFERENCE = "/compare/gemini-3.1-pro-preview-vs-gpt-4o-2024-11-20"


def test_reference_page_shows_every_section_and_a_screenshot(
    server: str, page: Page, artifacts: Path
) -> None:
    response = page.goto(server + REFERENCE)
    assert response is not None
    assert response.status == 200
    expect(page).to_have_title(re.compile("Gemini 3.1 Pro Preview vs GPT-4o"))
    headings = [h.strip() for h in page.locator("main h2").all_inner_texts()]
    for section in (
        "Verdict",
        "scorecard",
        "Tradeoffs",
        "Monthly cost",
        "Switch friction",
        "Specs",
        "Pricing",
        "Capabilities",
        "Benchmarks",
        "FAQ",
    ):
        assert any(section.lower() in h.lower() for h in headings), (section, headings)
    expect(page.locator("body")).to_contain_text(
        "1,000,000 requests a month of 800 input and 250 output tokens"
    )
    expect(page.locator("body")).to_contain_text("$4,600")
    expect(page.locator("body")).to_contain_text("$4,500")
    page.screenshot(path=str(artifacts / "reference-comparison.png"), full_page=True)
    assert (artifacts / "reference-comparison.png").stat().st_size > 10_000


def test_reverse_order_redirects_to_the_canonical_url(server: str, page: Page) -> None:
    page.goto(server + "/compare/gpt-4o-2024-11-20-vs-gemini-3.1-pro-preview")
    assert page.url == server + REFERENCE
    canonical = page.locator("link[rel=canonical]").get_attribute("href")
    assert canonical is not None
    assert canonical.endswith(REFERENCE)


def test_search_suggests_as_you_type_and_opens_a_comparison(server: str, page: Page) -> None:
    page.goto(server + "/")
    search = page.locator("#home-search")
    search.click()
    search.press_sequentially("gpt-4o-2024-11", delay=30)
    options = page.locator("#home-search-suggestions [role=option]")
    expect(options.first).to_be_visible()
    expect(options.first).to_contain_text("gpt-4o-2024-11-20")
    search.press("ArrowDown")
    search.press("Enter")  # chooses the highlighted suggestion, keyboard only
    expect(search).to_have_value(re.compile(r"^gpt-4o-2024-11-20, $"))
    search.press_sequentially("gemini-3.1-pro-preview", delay=10)
    expect(options.first).to_contain_text("gemini-3.1-pro-preview")
    search.press("ArrowDown")
    search.press("Enter")
    search.press("Enter")  # nothing highlighted: submits the form
    page.wait_for_url(re.compile(r"/compare/"))
    assert page.url.startswith(server + REFERENCE)


def test_workload_form_without_javascript_changes_costs(server: str, browser: object, page: Page) -> None:
    page.goto(server + REFERENCE)
    form = page.locator("form:has(input[name=requests])").first
    form.locator("input[name=requests]").fill("2000000")
    form.locator("input[name=requests]").press("Enter")
    page.wait_for_url(re.compile(r"requests=2000000"))
    expect(page.locator("body")).to_contain_text("2,000,000 requests a month")
    expect(page.locator("body")).to_contain_text("$9,200")


def test_keyboard_reaches_the_skip_link_first(server: str, page: Page) -> None:
    page.goto(server + REFERENCE)
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert "skip" in focused.lower()


def test_unknown_pair_gets_a_404_with_suggestions(server: str, page: Page) -> None:
    response = page.goto(server + "/compare/gpt-40-2024-11-20-vs-gemini-3.1-pro-preview")
    assert response is not None
    assert response.status == 404
    expect(page.locator("body")).to_contain_text("GPT-4o (2024-11-20)")


def test_live_calculator_updates_costs_charts_and_url_without_reload(server: str, page: Page) -> None:
    page.goto(server + REFERENCE)
    expect(page.locator("form.workload")).to_have_attribute("data-live", "on")
    live = page.locator("#cost-live")
    chart = live.locator("svg.chart").first
    before_chart = chart.inner_html()
    expect(live).to_contain_text("$4,600")
    page.evaluate("window.__marker = 'same page'")  # survives only if there is no full reload
    page.locator("#wl-requests").fill("2M")
    expect(page.locator("#wl-status")).to_have_text(re.compile(r"Updated\.$"))
    expect(live).to_contain_text("$9,200")
    expect(live).to_contain_text("$9,000")
    assert live.locator("svg.chart").first.inner_html() != before_chart
    assert "requests=2M" in page.url or "requests=2000000" in page.url
    assert page.evaluate("window.__marker") == "same page"


def test_live_calculator_reports_bad_input_and_keeps_the_figures(server: str, page: Page) -> None:
    page.goto(server + REFERENCE)
    expect(page.locator("form.workload")).to_have_attribute("data-live", "on")
    page.locator("#wl-requests").fill("lots")
    expect(page.locator("#wl-status")).to_contain_text("Not recalculated:")
    expect(page.locator("#cost-live")).to_contain_text("$4,600")
