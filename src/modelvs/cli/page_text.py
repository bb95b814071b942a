"""The whole comparison as text (`compare --full`), through the comparison view's own text renderer.

`views.comparison.text.render_comparison_text` writes to a rich console: lines of rich markup (data
already escaped) and rich tables. `PageConsole` stands in for that console and hands each line and
table to `Output`, which prints them as plain aligned text in a pipe (every cell whole) and as rich
tables that wrap, never cut, in a terminal. So the page's sections and their order stay the view's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from rich.table import Table as RichTable
from rich.text import Text

from modelvs.cli.output import Output
from modelvs.views.text import TextTable

if TYPE_CHECKING:
    from rich.console import Console

    from modelvs.views.comparison import ComparisonPage


class PageConsole:
    """What the comparison's text renderer calls on a console: `print` and `rule`."""

    def __init__(self, out: Output) -> None:
        self._out = out
        self._blank = False

    def print(self, *objects: Any, **_: Any) -> None:
        if not objects:
            self._blank = True  # printed before the next line, unless a section starts (it has its own)
            return
        if self._blank:
            self._out.line()
            self._blank = False
        for item in objects:
            if isinstance(item, RichTable):
                self._out.table(_text_table(item))
            elif isinstance(item, str) and item.startswith("[bold]") and item.endswith("[/]"):
                self._out.title(_plain(item))
            else:
                self._out.line(_plain(item))

    def rule(self, title: str = "", **_: Any) -> None:
        self._blank = False
        self._out.section(_plain(title))


def print_page(out: Output, page: ComparisonPage) -> None:
    """Every section of `page`, in the view's order and words."""
    from modelvs.views.comparison.text import render_comparison_text

    render_comparison_text(cast("Console", PageConsole(out)), page)


def _plain(markup: object) -> str:
    """Rich markup as the text it shows (the renderer escaped the data in it)."""
    return Text.from_markup(markup).plain if isinstance(markup, str) else str(markup)


def _text_table(table: RichTable) -> TextTable:
    headers = tuple(_plain(column.header) for column in table.columns)
    cells = [[_plain(cell) for cell in column.cells] for column in table.columns]
    return TextTable(headers, [tuple(row) for row in zip(*cells, strict=True)], _plain(table.title or ""))
