"""`grid`: a view-model table as HTML, every text escaped, memoised per table object and value."""

from __future__ import annotations

from modelvs.views.blocks import Cell, Row, SourceNote, Table
from modelvs.web.pages.grid import grid


def _table(name: str) -> Table:
    return Table(
        "t1",
        'Prices of "x" & <y>',
        ("Model", "Input"),
        (
            Row(Cell(name, href="/models/a", note="a \u202enote"), (Cell("$2", lead=True, source=1),)),
            Row(Cell("B"), (Cell("unknown", state="unknown"),)),
        ),
        (SourceNote(1, "genai-prices 0.2.3", "https://example.org/?a=1&b=2"),),
    )


def test_every_text_is_escaped_and_bidi_controls_are_dropped() -> None:
    html = str(grid(_table("<script>alert(1)</script>")))
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Prices of &#34;x&#34; &amp; &lt;y&gt;" in html
    assert "\u202e" not in html
    assert 'href="https://example.org/?a=1&amp;b=2"' in html


def test_cells_carry_their_marks_and_links() -> None:
    html = str(grid(_table("A")))
    assert '<th scope="row" title="a note"><a href="/models/a">A</a></th>' in html
    assert '<td data-label="Input" class="lead src">$2</td>' in html
    assert '<td data-label="Input" class="v-unknown">unknown</td>' in html
    assert "<li>Source 1: " in html


def test_the_same_table_is_rendered_once_and_another_afresh() -> None:
    table = _table("A")
    assert grid(table) is grid(table)
    assert "Other" in grid(_table("Other"))


def test_a_table_equal_to_one_printed_before_is_not_rendered_again() -> None:
    first, equal = _table("Equal"), _table("Equal")
    assert first is not equal
    assert grid(first) is grid(equal)
    assert grid(_table("Equal!")) is not grid(first)


def test_a_wide_table_stacks_on_a_phone_and_drops_its_narrow_columns() -> None:
    row = Row(Cell("A"), (Cell("1"), Cell("2", lead=True), Cell("3")))
    html = str(grid(Table("t2", "c", ("Model", "X", "Y", "Z"), (row,), narrow=("Y",))))
    assert '<table id="t2" class="stack">' in html
    assert '<th scope="col" class="hide-phone">Y</th>' in html
    assert '<td data-label="Y" class="lead hide-phone">2</td>' in html
    assert '<td data-label="Z">3</td>' in html
    assert 'class="stack"' not in str(grid(_table("A")))  # two columns fit a phone as they are
