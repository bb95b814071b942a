"""`/reprice` in Chromium at 1366 and 390 px: a fixture chosen, dropped or posted without
JavaScript comes back with its totals, and the page never scrolls sideways."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.usage.conftest import FIXTURES

pytestmark = pytest.mark.browser
DESKTOP, PHONE = {"width": 1366, "height": 900}, {"width": 390, "height": 844}
USAGE = FIXTURES / "usage.csv"


def _fits(page: Page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize(("device", "viewport"), [("desktop", DESKTOP), ("phone", PHONE)])
def test_a_chosen_file_is_repriced_in_place(
    server: str, browser: Browser, artifacts: Path, device: str, viewport: dict[str, int]
) -> None:
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(server + "/reprice")
    expect(page.locator("#reprice-privacy")).to_contain_text("Nothing you upload is stored or logged")
    expect(page.locator("#reprice-drop-hint")).to_be_visible()  # the drop zone, with JavaScript
    page.locator("#reprice-file").set_input_files(USAGE)
    page.locator("#reprice-as").fill("claude-opus-4-7, gpt-4o-2024-11-20")
    page.get_by_role("button", name="Re-price").click()
    expect(page.locator("#reprice-total")).to_have_text("$0.92")
    expect(page.locator("#reprice-reported")).to_have_text("$0.32")
    expect(page.locator("#reprice-status")).to_have_text("Re-priced.")
    assert page.url == server + "/reprice"  # in place: no navigation
    expect(page.locator("#reprice-alternatives")).to_contain_text("Claude Opus 4.7")
    expect(page.locator("#chart-reprice-figure svg")).to_be_visible()
    _fits(page, viewport["width"])
    page.screenshot(path=str(artifacts / f"reprice-{device}.png"), full_page=True)
    context.close()


def test_a_dropped_file_is_repriced(server: str, page: Page) -> None:
    page.goto(server + "/reprice")
    text = (FIXTURES / "otel.json").read_text(encoding="utf-8")
    page.evaluate(
        """text => {
            const data = new DataTransfer();
            data.items.add(new File([text], "otel.json", { type: "application/json" }));
            const zone = document.getElementById("reprice-drop");
            const how = { dataTransfer: data, bubbles: true, cancelable: true };
            zone.dispatchEvent(new DragEvent("dragover", how));
            zone.dispatchEvent(new DragEvent("drop", how));
        }""",
        text,
    )
    expect(page.locator("#reprice-status")).to_contain_text("Ready: otel.json")
    page.locator("#reprice-as").fill("gpt-4o-2024-11-20")
    page.get_by_role("button", name="Re-price").click()
    expect(page.locator("#reprice-total")).to_have_text("$1.07")
    expect(page.locator("#reprice-alternatives")).to_contain_text(
        "prompt over the 128,000-token context limit"
    )


def test_without_javascript_the_form_posts_and_the_page_answers(server: str, browser: Browser) -> None:
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(server + "/reprice")
    expect(page.locator("#reprice-drop-hint")).to_be_hidden()  # no drop zone without JavaScript
    page.locator("#reprice-text").fill(USAGE.read_text(encoding="utf-8"))
    page.get_by_role("button", name="Re-price").click()
    page.wait_for_load_state()
    expect(page.locator("#reprice-total")).to_have_text("$0.92")
    _fits(page, PHONE["width"])
    context.close()
