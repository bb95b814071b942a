"""A model page, provider pages and `/changes` as a reader sees them, in Chromium at a desktop
(1366 px) and a phone (390 px) width: nothing scrolls sideways (the page or a table in its box), no
text under 9 px, no text cut by its box or pushed off the screen.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from tests.e2e.test_compare_layout import OPEN_ALL, WIDE_BOXES, WIDTHS

pytestmark = pytest.mark.browser
PAGES = {
    "model": "/models/claude-opus-4-7",
    "model-disagreeing": "/models/kimi-k3",
    "provider": "/providers/openai",
    "aggregator": "/providers/openrouter",
    "changes": "/changes",
    "changes-filtered": "/changes?lab=anthropic&page=2",
}
SMALLEST_TEXT_PX = 9.0

TEXT = """(smallest) => {
    const width = document.documentElement.clientWidth;
    const small = [], off = [], cut = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const node = walker.currentNode, text = node.textContent.trim();
        const el = node.parentElement;
        if (!text || !el) continue;
        const style = getComputedStyle(el);
        if (style.visibility === "hidden") continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        const rects = Array.from(range.getClientRects()).filter(r => r.width > 0 && r.height > 0);
        if (!rects.length || rects.every(r => r.right <= 0)) continue;  // not drawn, or visually hidden
        const px = parseFloat(style.fontSize);
        if (px < smallest) small.push([text.slice(0, 40), px]);
        if (rects.some(r => r.right > width + 1 || r.left < -1)) off.push(text.slice(0, 40));
    }
    for (const el of document.querySelectorAll("body *")) {
        const style = getComputedStyle(el);
        const clips = ["hidden", "clip"].includes(style.overflowX) || style.textOverflow === "ellipsis";
        if (clips && el.offsetParent !== null && el.textContent.trim() && el.scrollWidth > el.clientWidth + 1
            && el.getBoundingClientRect().right > 0) {
            cut.push(el.textContent.trim().slice(0, 40));
        }
    }
    return {small, off, cut};
}"""


@pytest.fixture(params=WIDTHS, ids=lambda w: f"{w}px")
def sized(browser: Browser, request: pytest.FixtureRequest) -> Iterator[tuple[Page, int]]:
    context = browser.new_context(viewport={"width": request.param, "height": 900})
    yield context.new_page(), request.param
    context.close()


@pytest.mark.parametrize("name", PAGES)
def test_no_sideways_scroll_no_tiny_or_cut_text(server: str, sized: tuple[Page, int], name: str) -> None:
    page, width = sized
    response = page.goto(server + PAGES[name])
    assert response is not None
    assert response.status == 200
    page.evaluate(OPEN_ALL)  # every collapsed section drawn, as a reader who opens them sees it
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.evaluate(WIDE_BOXES) == []
    found = page.evaluate(TEXT, SMALLEST_TEXT_PX)
    assert found == {"small": [], "off": [], "cut": []}
