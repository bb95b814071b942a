"""The comparison page's sections in HTML: one body per section, every text escaped."""

from __future__ import annotations

from modelvs.views.comparison import SECTIONS
from modelvs.views.comparison.page import Answer, Headline, Section, Tradeoffs
from modelvs.web.pages.compare_html import BODIES, section
from tests.web.html import parse

HOSTILE = '<script>alert(1)</script>" onload="x" & \x1b]0;t\x07\u202e'


def test_every_section_has_its_body() -> None:
    assert sorted(BODIES) == sorted(s.id for s in SECTIONS)


def test_a_section_prints_its_texts_as_text() -> None:
    headline = Headline("m", HOSTILE, "$5", HOSTILE, True, HOSTILE)
    answer = Answer(HOSTILE, HOSTILE, (headline,), HOSTILE, HOSTILE, "")
    html = section(Section("answer", HOSTILE, True, True, answer))
    assert "<script>" not in html
    assert 'onload="x"' not in html
    assert "\x1b" not in html
    assert "\u202e" not in html
    doc = parse(f"<div>{html}</div>")
    (sec,) = doc.find_all("section")
    assert sec.attrs["data-live"] is None
    assert sec.find("h2").text == '<script>alert(1)</script>" onload="x" & ]0;t'
    assert (
        sec.find("li", **{"class": "lead"}).find("span", **{"class": "saving"}).text.startswith("(<script>")
    )
    collapsed = parse(f"<div>{section(Section('tradeoffs', 'T', False, False, Tradeoffs((HOSTILE,))))}</div>")
    assert collapsed.find("details", **{"class": "section"}).find("li").text.startswith("<script>")
