"""SVG drawings of view-model charts (`views.blocks.Chart`): line charts and horizontal bars.

Pure string building. Every piece of text goes through `escape.xml`, so a hostile model name
cannot break out of the SVG. Coordinates are floats for drawing only: the figures a reader sees
come as text from the chart, and its table has every one of them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal

from modelvs.views.blocks import Axis, Chart
from modelvs.views.escape import xml

W = 720
"""Width of every chart (viewBox units)."""
PLOT_H = 280
LEFT, RIGHT, TOP = 84, 24, 30
PLOT_W = W - LEFT - RIGHT
LEGEND_ROW = 20
BAR_H, BAR_GAP, BAR_LEFT = 18, 8, 270
BAR_LABEL = 38
"""Characters of a bar's label that fit left of it."""
COLORS = (
    "#0b4f9c", "#b35900", "#1b7837", "#762a83", "#c51b7d",
    "#4d4d4d", "#01665e", "#8c510a", "#2166ac", "#b2182b",
)  # fmt: skip
"""Distinct hues, each at least 4.5:1 on white; lines also differ by dash so colour is not needed."""
DASHES = ("", "8 4", "2 4", "10 4 2 4", "4 4", "12 3", "2 2", "6 2 2 2", "14 4", "3 6")


def num(value: float) -> str:
    """A coordinate: one decimal place, no `-0.0`."""
    text = f"{value:.1f}"
    return "0.0" if text == "-0.0" else text


def short(value: float, unit: str) -> str:
    """A tick label: `200k`, `1M`, `$2.50`, `$10k`, `$0.005`, `80%`."""
    if unit == "percent":
        return f"{value * 100:.0f}%"
    if unit == "score":
        return f"{value:,.0f}"
    prefix = "$" if unit == "usd" else ""
    for size, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= size:
            return f"{prefix}{value / size:g}{suffix}"
    if prefix and 0 < abs(value) < 1:
        return f"{prefix}{value:.4f}".rstrip("0").rstrip(".")
    return f"{prefix}{value:g}"


def ticks(axis: Axis) -> tuple[float, tuple[float, ...]]:
    """A round top at or above the axis' `high`, and 4 to 6 evenly spaced ticks from 0 to it."""
    span = max(float(axis.high), 1e-12)
    base = 10.0 ** math.floor(math.log10(span))
    step = next(s * base for s in (0.2, 0.25, 0.5, 1.0, 2.0, 2.5, 5.0, 10.0) if span / (s * base) <= 6)
    top = math.ceil(span / step - 1e-9) * step
    return top, tuple(i * step for i in range(round(top / step) + 1))


def text(x: float | str, y: float | str, body: str, anchor: str = "start", cls: str = "") -> str:
    """A `<text>` element; `body` is escaped here."""
    klass = f' class="{cls}"' if cls else ""
    return f'<text{klass} x="{x}" y="{y}" text-anchor="{anchor}">{xml(body)}</text>'


def _open(chart: Chart, height: float) -> list[str]:
    cid = xml(chart.id)
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="{cid}" viewBox="0 0 {W} {num(height)}"'
        f' role="img" aria-labelledby="{cid}-title {cid}-desc">',
        f'<title id="{cid}-title">{xml(chart.title)}</title>',
        f'<desc id="{cid}-desc">{xml(chart.caption)}</desc>',
    ]


def _legend(names: Sequence[str], top: float) -> list[str]:
    out = ['<g class="legend">']
    for i, name in enumerate(names):
        lx, ly = LEFT + (i % 2) * (PLOT_W / 2), top + (i // 2) * LEGEND_ROW
        dash = f' stroke-dasharray="{DASHES[i % len(DASHES)]}"' if DASHES[i % len(DASHES)] else ""
        out.append(
            f'<line x1="{num(lx)}" x2="{num(lx + 28)}" y1="{num(ly)}" y2="{num(ly)}"'
            f' stroke="{COLORS[i % len(COLORS)]}" stroke-width="3"{dash}/>'
        )
        label = name if len(name) <= 44 else name[:43] + "…"
        out.append(f'<text x="{num(lx + 34)}" y="{num(ly + 4)}">{xml(label)}</text>')
    out.append("</g>")
    return out


def _axes(
    chart: Chart,
    y_at: Sequence[tuple[float, float]],
    x_at: Sequence[tuple[float, float]],
    x_grid: bool = False,
) -> list[str]:
    """Grid lines, ticks with their labels (each at its (coordinate, value)), axis labels and lines."""
    bottom = TOP + PLOT_H
    out = ['<g class="axes">']
    for y, value in y_at:
        out.append(f'<line class="grid" x1="{LEFT}" x2="{LEFT + PLOT_W}" y1="{num(y)}" y2="{num(y)}"/>')
        out.append(text(LEFT - 6, num(y), short(value, chart.y.unit), "end", "tick y"))
    for x, value in x_at:
        top, cls = (TOP, "grid") if x_grid else (bottom, "tick")
        out.append(f'<line class="{cls}" x1="{num(x)}" x2="{num(x)}" y1="{top}" y2="{bottom + 5}"/>')
        out.append(text(num(x), bottom + 18, short(value, chart.x.unit), "middle", "tick x"))
    return [
        *out,
        text(LEFT + PLOT_W / 2, bottom + 38, chart.x.label, "middle", "axis-label"),
        text(LEFT, TOP - 12, chart.y.label, "start", "axis-label"),
        f'<line class="axis" x1="{LEFT}" x2="{LEFT + PLOT_W}" y1="{bottom}" y2="{bottom}"/>',
        f'<line class="axis" x1="{LEFT}" x2="{LEFT}" y1="{TOP}" y2="{bottom}"/>',
        "</g>",
    ]


def line_chart(chart: Chart) -> str:
    """One `<g class="series">` per line with a `<circle>` per point, markers, axes and a legend."""
    x_top, x_ticks = ticks(chart.x)
    y_top, y_ticks = ticks(chart.y)

    def px(value: Decimal | float) -> float:
        return LEFT + float(value) / x_top * PLOT_W

    def py(value: Decimal | float) -> float:
        return TOP + (1 - float(value) / y_top) * PLOT_H

    bottom = TOP + PLOT_H
    height = bottom + 56 + math.ceil(len(chart.series) / 2) * LEGEND_ROW
    out = [*_open(chart, height), *_axes(chart, [(py(v), v) for v in y_ticks], [(px(v), v) for v in x_ticks])]
    for m, mark in enumerate(chart.marks):
        mx = px(mark.x)
        out.append(f'<g class="mark {xml(mark.kind)}" data-value="{mark.x}">')
        out.append(f'<line x1="{num(mx)}" x2="{num(mx)}" y1="{TOP}" y2="{bottom}" stroke-dasharray="4 3"/>')
        if mark.y is not None:
            out.append(f'<circle cx="{num(mx)}" cy="{num(py(mark.y))}" r="6"/>')
        anchor, shift = ("end", -4) if mx > LEFT + PLOT_W * 0.6 else ("start", 4)
        out.append(text(num(mx + shift), TOP + 12 + 15 * m, mark.label, anchor))
        out.append("</g>")
    for i, series in enumerate(chart.series):
        color, dash = COLORS[i % len(COLORS)], DASHES[i % len(DASHES)]
        coords = " ".join(f"{num(px(p.x))},{num(py(p.y))}" for p in series.points)
        extra = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(f'<g class="series" data-name="{xml(series.name)}"><title>{xml(series.name)}</title>')
        out.append(f'<polyline fill="none" stroke="{color}" stroke-width="2.5"{extra} points="{coords}"/>')
        out += [
            f'<circle cx="{num(px(p.x))}" cy="{num(py(p.y))}" r="3" fill="{color}">'
            f"<title>{xml(p.label)}</title></circle>"
            for p in series.points
        ]
        out.append("</g>")
    out += [*_legend([s.name for s in chart.series], bottom + 60), "</svg>"]
    return "\n".join(out)


def bar_chart(chart: Chart) -> str:
    """Horizontal bars, one per series (its single point's `y`), labelled on the left, value at the end."""
    top, grid = ticks(chart.y)
    width = W - BAR_LEFT - 90
    height = TOP + len(chart.series) * (BAR_H + BAR_GAP) + 30
    out = _open(chart, height)
    bottom = height - 30
    out.append('<g class="axes">')
    for value in grid:
        x = num(BAR_LEFT + value / top * width)
        out.append(f'<line class="grid" x1="{x}" x2="{x}" y1="{TOP - 6}" y2="{bottom}"/>')
        out.append(text(x, bottom + 16, short(value, chart.y.unit), "middle", "tick x"))
    out.append(text(BAR_LEFT, TOP - 12, chart.y.label, "start", "axis-label"))
    out.append("</g>")
    for i, series in enumerate(chart.series):
        point = series.points[0]
        y = TOP + i * (BAR_H + BAR_GAP)
        length = max(float(point.y) / top * width, 1.0)
        label = series.name if len(series.name) <= BAR_LABEL else series.name[: BAR_LABEL - 1] + "…"
        out.append(f'<g class="bar{" lead" if series.lead else ""}" data-name="{xml(series.name)}">')
        baseline = num(y + BAR_H - 5)
        out.append(text(BAR_LEFT - 8, baseline, label, "end", "label"))
        out.append(
            f'<rect x="{BAR_LEFT}" y="{num(y)}" width="{num(length)}" height="{BAR_H}"'
            f' fill="{COLORS[0] if series.lead else COLORS[5]}">'
            f"<title>{xml(series.name)}: {xml(point.label)}</title></rect>"
        )
        out.append(text(num(BAR_LEFT + length + 6), baseline, point.label, "start", "value"))
        out.append("</g>")
    out.append("</svg>")
    return "\n".join(out)


def log_ticks(axis: Axis) -> tuple[float, float, tuple[float, ...]]:
    """Powers of ten from at or below the axis' `low` to at or above its `high`."""
    low = max(float(axis.low if axis.low is not None else axis.high), 1e-6)
    first = math.floor(math.log10(low))
    last = max(math.ceil(math.log10(max(float(axis.high), low))), first + 1)
    return float(first), float(last), tuple(10.0**e for e in range(first, last + 1))


def band_ticks(axis: Axis) -> tuple[float, float, tuple[float, ...]]:
    """A round band around `low` to `high` with 4 to 6 evenly spaced ticks."""
    low = float(axis.low if axis.low is not None else 0)
    span = max(float(axis.high) - low, 1e-9)
    base = 10.0 ** math.floor(math.log10(span))
    step = next(s * base for s in (0.2, 0.25, 0.5, 1.0, 2.0, 2.5, 5.0, 10.0) if span / (s * base) <= 5)
    bottom, top = math.floor(low / step) * step, math.ceil(float(axis.high) / step - 1e-9) * step
    return bottom, top, tuple(bottom + i * step for i in range(round((top - bottom) / step) + 1))


def scatter_chart(chart: Chart) -> str:
    """Points against a log cost axis and a rating band: `dots` small, a `line` series joined,
    each `marked` series one labelled point."""
    x_first, x_last, x_ticks = log_ticks(chart.x)
    y_low, y_high, y_ticks = band_ticks(chart.y)

    def px(value: Decimal | float) -> float:
        position = (math.log10(max(float(value), 1e-6)) - x_first) / (x_last - x_first)
        return LEFT + position * PLOT_W

    def py(value: Decimal | float) -> float:
        return TOP + (1 - (float(value) - y_low) / (y_high - y_low)) * PLOT_H

    bottom = TOP + PLOT_H
    marked = [s for s in chart.series if s.style == "marked"]
    height = bottom + 56 + math.ceil(len(marked) / 2) * LEGEND_ROW
    y_at, x_at = [(py(v), v) for v in y_ticks], [(px(v), v) for v in x_ticks]
    out = [*_open(chart, height), *_axes(chart, y_at, x_at, x_grid=True)]
    for series in (s for s in chart.series if s.style == "dots"):
        # Fill on the group: a comparison page draws some 200 dots, and bytes are what a hit serves.
        out.append(
            f'<g class="dots" data-name="{xml(series.name)}" fill="{COLORS[5]}" fill-opacity="0.45">'
            f"<title>{xml(series.name)}</title>"
        )
        out += [
            f'<circle cx="{num(px(p.x))}" cy="{num(py(p.y))}" r="2.5"><title>{xml(p.label)}</title></circle>'
            for p in series.points
        ]
        out.append("</g>")
    for series in (s for s in chart.series if s.style == "line"):
        coords = " ".join(f"{num(px(p.x))},{num(py(p.y))}" for p in series.points)
        out.append(
            f'<g class="frontier" data-name="{xml(series.name)}" fill="{COLORS[2]}">'
            f"<title>{xml(series.name)}</title>"
        )
        out.append(f'<polyline fill="none" stroke="{COLORS[2]}" stroke-width="2" points="{coords}"/>')
        out += [
            f'<circle cx="{num(px(p.x))}" cy="{num(py(p.y))}" r="3.5"><title>{xml(p.label)}</title></circle>'
            for p in series.points
        ]
        out.append("</g>")
    for i, series in enumerate(marked):
        color = COLORS[i % len(COLORS)]
        out.append(f'<g class="series" data-name="{xml(series.name)}"><title>{xml(series.name)}</title>')
        out += [
            f'<circle cx="{num(px(p.x))}" cy="{num(py(p.y))}" r="7" fill="none" stroke="{color}"'
            f' stroke-width="3"><title>{xml(p.label)}</title></circle>'
            for p in series.points
        ]
        out.append("</g>")
    legend = _legend([s.name for s in marked], bottom + 60)
    out += [*legend, "</svg>"]
    return "\n".join(out)


def render(chart: Chart) -> str:
    """The chart's SVG, by its kind."""
    if chart.kind == "scatter":
        return scatter_chart(chart)
    return bar_chart(chart) if chart.kind == "bars" else line_chart(chart)
