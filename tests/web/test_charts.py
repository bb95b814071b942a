"""Server-side SVG charts: well-formed XML, the expected series and points, escaped text, break-even."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from starlette.testclient import TestClient

from modelvs.web import svg
from modelvs.web.charts import SHARES, TRAFFIC
from tests.web.conftest import REFERENCE
from tests.web.test_escape import HOSTILE, hostile_client  # noqa: F401 (fixture)

NS = {"s": "http://www.w3.org/2000/svg"}


def _svgs(text: str) -> dict[str, ET.Element]:
    found = {}
    for block in re.findall(r"<svg\b.*?</svg>", text, flags=re.S):
        root = ET.fromstring(block)
        found[root.attrib["id"]] = root
    return found


def _series(root: ET.Element) -> list[ET.Element]:
    return root.findall("s:g[@class='series']", NS)


def test_comparison_page_has_three_accessible_charts(client: TestClient) -> None:
    text = client.get(f"/compare/{REFERENCE}").text
    charts = _svgs(text)
    assert set(charts) == {"chart-traffic", "chart-blend", "chart-tiers"}
    for cid, root in charts.items():
        assert root.attrib["role"] == "img"
        assert root.attrib["aria-labelledby"] == f"{cid}-title {cid}-desc"
        assert root.find("s:title", NS) is not None
        assert root.find("s:desc", NS) is not None
        assert f'id="{cid}-figure"' in text  # with its data table in the same figure
    section = text[text.index('<section id="monthly-cost"') : text.index('<section id="switch"')]
    assert "chart-traffic" in section
    assert "<details>" in section


def test_traffic_chart_one_series_per_model_sixteen_points(client: TestClient) -> None:
    root = _svgs(client.get(f"/compare/{REFERENCE}").text)["chart-traffic"]
    series = _series(root)
    assert len(series) == 2
    assert len(TRAFFIC) == 16
    assert TRAFFIC[0] == 1_000
    assert TRAFFIC[-1] == 100_000_000
    for g in series:
        assert len(g.findall("s:circle", NS)) == 16
    ticks = [t.text for t in root.iter(f"{{{NS['s']}}}text") if t.attrib.get("class") == "tick x"]
    assert ticks == ["1k", "10k", "100k", "1M", "10M", "100M"]


def test_blend_chart_marks_break_even_at_four_to_one(client: TestClient) -> None:
    text = client.get(f"/compare/{REFERENCE}").text
    root = _svgs(text)["chart-blend"]
    assert [len(g.findall("s:circle", NS)) for g in _series(root)] == [len(SHARES)] * 2
    marks = [g for g in root.iter(f"{{{NS['s']}}}g") if "break-even" in g.attrib.get("class", "")]
    assert len(marks) == 1  # on the cheapest vetted routes (the labs' own APIs), as the facts use
    (mark,) = marks
    assert mark.attrib["data-value"] == "0.8"
    line = mark.find("s:line", NS)
    assert line is not None
    tick = next(
        t for t in root.iter(f"{{{NS['s']}}}text") if t.attrib.get("class") == "tick x" and t.text == "80%"
    )
    assert float(line.attrib["x1"]) == float(tick.attrib["x"]) == svg.LEFT + 0.8 * svg.PLOT_W
    label = "".join(mark.itertext())
    assert "4:1" in label
    assert "80% input" in label
    desc = root.find("s:desc", NS)
    assert desc is not None
    assert "cheapest routes" in (desc.text or "")


def test_tier_chart_bars_base_and_long_context(client: TestClient) -> None:
    root = _svgs(client.get(f"/compare/{REFERENCE}").text)["chart-tiers"]
    groups = root.findall("s:g[@class='group']", NS)
    assert [len(g.findall("s:rect", NS)) for g in groups] == [4, 2]  # Gemini has a >200k tier
    assert "no long-context tier" in "".join(groups[1].itertext())


def test_hostile_names_are_escaped_inside_svg() -> None:
    name = f'{HOSTILE}" onload="x" & </title>'
    axis = svg.linear_axis(10, "USD & <more>")
    text = svg.line_chart(
        "c", f"title {name}", f"desc {name}", axis, axis, [svg.Line(name, ((1, 2, name), (3, 4, name)))]
    )
    root = ET.fromstring(text)
    assert "<script>" not in text
    assert 'onload="x"' not in text
    (series,) = _series(root)
    assert series.attrib["data-name"] == name
    title = series.find("s:title", NS)
    assert title is not None
    assert title.text == name
    bars = svg.bar_chart("b", name, name, [(name, [svg.Bar(1, 0, name)], name)], [name], axis)
    assert ET.fromstring(bars).find("s:title", NS) is not None
    assert "<script>" not in bars


def test_hostile_model_name_on_a_comparison_page(hostile_client: TestClient) -> None:  # noqa: F811
    text = hostile_client.get("/compare/evil-vs-gpt-4o-2024-11-20").text
    charts = _svgs(text)
    assert charts  # every chart parses as XML
    assert HOSTILE not in text
    names = [g.attrib["data-name"] for root in charts.values() for g in _series(root)]
    assert any(HOSTILE in n for n in names)


def test_calculator_has_traffic_chart_for_top_models(client: TestClient) -> None:
    charts = _svgs(client.get("/calculator").text)
    root = charts["chart-calculator-traffic"]
    assert len(_series(root)) == 5
