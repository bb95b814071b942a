"""The site in a real browser: the reference comparison answers first and updates in place, no page
scrolls sideways on a phone, search suggestions open under their input, redirects, keyboard use."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from modelvs.web.routes import ROUTES

pytestmark = pytest.mark.browser
REFERENCE = "/compare/gemini-3.1-pro-preview-vs-gpt-4o-2024-11-20"
FOUR = "/compare?models=claude-opus-4-7,gemini-3.1-pro-preview,gpt-5.5,grok-4.3"
DESKTOP, PHONE = {"width": 1366, "height": 900}, {"width": 390, "height": 844}


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
        "Prices by route",
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


def test_the_workload_form_is_in_the_first_screen(server: str, browser: Browser) -> None:
    page = browser.new_page(viewport=DESKTOP)
    page.goto(server + REFERENCE)
    form = page.locator("form.workload").bounding_box()
    verdict = page.locator("#answer p.verdict").bounding_box()
    assert form is not None
    assert verdict is not None
    assert verdict["y"] < form["y"]
    assert form["y"] + form["height"] <= DESKTOP["height"]
    page.close()


def test_editing_the_workload_updates_verdict_scorecard_and_costs_in_place(server: str, page: Page) -> None:
    page.goto(server + REFERENCE)
    expect(page.locator("form.workload")).to_have_attribute("data-live", "on")
    answer, scorecard = page.locator("#answer"), page.locator("#scorecard")
    chart = page.locator("#chart-routes")
    before = chart.inner_html()
    verdict = page.locator("#answer p.verdict").inner_text()
    expect(answer).to_contain_text("$4,600")
    tags = scorecard.locator("tr", has_text="Use-case tags").locator("td")
    expect(tags.nth(1)).to_contain_text("Cheapest at your traffic")  # GPT-4o, at the default traffic
    page.evaluate("window.__marker = 'same page'")  # survives only if there is no full reload
    page.locator("#wl-requests").fill("2M")
    expect(page.locator("#wl-status")).to_have_text(re.compile(r"Updated\.$"))
    expect(answer).to_contain_text("$9,200")
    expect(answer).to_contain_text("$9,000")
    expect(page.locator("#monthly-cost")).to_contain_text("$9,200 on Google AI Studio")
    assert page.locator("#answer p.verdict").inner_text() != verdict
    assert chart.inner_html() != before
    assert "requests=2M" in page.url or "requests=2000000" in page.url
    assert page.evaluate("window.__marker") == "same page"
    page.locator("#wl-input").fill("50000")  # input-heavy: Gemini's lower input price wins
    expect(page.locator("#wl-status")).to_have_text(re.compile(r"Updated\.$"))
    expect(page.locator("#answer li.lead")).to_contain_text("Gemini 3.1 Pro Preview")
    expect(tags.nth(0)).to_contain_text("Cheapest at your traffic")  # the scorecard follows


def test_live_calculator_reports_bad_input_and_keeps_the_figures(server: str, page: Page) -> None:
    page.goto(server + REFERENCE)
    expect(page.locator("form.workload")).to_have_attribute("data-live", "on")
    page.locator("#wl-requests").fill("lots")
    expect(page.locator("#wl-status")).to_contain_text("Not recalculated:")
    expect(page.locator("#answer")).to_contain_text("$4,600")


def _phone_paths() -> list[str]:
    """One page of every HTML route of the route table (the site's pages, not its API)."""
    paths = []
    examples = {
        "pair": REFERENCE.removeprefix("/compare/"),
        "slug": "gpt-4o-2024-11-20",
        "provider": "openrouter",
        "page": "2",
    }
    for spec in ROUTES:
        if spec.api or not spec.exportable or "." in spec.path.rsplit("/", 1)[-1]:
            continue
        paths.append(re.sub(r"\{(\w+)\}", lambda m: examples[m.group(1)], spec.path))
    return [*paths, FOUR, "/compare/claude-opus-4-7-vs-gpt-5.5"]


def test_no_page_scrolls_sideways_on_a_phone(server: str, browser: Browser) -> None:
    page = browser.new_page(viewport=PHONE)
    wide = {}
    for path in _phone_paths():
        page.goto(server + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            wide[path] = width
    assert wide == {}
    # The scorecard fits a phone: it stacks, and scrolls sideways not even inside its own box.
    page.goto(server + REFERENCE)
    table = page.locator("#scorecard .table-wrap")
    assert table.evaluate("e => e.scrollWidth <= e.clientWidth")
    page.close()


@pytest.mark.parametrize(
    ("viewport", "path", "field"),
    [
        (DESKTOP, "/", "#home-search"),
        (PHONE, "/", "#home-search"),
        (PHONE, "/methodology", "#site-search"),  # the home page has its own box, not the header's
    ],
)
def test_search_suggestions_open_under_their_input(
    server: str, browser: Browser, viewport: dict[str, int], path: str, field: str
) -> None:
    page = browser.new_page(viewport=viewport)
    page.goto(server + path)
    search = page.locator(field)
    search.click()
    search.press_sequentially("gpt-4o", delay=30)
    listbox = page.locator(f"{field}-suggestions")
    expect(listbox.locator("[role=option]").first).to_be_visible()
    box, under = search.bounding_box(), listbox.bounding_box()
    assert box is not None
    assert under is not None
    assert abs(under["y"] - (box["y"] + box["height"])) <= 2
    assert abs(under["x"] - box["x"]) <= 2
    page.close()


def test_screenshots_of_the_reference_and_four_model_pages(
    server: str, browser: Browser, artifacts: Path
) -> None:
    for name, path in (("reference", REFERENCE), ("four-models", FOUR)):
        for device, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
            page = browser.new_page(viewport=viewport)
            page.goto(server + path)
            shot = artifacts / f"{name}-{device}.png"
            page.screenshot(path=str(shot), full_page=True)
            assert shot.stat().st_size > 10_000
            page.close()


@pytest.mark.parametrize(
    "box", [("/methodology", "#site-search"), ("/", "#home-search")], ids=["header", "home"]
)
@pytest.mark.parametrize(
    ("typed", "lands", "heading"),
    [
        ("opus 4.7", r"/models/claude-opus-4-7$", "Claude Opus 4.7"),
        ("claude sonnet", r"/models/claude-sonnet-[0-9-]+$", "Claude Sonnet"),
        (
            "gpt-5.5 vs claude opus 4.7",
            r"/compare/claude-opus-4-7-vs-gpt-5\.5$",
            "Claude Opus 4.7 vs GPT-5.5",
        ),
    ],
)
def test_the_header_search_lands_on_a_page_for_a_name_its_suggestions_resolve(
    server: str, page: Page, box: tuple[str, str], typed: str, lands: str, heading: str
) -> None:
    """The header's box on any page, and the home page's own box, as a reader uses them."""
    path, field = box
    page.goto(server + path)
    search = page.locator(field)
    search.click()
    search.press_sequentially(typed, delay=20)
    first = page.locator(f"{field}-suggestions [role=option]").first
    expect(first).to_be_visible()  # what the box suggests for the name being typed
    with page.expect_navigation() as landed:
        search.press("Enter")  # nothing highlighted: the form goes to the server with the text typed
    page.wait_for_url(re.compile(lands))
    response = landed.value
    assert response is not None
    assert response.status == 200
    expect(page.locator("h1")).to_contain_text(heading)
    assert "Not found" not in page.locator("h1").inner_text()
