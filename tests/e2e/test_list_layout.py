"""The list pages (`/models`, `/calculator`) in Chromium at a desktop (1366 px) and a phone (390 px)
width: nothing scrolls sideways, no text is under 9 px, no cell or label is cut, and a phone still
shows each model's name, lab, context and prices. The comparison pages' checks (`test_compare_layout`)
are reused: the page's and the tables' own sideways scroll, and chart labels in their frame.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.e2e.test_compare_layout import LABELS, SMALLEST_LABEL_PX, WIDE_BOXES, _inside, sized

__all__ = ["sized"]  # the fixture, shared with the comparison pages' checks

PAGES = {"models": "/models", "calculator": "/calculator"}
SMALLEST_TEXT_PX = 9.0
"""The issue's floor for any text a reader sees."""

TEXT_SIZES = """() => {
    const seen = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const node = walker.currentNode;
        const el = node.parentElement;
        if (!node.textContent.trim() || !el || el.closest('svg, script, style, option')) continue;
        const box = el.getBoundingClientRect();
        if (box.width === 0 || box.height === 0) continue;  // not shown (display: none, off-screen heading)
        if (box.right < 0 || box.left > window.innerWidth * 4) continue;  // moved out of sight on purpose
        seen.push([node.textContent.trim().slice(0, 40), parseFloat(getComputedStyle(el).fontSize)]);
    }
    return seen;
}"""
CUT = """() => Array.from(document.querySelectorAll('main :is(th, td, label, caption, button)'))
    .filter(el => {
        const box = el.getBoundingClientRect();
        return box.width > 0 && box.height > 0 && box.right > 0;
    })
    .filter(el => el.scrollWidth > el.clientWidth + 1
        || el.getBoundingClientRect().right > window.innerWidth + 1)
    .map(el => el.textContent.trim().slice(0, 40))"""
"""Cells and labels whose text runs past their own box, or past the page's right edge."""


@pytest.mark.parametrize("name", PAGES)
def test_no_sideways_scroll_no_small_text_and_nothing_cut(
    server: str, sized: tuple[Page, int], name: str
) -> None:
    page, width = sized
    page.goto(server + PAGES[name])
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.evaluate(WIDE_BOXES) == []
    texts = page.evaluate(TEXT_SIZES)
    assert len(texts) > 100
    assert [(t, px) for t, px in texts if px < SMALLEST_TEXT_PX] == []
    assert page.evaluate(CUT) == []
    labels = page.evaluate(LABELS)
    assert [x["text"] for x in labels if x["px"] < SMALLEST_LABEL_PX] == []
    assert [x["text"] for x in labels if not _inside(x["box"], x["svg"])] == []


def test_a_phone_sees_every_models_name_lab_context_and_prices(server: str, sized: tuple[Page, int]) -> None:
    page, width = sized
    page.goto(server + "/models")
    first = page.locator("table#models tbody tr").first
    shown = first.evaluate(
        "tr => Array.from(tr.cells).filter(c => c.getBoundingClientRect().width > 0)"
        ".map(c => c.getAttribute('data-label'))"
    )
    if width < 640:
        assert shown == [None, "Lab", "Context", "Input, cheapest", "Output, cheapest", "via"]
    else:
        assert len(shown) == 12  # every column: the name, nine values, capabilities and status
    price = first.locator("td[data-label='Input, cheapest']")
    box = price.bounding_box()
    assert box is not None
    assert box["x"] + box["width"] <= width
    assert price.inner_text().startswith("$")
