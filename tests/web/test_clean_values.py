"""No Python literal and no internal field path in what a reader sees: on model pages (the most
notable and every one where sources disagree), provider pages, comparisons in HTML and Markdown,
`/changes`, the other pages, and the model's Markdown and terminal text (`show`).

A value reaches a reader in words: `yes`/`no`/`unknown`, `Temperature control`, `Context window`,
never `True`, `None`, `Decimal('1.5')`, `capabilities.temperature` or `context_window`. Ids stay
where a page prints them as ids (`<code>`), and URLs are not text.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from starlette.testclient import TestClient

from modelvs.catalog import Catalog
from modelvs.catalog.notability import most_notable
from modelvs.schema import Model
from modelvs.schema.vocab import Capability
from modelvs.views.model import model_view
from modelvs.views.text import TextBlock, TextLine, aligned, model_markdown, model_text
from tests.web.conftest import TODAY

LITERALS = re.compile(r"\b(?:True|False|None)\b|Decimal\(|datetime\.date\(|\{'|\['")
"""What `str()` of a bool, None, a Decimal, a date, a dict or a list prints."""
HEADS = ("capabilities", "limits", "modalities", "pricing", "prices", "rates", "facts", "model", "route")
PATHS = re.compile(rf"\b(?:{'|'.join(HEADS)})\.[a-z_]+\b")
"""A dotted field path (`capabilities.temperature`, `limits.context`)."""


def _fields() -> re.Pattern[str]:
    """Every snake_case name of a model field or capability (`context_window`, `function_calling`)."""
    names = {n for n in Model.model_fields if "_" in n} | {c.value for c in Capability if "_" in c.value}
    return re.compile(rf"\b(?:{'|'.join(sorted(names))})\b")


FIELDS = _fields()
MODELS_SHOWN = 70
DISAGREEING_SHOWN = 60


class _Visible(HTMLParser):
    """The text a browser shows (and the title), without scripts, styles and `<code>` ids."""

    HIDDEN = frozenset({"script", "style", "code", "template", "svg"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.HIDDEN:
            self.depth += 1
        for name, value in attrs:
            if name in ("aria-label", "title", "alt", "placeholder") and value:
                self.parts.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN and self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if not self.depth:
            self.parts.append(data)


def visible(page: str) -> str:
    parser = _Visible()
    parser.feed(page)
    return " ".join(" ".join(parser.parts).split())


def markdown_text(text: str) -> str:
    """Markdown without its code spans and link targets (ids and URLs, not words)."""
    text = re.sub(r"`[^`]*`", " ", text)
    return re.sub(r"\]\([^)]*\)|https?://\S+", " ", text)


def terminal_text(blocks: list[TextBlock]) -> str:
    """What `show` prints, as plain lines (the CLI's plain-text layout)."""
    return "\n".join(b.text if isinstance(b, TextLine) else "\n".join(aligned(b)) for b in blocks)


def raw_values(text: str) -> list[str]:
    text = re.sub(r"https?://\S+", " ", text)  # a URL is an address, not words
    found = [m.group(0) for pattern in (LITERALS, PATHS, FIELDS) for m in pattern.finditer(text)]
    return sorted(set(found))


def _context(text: str, bad: list[str]) -> list[str]:
    return [f"{b}: {text[max(0, (i := text.find(b)) - 60) : i + 60]}" for b in bad]


def test_the_patterns_catch_what_a_page_printed_before(client: TestClient) -> None:
    """The check finds what the model page once printed (and passes words)."""
    assert raw_values("capabilities.audio_input (other source) False") == [
        "False",
        "audio_input",
        "capabilities.audio_input",
    ]
    assert raw_values("Temperature control: yes; Context window 1,000,000 tokens") == []
    assert raw_values(visible("<p>Id <code>max_output</code></p>")) == []


def _models(catalog: Catalog) -> list[str]:
    disagreeing = sorted(m for m, model in catalog.models.items() if model.alternatives)
    assert len(disagreeing) >= DISAGREEING_SHOWN  # the shipped catalog has many
    step = len(disagreeing) // DISAGREEING_SHOWN
    chosen = list(most_notable(catalog, TODAY, MODELS_SHOWN)) + disagreeing[::step][:DISAGREEING_SHOWN]
    return list(dict.fromkeys(chosen))


def test_model_pages_and_texts_say_values_in_words(client: TestClient, catalog: Catalog) -> None:
    models = _models(catalog)
    assert len(models) >= 100
    bad: dict[str, list[str]] = {}
    for mid in models:
        page = client.get(f"/models/{catalog.slugs[mid]}")
        assert page.status_code == 200, mid
        view = model_view(catalog, mid, TODAY)
        texts = {
            "html": visible(page.text),
            "md": markdown_text(model_markdown(view)),
            "text": terminal_text(model_text(view)),
        }
        for fmt, text in texts.items():
            if found := raw_values(text):
                bad[f"{mid} ({fmt})"] = _context(text, found)
    assert not bad, bad


PAGES = (
    "/",
    "/models",
    "/providers/openai",
    "/providers/openrouter",
    "/providers/anthropic",
    "/providers/google",
    "/changes",
    "/changes?page=2",
    "/changes?lab=anthropic",
    "/calculator",
    "/methodology",
    "/compare/claude-opus-4-7-vs-gpt-5.5",
    "/compare/claude-opus-4-7-vs-gpt-5.5.md",
    "/compare/gemini-3.1-pro-preview-vs-gpt-4o-2024-11-20",
    "/compare/gemini-3.1-pro-preview-vs-gpt-4o-2024-11-20.md",
    "/compare?models=claude-opus-4-7,gpt-5.5,gemini-3.1-pro-preview,deepseek-v4-pro",
)


@pytest.mark.parametrize("url", PAGES)
def test_other_pages_say_values_in_words(client: TestClient, url: str) -> None:
    response = client.get(url, follow_redirects=True)
    assert response.status_code == 200
    md = response.headers["content-type"].startswith("text/markdown")
    text = markdown_text(response.text) if md else visible(response.text)
    found = raw_values(text)
    assert not found, _context(text, found)
