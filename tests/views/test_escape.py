"""The escaping functions every renderer uses, one medium each."""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET

from modelvs.views.escape import (
    _BREAKS,
    _CONTROL,
    _XML_INVALID,
    clean,
    csv_text,
    json_script,
    md,
    terminal,
    xml,
)


def test_clean_drops_control_and_bidi_characters_and_keeps_one_line() -> None:
    assert clean("a\x1b]0;title\x07b") == "a]0;titleb"
    assert clean("\u202egnp.exe\u202c") == "gnp.exe"
    assert clean("one\ntwo\r\nthree\u2028four") == "one two three four"
    assert clean("Gemini 3.1 Pro (2025) · 1M") == "Gemini 3.1 Pro (2025) · 1M"


def test_md_makes_links_html_and_blocks_inert() -> None:
    assert md("[x](javascript:alert(1))") == "\\[x\\](javascript:alert(1))"
    assert md("<img src=x onerror=alert(1)>") == "&lt;img src=x onerror=alert(1)&gt;"
    assert md("a | b\n# c") == "a \\| b # c"
    assert md("> quote") == "&gt; quote"  # an entity, not a quote marker
    assert md("~~gone~~") == "\\~\\~gone\\~\\~"


def test_terminal_prints_markup_as_itself() -> None:
    assert terminal("[bold]x[/bold]\x1b[31m") == "\\[bold]x\\[/bold][31m"


def test_xml_is_well_formed_for_any_string() -> None:
    hostile = "]]> <x> & \" ' \x00\x01\x1f \ud800 \ufffe end"
    root = ET.fromstring(f'<a title="{xml(hostile)}">{xml(hostile)}</a>')
    assert root.text == "]]> <x> & \" '    end"
    assert root.attrib["title"] == root.text


def test_printable_text_takes_the_short_way_with_the_same_result() -> None:
    # The short way assumes every character the patterns remove or replace is unprintable.
    printable = "".join(ch for ch in map(chr, range(sys.maxunicode + 1)) if ch.isprintable())
    for pattern in (_CONTROL, _BREAKS, _XML_INVALID):
        assert pattern.search(printable) is None, pattern
    assert clean("a\tb\x7fc\u200ed") == "a bcd"  # tab, DEL and a bidi mark are not printable
    assert clean("1,501 ± 3.8") == "1,501 ± 3.8"
    assert xml("Tom & 'Jerry' <b>\"x\"") == "Tom &amp; &#x27;Jerry&#x27; &lt;b&gt;&quot;x&quot;"
    assert xml("e\u0301") == "\u00e9"  # not ASCII: normalised


def test_json_script_cannot_close_its_tag() -> None:
    text = json_script({"name": "</script><script>alert(1)</script><!-- \u2028"})
    assert "<" not in text
    assert ">" not in text
    assert "\u2028" not in text
    assert json.loads(text)["name"].startswith("</script>")


def test_csv_text_neutralises_what_a_spreadsheet_reads_as_a_formula() -> None:
    for start in ("=", "+", "-", "@", "\t", "\r"):
        assert csv_text(f"{start}SUM(A1)") == f"'{start}SUM(A1)"
    assert csv_text("GPT-4o (2024-11-20)") == "GPT-4o (2024-11-20)"
    assert csv_text("a=b") == "a=b"
    assert csv_text("") == ""
