"""The building blocks of a page view model: tables, links, charts as series of numbers.

Every renderer (HTML, Markdown, text, JSON) prints these as they are: a cell's `text` is the
one wording of that value, whichever medium shows it. Strings are unescaped; each renderer
escapes for its medium (`views.escape`).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Cell:
    """One table cell."""

    text: str
    """What every renderer prints."""
    lead: bool = False
    """This value leads its row (lowest price, largest window, ...)."""
    state: str | None = None
    """`yes`, `no` or `unknown` for a tri-state value (styled, never read as anything else)."""
    note: str | None = None
    """Detail about this value (its source and date, an interval): a hover title in HTML."""
    href: str | None = None
    """A site path the text links to."""
    source: int | None = None
    """Number of this value's source in the table's `sources` legend."""


@dataclass(frozen=True)
class Row:
    head: Cell
    """The row header (the first column)."""
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class SourceNote:
    """A source as a table's legend names it, once per table."""

    number: int
    text: str
    """`genai-prices 0.2.3 (MIT), retrieved 2026-10-14`."""
    url: str | None


@dataclass(frozen=True)
class Table:
    """A table with a caption, column headings and rows; wide tables scroll in their own box."""

    id: str
    caption: str
    columns: tuple[str, ...]
    """Headings, the row-header column first."""
    rows: tuple[Row, ...]
    sources: tuple[SourceNote, ...] = ()
    """The sources the `source` numbers of its cells refer to."""
    narrow: tuple[str, ...] = ()
    """Columns a phone leaves out (HTML): the ones that matter least when the row must fit."""
    labelled: bool = True
    """Each HTML cell names its column (`data-label`) for a phone, which stacks the row; False where
    the stylesheet names them instead (tables of fixed columns and many rows: fewer bytes)."""


@dataclass(frozen=True)
class Link:
    url: str
    """A site path (`/compare/a-vs-b`)."""
    title: str
    note: str = ""


@dataclass(frozen=True)
class Point:
    x: Decimal
    y: Decimal
    label: str
    """The point as text: a line's tooltip (`GPT-4o: $0.0045 for 800 prompt tokens`), a bar's value
    (`$4,500 a month`)."""


@dataclass(frozen=True)
class Series:
    """One line of a line chart, or one bar (a single point whose `x` is its rank)."""

    name: str
    points: tuple[Point, ...]
    lead: bool = False
    """Drawn as the leading series (the cheapest bar)."""
    style: str = "line"
    """A scatter's series: `line` (points joined), `dots` (small, unlabelled) or `marked` (one
    labelled point per series)."""


@dataclass(frozen=True)
class Mark:
    """A labelled vertical marker on a line chart (a tier cliff, a context limit, your traffic)."""

    x: Decimal
    label: str
    kind: str
    """`cliff`, `limit`, `break-even` or `you`."""
    y: Decimal | None = None


@dataclass(frozen=True)
class Axis:
    label: str
    unit: str
    """`usd`, `tokens`, `percent` or `score`: how tick labels print."""
    high: Decimal
    """The largest value the axis must show (it starts at 0 unless `low` is given)."""
    low: Decimal | None = None
    """The smallest value a scatter's axis must show (a rating axis does not start at 0)."""
    scale: str = "linear"
    """`linear` or `log` (a scatter's cost axis: costs span several powers of ten)."""


@dataclass(frozen=True)
class Chart:
    """A chart as numbers: `line` (series of points), `bars` (one series per bar, horizontal) or
    `scatter` (points on two axes, a line through some of them)."""

    id: str
    kind: str
    title: str
    caption: str
    """What the chart shows and which routes it reads, in one or two sentences."""
    x: Axis
    y: Axis
    series: tuple[Series, ...]
    marks: tuple[Mark, ...]
    table: Table
    """The same figures as text: every renderer can show them, and screen readers read them."""
