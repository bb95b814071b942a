"""SVG drawings: well-formed XML, accessible, hostile text kept as text."""

from __future__ import annotations

import dataclasses
import unicodedata
import xml.etree.ElementTree as ET
from decimal import Decimal

from modelvs.views import svg
from modelvs.views.blocks import Axis, Chart, Mark, Point, Series, Table
from modelvs.views.comparison import ComparisonPage
from tests.views.test_charts import charts

NS = {"s": "http://www.w3.org/2000/svg"}
HOSTILE = '<script>alert(1)</script>" onload="x" & </title>\x1b]0;title\x07'


def _chart(kind: str, name: str) -> Chart:
    points = (Point(Decimal(0), Decimal(1), name), Point(Decimal(5), Decimal("2.5"), name))
    return Chart(
        "c", kind, f"title {name}", f"caption {name}", Axis(name, "tokens", Decimal(5)),
        Axis(name, "usd", Decimal("2.5")), (Series(name, points),), (Mark(Decimal(2), name, "you"),),
        Table("t", name, (name,), ()),
    )  # fmt: skip


def test_every_chart_of_the_reference_page_is_accessible_xml(reference: ComparisonPage) -> None:
    for chart in charts(reference):
        root = ET.fromstring(svg.render(chart))
        assert root.attrib["role"] == "img"
        assert root.attrib["aria-labelledby"] == f"{chart.id}-title {chart.id}-desc"
        assert root.find("s:title", NS) is not None
        assert root.find("s:desc", NS) is not None


def test_line_points_and_ticks(reference: ComparisonPage) -> None:
    chart = next(c for c in charts(reference) if c.id == "chart-blend")
    root = ET.fromstring(svg.render(chart))
    series = root.findall("s:g[@class='series']", NS)
    assert [len(g.findall("s:circle", NS)) for g in series] == [11, 11]
    ticks = [t.text for t in root.iter(f"{{{NS['s']}}}text") if t.attrib.get("class") == "tick x"]
    assert ticks[0] == "0%"
    assert ticks[-1] == "100%"
    mark = next(g for g in root.iter(f"{{{NS['s']}}}g") if "break-even" in g.attrib.get("class", ""))
    line = mark.find("s:line", NS)
    assert line is not None
    assert float(line.attrib["x1"]) == svg.LEFT + 0.8 * svg.PLOT_W


def test_hostile_text_stays_text() -> None:
    for kind in ("line", "bars"):
        text = svg.render(_chart(kind, HOSTILE))
        root = ET.fromstring(text)  # well-formed: the control characters are gone
        assert "<script>" not in text
        assert 'onload="x"' not in text
        assert "\x1b" not in text
        assert root.find("s:title", NS) is not None


def test_tick_labels() -> None:
    assert svg.short(200_000, "tokens") == "200k"
    assert svg.short(1_000_000, "tokens") == "1M"
    assert svg.short(0.005, "usd") == "$0.005"
    assert svg.short(2500, "usd") == "$2.5k"
    assert svg.short(0.8, "percent") == "80%"
    top, ticks = svg.ticks(Axis("x", "usd", Decimal("4.38")))
    assert top == 5.0
    assert ticks == (0.0, 1.0, 2.0, 3.0, 4.0, 5.0)


def test_long_labels_wrap_and_are_never_cut() -> None:
    name = "Gemini 3.1 Pro Preview on Perplexity Agent API, a route with a very long name indeed"
    chart = _chart("bars", name)
    root = ET.fromstring(svg.render(chart))
    label = next(t for t in root.iter(f"{{{NS['s']}}}text") if t.attrib.get("class") == "label")
    lines = [span.text or "" for span in label]
    assert " ".join(lines) == name  # every word, none cut
    assert all(len(line) * svg.CHAR_W <= svg.W for line in lines)
    assert svg.wrap("a b", 1000) == ["a b"]


def test_marker_badges_never_share_a_lane_when_close() -> None:
    assert svg._lanes([100.0, 101.0, 300.0, 102.0]) == [0, 1, 0, 2]


def test_a_chart_drawn_again_is_drawn_the_same_and_equal_values_keep_their_own_text() -> None:
    chart = _chart("line", "memo")
    first = svg.render(chart)
    assert svg.render(chart) is first  # drawn once
    assert first == svg.line_chart(chart)
    # Equal as values (2 == 2.0), but the mark prints its number as written.
    (mark,) = chart.marks
    again = dataclasses.replace(chart, marks=(dataclasses.replace(mark, x=Decimal("2.0")),))
    assert again == chart
    assert 'data-value="2.0"' in svg.render(again)
    assert 'data-value="2"' in first


def _scatter(heads: list[str], costs: list[str], rating: str, low: str, high: str) -> Chart:
    """A value chart's scatter: each head at a cost (`Name: rating at $cost a month`), drawn as a
    dot and again as a marked point (the same label and rating, another look)."""
    points = tuple(
        Point(Decimal(c.replace(",", "")), Decimal(rating), f"{h} at ${c} a month")
        for h, c in zip(heads, costs, strict=True)
    )
    series = (Series("dots", points, style="dots"), Series("marked", points[:1], style="marked"))
    x = Axis("USD", "usd", max(p.x for p in points), low=min(p.x for p in points), scale="log")
    return Chart(
        "v", "scatter", "t", "c", x, Axis("Rating", "score", Decimal(high), low=Decimal(low)), series, (),
        Table("v-t", "t", ("Model",), ()),
    )  # fmt: skip


def test_dots_drawn_from_kept_heads_are_the_dots_drawn_anew() -> None:
    # Each dot's `cy` and escaped label head are kept per rating band, rating, look and head; a
    # chart drawn after others must be the chart drawn with nothing kept.
    heads = ["Plain: 1,400 ± 3.0", 'Tom & "Jerry" <b>: 1,400 ± 3.0', "Cafe\u0301 = x: 1,400 ± 3.0"]
    charts = [
        _scatter(heads, ["12.5", "300", "4,000"], "1400", "1000", "1500"),
        _scatter(heads, ["13", "310", "9,000"], "1400", "1000", "1500"),  # another workload
        _scatter(heads, ["12.5", "300", "4,000"], "1400", "1210", "1500"),  # another band's bottom
        _scatter(heads, ["12.5", "300", "4,000"], "1400", "1000", "1900"),  # another band's top
        _scatter(heads, ["12.5", "300", "4,000"], "1300", "1000", "1500"),  # another rating
        _scatter(
            [h.replace("Plain", "Other") for h in heads], ["12.5", "300", "4,000"], "1400", "1000", "1500"
        ),
    ]
    assert len({svg.band_ticks(c.y)[:2] for c in charts}) == 3
    warm = [svg.scatter_chart(c) for c in charts]
    for chart, drawn in zip(charts, warm, strict=True):
        svg._dot_heads.clear()
        assert svg.scatter_chart(chart) == drawn
        titles = [
            c.find("s:title", NS).text  # type: ignore[union-attr]
            for c in ET.fromstring(drawn).iter(f"{{{NS['s']}}}circle")
            if c.find("s:title", NS) is not None
        ]
        labels = [unicodedata.normalize("NFC", p.label) for s in chart.series for p in s.points]
        assert titles == labels
        root = ET.fromstring(drawn)
        sizes = {
            g.attrib["class"]: {c.attrib["r"] for c in g.findall("s:circle", NS)}
            for g in root.findall("s:g", NS)
        }
        assert sizes["dots"] == {"2.5"}
        assert sizes["series"] == {"7"}  # the marked point: the same label and rating, its own look


def _bars(bars: list[tuple[str, str, bool]]) -> Chart:
    series = tuple(
        Series(name, (Point(Decimal(i), Decimal(v.replace(",", "")), f"${v}"),), lead=lead)
        for i, (name, v, lead) in enumerate(bars)
    )
    return Chart(
        "r", "bars", "t", "c", Axis("Model", "tokens", Decimal(len(bars))), Axis("USD", "usd", Decimal(9000)),
        series, (), Table("r-t", "t", ("Route",), ()),
    )  # fmt: skip


def test_bars_drawn_from_kept_labels_are_the_bars_drawn_anew() -> None:
    # Each bar's name, wrapped and escaped, is kept per name, lead and place; a chart drawn after
    # others must be the chart drawn with nothing kept.
    long = "Gemini 3.1 Pro Preview on a route with a name long enough to wrap <&>"
    charts = [
        _bars([(long, "4,600", False), ("GPT-4o on OpenAI API", "4,500", True)]),
        _bars([(long, "460", True), ("GPT-4o on OpenAI API", "4,500", False)]),  # another lead
        _bars([("GPT-4o on OpenAI API", "4,500", True), (long, "8,600", False)]),  # another place
    ]
    warm = [svg.bar_chart(c) for c in charts]
    for chart, drawn in zip(charts, warm, strict=True):
        svg._bar_label.cache_clear()
        assert svg.bar_chart(chart) == drawn
        groups = ET.fromstring(drawn).findall("s:g", NS)[1:]
        assert [g.attrib["class"] == "bar lead" for g in groups] == [s.lead for s in chart.series]
        assert [g.attrib["data-name"] for g in groups] == [s.name for s in chart.series]
