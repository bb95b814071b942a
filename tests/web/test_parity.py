"""HTML and Markdown of 200 random pairs show the same rows with the same wording.

Both are parsed back into what a reader sees: every table's rows (cell texts, in order), every
heading, and every paragraph and list item. They must match, but for the parts only one medium
has: the HTML page's navigation, workload form and collapsible summaries (a collapsed section's
summary is its heading), and the Markdown page's command-line hint and the lead-in of its tag rules.
"""

from __future__ import annotations

import random
from collections import Counter
from html.parser import HTMLParser

import pytest
from markdown_it import MarkdownIt
from starlette.testclient import TestClient

from modelvs.catalog import Catalog
from tests.web.conftest import TODAY

PAIRS = 200
SEED = 10
PROSE = {"p", "li", "dd", "figcaption"}
HEADINGS = {"h1", "h2", "h3", "dt"}


class _Page(HTMLParser):
    """A comparison page's article as tables, headings and prose blocks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[str]]] = []
        self.headings: list[str] = []
        self.prose: list[str] = []
        self._stack: list[tuple[str, dict[str, str | None]]] = []
        self._text: list[str] = []
        self._skip = 0

    def _summary(self) -> str | None:
        """The class of the details a summary opens: `prices` (a model's price block: its summary
        is a heading), `section` (a collapsed section: its summary holds the section's heading),
        or another (a label: "Tag rules", ...)."""
        inner = next((a for t, a in reversed(self._stack) if t == "details"), {})
        return inner.get("class")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        skip = tag in ("svg", "form", "nav", "script")
        if tag == "summary" and self._summary() not in ("prices", "section"):
            skip = True
        self._stack.append((tag, found))
        if skip:
            self._skip += 1
        if self._skip:
            return
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        if tag in PROSE | HEADINGS | {"th", "td", "caption"} or (tag == "summary" and self._prices()):
            self._text.append("")

    def handle_endtag(self, tag: str) -> None:
        while self._stack:
            open_tag, found = self._stack.pop()
            skip = open_tag in ("svg", "form", "nav", "script")
            if open_tag == "summary" and self._summary() not in ("prices", "section"):
                skip = True
            if skip:
                self._skip -= 1
                if open_tag == tag:
                    return
                continue
            counted = open_tag == "summary" and self._summary_was_prices(found)
            if not self._skip and (open_tag in PROSE | HEADINGS | {"th", "td", "caption"} or counted):
                text = " ".join(self._text.pop().split())
                if open_tag in ("th", "td"):
                    self.tables[-1][-1].append(text)
                elif open_tag in HEADINGS or open_tag == "summary":
                    self.headings.append(text)
                elif text:  # a caption, paragraph or list item
                    self.prose.append(text)
            if open_tag == tag:
                return

    def _prices(self) -> bool:
        return self._summary() == "prices"

    def _summary_was_prices(self, found: dict[str, str | None]) -> bool:
        """Whether a summary being closed opened a model's price block (its details is still open)."""
        return self._summary() == "prices"

    def handle_data(self, data: str) -> None:
        if not self._skip and self._text:
            self._text[-1] += data


def from_html(text: str) -> tuple[list[list[list[str]]], list[str], list[str]]:
    article = text[text.index("<article") : text.index("</article>")]
    page = _Page()
    page.feed(article)
    return page.tables, page.headings, page.prose


def from_markdown(text: str) -> tuple[list[list[list[str]]], list[str], list[str]]:
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    tables: list[list[list[str]]] = []
    headings: list[str] = []
    prose: list[str] = []
    place = ""
    for t in tokens:
        if t.type == "table_open":
            tables.append([])
        elif t.type == "tr_open":
            tables[-1].append([])
        elif t.type in ("th_open", "td_open"):
            place = "cell"
        elif t.type == "heading_open":
            place = "heading"
        elif t.type == "paragraph_open":
            place = "prose"
        elif t.type == "inline":
            words = "".join(c.content if c.type != "softbreak" else " " for c in t.children or ())
            words = " ".join(words.split())
            if place == "cell":
                tables[-1][-1].append(words)
            elif place == "heading":
                headings.append(words)
            elif words:
                prose.append(words)
            place = ""
    return tables, headings, prose


@pytest.fixture(scope="module")
def pairs(catalog: Catalog) -> list[str]:
    rng = random.Random(SEED)
    ids = sorted(catalog.models)
    return ["-vs-".join(sorted(catalog.slugs[m] for m in rng.sample(ids, 2))) for _ in range(PAIRS)]


def test_html_and_markdown_show_the_same_rows_and_wording(client: TestClient, pairs: list[str]) -> None:
    differences = []
    for pair in pairs:
        html = client.get(f"/compare/{pair}")
        md = client.get(f"/compare/{pair}.md")
        assert html.status_code == md.status_code == 200, pair
        h_tables, h_headings, h_prose = from_html(html.text)
        m_tables, m_headings, m_prose = from_markdown(md.text)
        data = client.get(f"/compare/{pair}.json").json()
        only_md = {data["form"]["flags"], "Use-case tags, each by a stated rule:"}
        if h_tables != m_tables:
            differences.append(f"{pair}: tables differ")
        if h_headings != m_headings:
            differences.append(f"{pair}: headings {set(h_headings) ^ set(m_headings)}")
        extra = (
            Counter(h_prose) - Counter(m_prose),
            Counter(p for p in m_prose if p not in only_md) - Counter(h_prose),
        )
        if any(extra):
            differences.append(
                f"{pair}: only in HTML {list(extra[0])[:3]}, only in Markdown {list(extra[1])[:3]}"
            )
    assert differences == []


def test_the_parsers_see_the_reference_page(client: TestClient) -> None:
    pair = "gemini-3.1-pro-preview-vs-gpt-4o-2024-11-20"
    tables, headings, prose = from_html(client.get(f"/compare/{pair}").text)
    assert ["Input price per 1M tokens", "$2", "$2.50", "Gemini 3.1 Pro Preview"] in tables[0]
    assert headings[:2] == ["Gemini 3.1 Pro Preview vs GPT-4o (2024-11-20)", "Verdict"]
    assert "GPT-4o (2024-11-20): $4,500 a month on OpenAI API" in prose
    assert TODAY.isoformat() in " ".join(prose)
    md_tables, _, md_prose = from_markdown(client.get(f"/compare/{pair}.md").text)
    assert md_tables[0] == tables[0]
    assert "GPT-4o (2024-11-20): $4,500 a month on OpenAI API" in md_prose
