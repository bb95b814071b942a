"""SVG drawings of view-model charts (`views.blocks.Chart`): line charts, horizontal bars, scatters.

Pure string building. Every piece of text goes through `escape.xml`, so a hostile model name
cannot break out of the SVG. Coordinates are floats for drawing only: the figures a reader sees
come as text from the chart, and its table has every one of them.

Drawn for a phone: the drawing is `W` units wide and its text `FONT` units tall, so at a phone's
width (a 390 px screen shows it some 366 px wide) every label is at least 11 px, and wider
screens only scale it up (the page caps a chart's width). Labels are never cut: a long one wraps
onto more lines. Marker labels sit in a numbered key under the plot, never on top of each other.
"""

from __future__ import annotations

import functools
import math
import weakref
from collections.abc import Callable, Sequence
from decimal import Decimal

from modelvs.views.blocks import Axis, Chart, Mark, Point
from modelvs.views.escape import xml

W = 380
"""Width of every chart (viewBox units): about a phone's width in CSS pixels."""
FONT = 12.5
"""Text size in viewBox units (the stylesheet sets the same)."""
CHAR_W = FONT * 0.6
"""A generous average character width, for wrapping labels."""
LINE = 16
"""Height of one line of text."""
PLOT_H = 190
LEFT, RIGHT, TOP = 50, 14, 30
PLOT_W = W - LEFT - RIGHT
BAR_H, BAR_GAP = 14, 10
MAX_X_TICKS = 5
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


def ticks(axis: Axis, most: int = 6) -> tuple[float, tuple[float, ...]]:
    """A round top at or above the axis' `high`, and 3 to `most` evenly spaced ticks from 0 to it."""
    span = max(float(axis.high), 1e-12)
    base = 10.0 ** math.floor(math.log10(span))
    steps = (0.2, 0.25, 0.5, 1.0, 2.0, 2.5, 5.0, 10.0)
    step = next(s * base for s in steps if span / (s * base) <= most - 1 + 1e-9)
    top = math.ceil(span / step - 1e-9) * step
    return top, tuple(i * step for i in range(round(top / step) + 1))


def wrap(body: str, width: float) -> list[str]:
    """`body` in lines that fit `width` units, broken at spaces (a word longer than a line stays
    whole on its own line: cut text is worse than a long line)."""
    most = max(int(width / CHAR_W), 8)
    lines: list[str] = []
    for word in body.split(" "):
        if lines and len(lines[-1]) + 1 + len(word) <= most:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def text(x: float | str, y: float | str, body: str, anchor: str = "start", cls: str = "") -> str:
    """A `<text>` element; `body` is escaped here."""
    klass = f' class="{cls}"' if cls else ""
    return f'<text{klass} x="{x}" y="{y}" text-anchor="{anchor}">{xml(body)}</text>'


def lines_of(x: float, y: float, lines: Sequence[str], cls: str = "") -> str:
    """Several lines of text from (`x`, `y`), one under the other."""
    klass = f' class="{cls}"' if cls else ""
    spans = "".join(
        f'<tspan x="{num(x)}" dy="{0 if i == 0 else LINE}">{xml(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return f'<text{klass} x="{num(x)}" y="{num(y)}">{spans}</text>'


def _open(chart: Chart, height: float) -> list[str]:
    cid = xml(chart.id)
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="{cid}" viewBox="0 0 {W} {num(height)}"'
        f' role="img" aria-labelledby="{cid}-title {cid}-desc">',
        f'<title id="{cid}-title">{xml(chart.title)}</title>',
        f'<desc id="{cid}-desc">{xml(chart.caption)}</desc>',
    ]


def _key(entries: Sequence[tuple[str, str]], top: float) -> tuple[list[str], float]:
    """A key under the plot, one entry per row: (swatch markup at the row's left, label). Labels
    wrap to the chart's width. Returns the markup and the height it takes."""
    out = ['<g class="legend">']
    y = top
    for swatch, label in entries:
        wrapped = wrap(label, W - 8 - 40)
        out.append(swatch.format(x=num(8), x2=num(8 + 28), y=num(y - 4), cx=num(8 + 14)))
        out.append(lines_of(8 + 40, y, wrapped))
        y += LINE * len(wrapped) + 4
    out.append("</g>")
    return out, y - top


def _line_swatch(i: int) -> str:
    dash = f' stroke-dasharray="{DASHES[i % len(DASHES)]}"' if DASHES[i % len(DASHES)] else ""
    return (
        '<line x1="{x}" x2="{x2}" y1="{y}" y2="{y}"'
        f' stroke="{COLORS[i % len(COLORS)]}" stroke-width="3"{dash}/>'
    )


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
        out.append(text(LEFT - 5, num(y + 4), short(value, chart.y.unit), "end", "tick y"))
    last = len(x_at) - 1
    for i, (x, value) in enumerate(x_at):
        top, cls = (TOP, "grid") if x_grid else (bottom, "tick")
        out.append(f'<line class="{cls}" x1="{num(x)}" x2="{num(x)}" y1="{top}" y2="{bottom + 5}"/>')
        # The first label starts at the axis (clear of the lowest y label), the last ends at the edge.
        anchor = "end" if i == last and x > LEFT + PLOT_W - 20 else "start" if x < LEFT + 10 else "middle"
        out.append(text(num(x), bottom + 18, short(value, chart.x.unit), anchor, "tick x"))
    return [
        *out,
        text(LEFT + PLOT_W / 2, bottom + 36, chart.x.label, "middle", "axis-label"),
        text(8, TOP - 14, chart.y.label, "start", "axis-label"),
        f'<line class="axis" x1="{LEFT}" x2="{LEFT + PLOT_W}" y1="{bottom}" y2="{bottom}"/>',
        f'<line class="axis" x1="{LEFT}" x2="{LEFT}" y1="{TOP}" y2="{bottom}"/>',
        "</g>",
    ]


def _lanes(xs: Sequence[float], gap: float = 18) -> list[int]:
    """A lane per marker badge so that badges closer than `gap` never share one."""
    ends: list[float] = []
    lanes = [0] * len(xs)
    for i in sorted(range(len(xs)), key=lambda k: xs[k]):
        lane = next((n for n, end in enumerate(ends) if xs[i] - end >= gap), len(ends))
        if lane == len(ends):
            ends.append(xs[i])
        else:
            ends[lane] = xs[i]
        lanes[i] = lane
    return lanes


def _marks(
    marks: Sequence[Mark], px: Callable[[Decimal], float], py: Callable[[Decimal], float]
) -> tuple[list[str], list[tuple[str, str]]]:
    """Each marker as a dashed line with a numbered badge at the top (badges in lanes, apart), and
    its key entry (number, label) for the key under the plot."""
    bottom = TOP + PLOT_H
    xs = [px(m.x) for m in marks]
    lanes = _lanes(xs)
    out, keys = [], []
    for n, (mark, mx, lane) in enumerate(zip(marks, xs, lanes, strict=True), start=1):
        out.append(f'<g class="mark {xml(mark.kind)}" data-value="{mark.x}">')
        out.append(f'<line x1="{num(mx)}" x2="{num(mx)}" y1="{TOP}" y2="{bottom}" stroke-dasharray="4 3"/>')
        if mark.y is not None:
            out.append(f'<circle cx="{num(mx)}" cy="{num(py(mark.y))}" r="6"/>')
        by = TOP + 8 + lane * 17
        out.append(f'<circle class="badge" cx="{num(mx)}" cy="{num(by)}" r="8"/>')
        out.append(text(num(mx), num(by + 4), str(n), "middle", "badge"))
        out.append(f"<title>{xml(mark.label)}</title></g>")
        keys.append((f'<g class="mark {xml(mark.kind)}">{_badge_swatch(n)}</g>', mark.label))
    return out, keys


def _badge_swatch(n: int) -> str:
    """A marker's badge in the key (`{cx}` and `{y}` are filled in by `_key`)."""
    return (
        '<circle class="badge" cx="{cx}" cy="{y}" r="8"/>'
        f'<text class="badge" x="{{cx}}" y="{{y}}" dy="4" text-anchor="middle">{n}</text>'
    )


def line_chart(chart: Chart) -> str:
    """One `<g class="series">` per line with a `<circle>` per point, markers, axes and a key."""
    x_top, x_ticks = ticks(chart.x, MAX_X_TICKS)
    y_top, y_ticks = ticks(chart.y)

    def px(value: Decimal | float) -> float:
        return LEFT + float(value) / x_top * PLOT_W

    def py(value: Decimal | float) -> float:
        return TOP + (1 - float(value) / y_top) * PLOT_H

    bottom = TOP + PLOT_H
    body = [*_axes(chart, [(py(v), v) for v in y_ticks], [(px(v), v) for v in x_ticks])]
    marks, mark_keys = _marks(chart.marks, px, py)
    body += marks
    for i, series in enumerate(chart.series):
        color, dash = COLORS[i % len(COLORS)], DASHES[i % len(DASHES)]
        coords = " ".join(f"{num(px(p.x))},{num(py(p.y))}" for p in series.points)
        extra = f' stroke-dasharray="{dash}"' if dash else ""
        body.append(f'<g class="series" data-name="{xml(series.name)}"><title>{xml(series.name)}</title>')
        body.append(f'<polyline fill="none" stroke="{color}" stroke-width="2.5"{extra} points="{coords}"/>')
        body += [
            f'<circle cx="{num(px(p.x))}" cy="{num(py(p.y))}" r="3" fill="{color}">'
            f"<title>{xml(p.label)}</title></circle>"
            for p in series.points
        ]
        body.append("</g>")
    entries = [(_line_swatch(i), s.name) for i, s in enumerate(chart.series)] + mark_keys
    key, taken = _key(entries, bottom + 62)
    return "\n".join([*_open(chart, bottom + 62 + taken), *body, *key, "</svg>"])


@functools.lru_cache(maxsize=1024)
def _bar_label(name: str, lead: bool, y: float) -> tuple[str, str, int]:
    """A bar's opening and its name above it from `y` (wrapped), its name escaped, and the lines
    the name takes: what no workload changes (a route chart's bars are its routes)."""
    label = wrap(name, W - 8 - RIGHT)
    escaped = xml(name)
    opening = f'<g class="bar{" lead" if lead else ""}" data-name="{escaped}">\n' + lines_of(
        8, y + FONT - 2, label, "label"
    )
    return opening, escaped, len(label)


def bar_chart(chart: Chart) -> str:
    """Horizontal bars, one per series (its single point's `y`): the series' name above its bar,
    wrapped, never cut; the value at the bar's end (inside it when it would run off the chart)."""
    top, grid = ticks(chart.y, MAX_X_TICKS)
    left, width = 8, W - 8 - RIGHT
    rows = []
    y = TOP
    for series in chart.series:
        label = _bar_label(series.name, series.lead, y)
        rows.append((series, label, y))
        y += LINE * label[2] + 2 + BAR_H + BAR_GAP
    bottom = y
    out = _open(chart, bottom + 26)
    out.append('<g class="axes">')
    last = len(grid) - 1
    for i, value in enumerate(grid):
        x = left + value / top * width
        out.append(f'<line class="grid" x1="{num(x)}" x2="{num(x)}" y1="{TOP - 6}" y2="{bottom}"/>')
        anchor = "end" if i == last else "start" if i == 0 else "middle"
        out.append(text(num(x), bottom + 16, short(value, chart.y.unit), anchor, "tick x"))
    out.append(text(left, TOP - 12, chart.y.label, "start", "axis-label"))
    out.append("</g>")
    for series, (opening, name, lines), y in rows:
        point = series.points[0]
        length = max(float(point.y) / top * width, 1.0)
        bar_y = y + LINE * lines + 2  # under the label's last line, clear of its descenders
        out.append(opening)
        out.append(
            f'<rect x="{left}" y="{num(bar_y)}" width="{num(length)}" height="{BAR_H}"'
            f' fill="{COLORS[0] if series.lead else COLORS[5]}">'
            f"<title>{name}: {xml(point.label)}</title></rect>"
        )
        needed = len(point.label) * CHAR_W + 6
        baseline = num(bar_y + BAR_H - 3)
        if left + length + needed <= W - 2:
            out.append(text(num(left + length + 5), baseline, point.label, "start", "value"))
        else:
            out.append(text(num(left + length - 5), baseline, point.label, "end", "value inside"))
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


_PLAIN_TAIL = "".join(chr(c) for c in range(32, 127) if chr(c) not in "&<>\"'")
"""Characters `xml` leaves as they are wherever they stand after others (printable ASCII but the
five it escapes: nothing in Unicode composes with them, and they are not line breaks)."""
_KEPT_DOTS = 4096
"""Dots kept (a scatter's `cy` and the escaped head of its label); past it the memo starts again."""
_dot_heads: dict[tuple[float, float, Decimal, str, str], str] = {}


def _circles(
    points: Sequence[Point], x_axis: tuple[float, float], band: tuple[float, float], attrs: str
) -> list[str]:
    """A `<circle>` per point on a log cost axis (`x_axis`: its first and last power of ten) and a
    rating band, titled with its label. The same as drawing each point anew, with what does not
    move with the workload kept per dot: its `cy`, and its label's head escaped (a value chart's
    label is a model's name and rating, then its cost in plain ASCII)."""
    x_first, x_last = x_axis
    y_low, y_high = band
    out = []
    for p in points:
        label = p.label
        head = label.rstrip(_PLAIN_TAIL)
        key = (y_low, y_high, p.y, attrs, head)
        rest = _dot_heads.get(key)
        if rest is None:
            cy = num(TOP + (1 - (float(p.y) - y_low) / (y_high - y_low)) * PLOT_H)
            if len(_dot_heads) >= _KEPT_DOTS:
                _dot_heads.clear()
            rest = _dot_heads[key] = f'" cy="{cy}"{attrs}><title>{xml(head)}'
        # `num` of `px` (in `scatter_chart`), in line: this runs for every dot of every workload.
        cx = f"{LEFT + (math.log10(max(float(p.x), 1e-6)) - x_first) / (x_last - x_first) * PLOT_W:.1f}"
        out.append(f'<circle cx="{"0.0" if cx == "-0.0" else cx}{rest}{label[len(head) :]}</title></circle>')
    return out


def scatter_chart(chart: Chart) -> str:
    """Points against a log cost axis and a rating band: `dots` small, a `line` series joined,
    each `marked` series one labelled point (named in the key)."""
    x_first, x_last, x_ticks = log_ticks(chart.x)
    y_low, y_high, y_ticks = band_ticks(chart.y)
    if len(x_ticks) > MAX_X_TICKS:  # every other power of ten: labels that do not touch
        x_ticks = x_ticks[:: math.ceil(len(x_ticks) / MAX_X_TICKS)]

    def px(value: Decimal | float) -> float:
        position = (math.log10(max(float(value), 1e-6)) - x_first) / (x_last - x_first)
        return LEFT + position * PLOT_W

    def py(value: Decimal | float) -> float:
        return TOP + (1 - (float(value) - y_low) / (y_high - y_low)) * PLOT_H

    band = (y_low, y_high)
    bottom = TOP + PLOT_H
    marked = [s for s in chart.series if s.style == "marked"]
    y_at, x_at = [(py(v), v) for v in y_ticks], [(px(v), v) for v in x_ticks]
    body = [*_axes(chart, y_at, x_at, x_grid=True)]
    for series in (s for s in chart.series if s.style == "dots"):
        # Fill on the group: a comparison page draws some 200 dots, and bytes are what a hit serves.
        body.append(
            f'<g class="dots" data-name="{xml(series.name)}" fill="{COLORS[5]}" fill-opacity="0.45">'
            f"<title>{xml(series.name)}</title>"
        )
        body += _circles(series.points, (x_first, x_last), band, ' r="2.5"')
        body.append("</g>")
    for series in (s for s in chart.series if s.style == "line"):
        coords = " ".join(f"{num(px(p.x))},{num(py(p.y))}" for p in series.points)
        body.append(
            f'<g class="frontier" data-name="{xml(series.name)}" fill="{COLORS[2]}">'
            f"<title>{xml(series.name)}</title>"
        )
        body.append(f'<polyline fill="none" stroke="{COLORS[2]}" stroke-width="2" points="{coords}"/>')
        body += _circles(series.points, (x_first, x_last), band, ' r="3.5"')
        body.append("</g>")
    for i, series in enumerate(marked):
        color = COLORS[i % len(COLORS)]
        body.append(f'<g class="series" data-name="{xml(series.name)}"><title>{xml(series.name)}</title>')
        body += _circles(
            series.points, (x_first, x_last), band, f' r="7" fill="none" stroke="{color}" stroke-width="3"'
        )
        body.append("</g>")
    ring = '<circle cx="{cx}" cy="{y}" r="6" fill="none" stroke="%s" stroke-width="3"/>'
    entries = [(ring % COLORS[i % len(COLORS)], s.name) for i, s in enumerate(marked)]
    key, taken = _key(entries, bottom + 62)
    return "\n".join([*_open(chart, bottom + 62 + taken), *body, *key, "</svg>"])


_DRAWN_MOST = 256
"""Line charts kept; past it the memo starts again."""
_drawn: dict[tuple[Chart, tuple[str, ...]], str] = {}
_drawn_ids: dict[int, tuple[weakref.ref[Chart], str]] = {}
"""The same, by the chart object: the views hand an unchanged chart over again, unhashed."""


def render(chart: Chart) -> str:
    """The chart's SVG, by its kind. A line chart equal to one drawn before is drawn once: a
    comparison's per-request and blend charts stay the same while only the request count changes
    (bars and dots are placed by monthly costs, which move with any traffic)."""
    if chart.kind == "scatter":
        return scatter_chart(chart)
    if chart.kind == "bars":
        return bar_chart(chart)
    same = _drawn_ids.get(id(chart))
    if same is not None and same[0]() is chart:
        return same[1]
    # Marks print their Decimal as written, and 0.8 == 0.80: the key holds that text too.
    key = (chart, tuple(str(m.x) for m in chart.marks))
    drawn = _drawn.get(key)
    if drawn is None:
        if len(_drawn) >= _DRAWN_MOST:
            _drawn.clear()
        drawn = _drawn[key] = line_chart(chart)
    if len(_drawn_ids) >= _DRAWN_MOST:
        _drawn_ids.clear()
    _drawn_ids[id(chart)] = (weakref.ref(chart), drawn)
    return drawn
