"""Server-side SVG drawing: line and bar charts from numbers already computed by the engine.

Pure string building; every piece of text goes through `esc`, so a hostile model name cannot
break out of the SVG. Coordinates are floats for drawing only: the figures shown come as text.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from dataclasses import dataclass

W = 720
"""Width of every chart (viewBox units)."""
PLOT_H = 300
LEFT, RIGHT, TOP = 84, 24, 28
PLOT_W = W - LEFT - RIGHT
LEGEND_ROW = 20
COLORS = (
    "#0b4f9c", "#b35900", "#1b7837", "#762a83", "#c51b7d",
    "#4d4d4d", "#01665e", "#8c510a", "#2166ac", "#b2182b",
)  # fmt: skip
"""Distinct hues, each at least 4.5:1 on white; lines also differ by dash so colour is not needed."""
DASHES = ("", "8 4", "2 4", "10 4 2 4", "4 4", "12 3", "2 2", "6 2 2 2", "14 4", "3 6")


def esc(text: str) -> str:
    """Text or attribute value made safe for XML (and HTML)."""
    return html.escape(text, quote=True)


def num(value: float) -> str:
    """A coordinate: one decimal place, no `-0.0`."""
    text = f"{value:.1f}"
    return "0.0" if text == "-0.0" else text


@dataclass(frozen=True)
class Axis:
    """A linear or log axis from `low` to `high`, with labelled ticks."""

    low: float
    high: float
    log: bool
    ticks: tuple[tuple[float, str], ...]
    label: str

    def frac(self, value: float) -> float:
        """Where `value` falls between `low` (0) and `high` (1); values below a log axis sit at 0."""
        if self.log:
            lo, hi = math.log10(self.low), math.log10(self.high)
            return (math.log10(max(value, self.low)) - lo) / (hi - lo)
        return (value - self.low) / (self.high - self.low)

    def x(self, value: float) -> float:
        return LEFT + self.frac(value) * PLOT_W

    def y(self, value: float) -> float:
        return TOP + (1 - self.frac(value)) * PLOT_H


@dataclass(frozen=True)
class Line:
    """One series: points as (x, y, tooltip)."""

    name: str
    points: tuple[tuple[float, float, str], ...]


@dataclass(frozen=True)
class Mark:
    """A labelled vertical marker at `x` (and a dot at `y`, when given)."""

    x: float
    label: str
    kind: str
    """CSS class: `break-even` or `you`."""
    y: float | None = None
    data: str = ""
    """Exact value of the mark, kept in `data-value` for readers and tests."""


def log_axis(low: float, high: float, label: str, fmt: str = "count") -> Axis:
    """A log axis covering `low`..`high` in whole decades."""
    lo = math.floor(math.log10(low))
    hi = max(math.ceil(math.log10(high)), lo + 1)
    ticks = tuple((10.0**e, short(10.0**e, fmt)) for e in range(lo, hi + 1))
    return Axis(10.0**lo, 10.0**hi, True, ticks, label)


def linear_axis(high: float, label: str, fmt: str = "usd", low: float = 0.0) -> Axis:
    """A linear axis from `low` to a round number at or above `high`, with 4 to 6 ticks."""
    span = max(high - low, 1e-9)
    base = 10.0 ** math.floor(math.log10(span))
    step = next(s * base for s in (0.2, 0.25, 0.5, 1.0, 2.0, 2.5, 5.0, 10.0) if span / (s * base) <= 6)
    top = low + math.ceil(span / step - 1e-9) * step
    count = round((top - low) / step)
    ticks = tuple((low + i * step, short(low + i * step, fmt)) for i in range(count + 1))
    return Axis(low, top, False, ticks, label)


def short(value: float, fmt: str) -> str:
    """A tick label: `1k`, `100M`, `$2.50`, `$10k`, `80%`."""
    if fmt == "percent":
        return f"{value * 100:.0f}%"
    prefix = "$" if fmt == "usd" else ""
    for size, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= size:
            return f"{prefix}{value / size:g}{suffix}"
    if prefix and 0 < abs(value) < 1:
        return f"{prefix}{value:.2f}".rstrip("0").rstrip(".") if value >= 0.01 else f"{prefix}{value:g}"
    if prefix and value != int(value):
        return f"{prefix}{value:.2f}"
    return f"{prefix}{value:g}"


def _open(cid: str, title: str, desc: str, height: float) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="{esc(cid)}"'
        f' viewBox="0 0 {W} {num(height)}" role="img" aria-labelledby="{esc(cid)}-title {esc(cid)}-desc">',
        f'<title id="{esc(cid)}-title">{esc(title)}</title>',
        f'<desc id="{esc(cid)}-desc">{esc(desc)}</desc>',
    ]


def _axes(x: Axis | None, y: Axis) -> list[str]:
    out = ['<g class="axes">']
    bottom = TOP + PLOT_H
    for value, label in y.ticks:
        py = num(y.y(value))
        out.append(f'<line class="grid" x1="{LEFT}" x2="{LEFT + PLOT_W}" y1="{py}" y2="{py}"/>')
        out.append(f'<text class="tick y" x="{LEFT - 6}" y="{py}" text-anchor="end">{esc(label)}</text>')
    if x is not None:
        for value, label in x.ticks:
            px = num(x.x(value))
            out.append(f'<line class="tick" x1="{px}" x2="{px}" y1="{bottom}" y2="{bottom + 5}"/>')
            out.append(
                f'<text class="tick x" x="{px}" y="{bottom + 18}" text-anchor="middle"'
                f' data-value="{value:g}">{esc(label)}</text>'
            )
        out.append(
            f'<text class="axis-label" x="{LEFT + PLOT_W / 2}" y="{bottom + 38}" text-anchor="middle">'
            f"{esc(x.label)}</text>"
        )
    out.append(f'<line class="axis" x1="{LEFT}" x2="{LEFT + PLOT_W}" y1="{bottom}" y2="{bottom}"/>')
    out.append(f'<line class="axis" x1="{LEFT}" x2="{LEFT}" y1="{TOP}" y2="{bottom}"/>')
    out.append(
        f'<text class="axis-label" x="{LEFT}" y="{TOP - 10}" text-anchor="start">{esc(y.label)}</text>'
    )
    out.append("</g>")
    return out


def _legend(names: Sequence[str], top: float, swatch: str) -> list[str]:
    out = ['<g class="legend">']
    for i, name in enumerate(names):
        lx, ly = LEFT + (i % 2) * (PLOT_W / 2), top + (i // 2) * LEGEND_ROW
        color, dash = COLORS[i % len(COLORS)], DASHES[i % len(DASHES)]
        if swatch == "line":
            extra = f' stroke-dasharray="{dash}"' if dash else ""
            out.append(
                f'<line x1="{num(lx)}" x2="{num(lx + 28)}" y1="{num(ly)}" y2="{num(ly)}" stroke="{color}"'
                f' stroke-width="3"{extra}/>'
            )
        else:
            out.append(f'<rect x="{num(lx)}" y="{num(ly - 6)}" width="28" height="12" fill="{color}"/>')
        label = name if len(name) <= 48 else name[:47] + "…"
        out.append(f'<text x="{num(lx + 34)}" y="{num(ly + 4)}">{esc(label)}</text>')
    out.append("</g>")
    return out


def _height(legend_items: int) -> float:
    return TOP + PLOT_H + 56 + math.ceil(legend_items / 2) * LEGEND_ROW


def line_chart(
    cid: str, title: str, desc: str, x: Axis, y: Axis, lines: Sequence[Line], marks: Sequence[Mark] = ()
) -> str:
    """An SVG line chart: one `<g class="series">` per line, one `<circle>` per point, markers."""
    height = _height(len(lines))
    out = _open(cid, title, desc, height) + _axes(x, y)
    for m, mark in enumerate(marks):
        mx = num(x.x(mark.x))
        out.append(f'<g class="mark {esc(mark.kind)}" data-value="{esc(mark.data)}">')
        out.append(f'<line x1="{mx}" x2="{mx}" y1="{TOP}" y2="{TOP + PLOT_H}" stroke-dasharray="4 3"/>')
        if mark.y is not None:
            out.append(f'<circle cx="{mx}" cy="{num(y.y(mark.y))}" r="6"/>')
        anchor = "end" if x.frac(mark.x) > 0.7 else "start"
        shift = -4 if anchor == "end" else 4
        out.append(
            f'<text x="{num(x.x(mark.x) + shift)}" y="{TOP + 12 + 16 * m}" text-anchor="{anchor}">'
            f"{esc(mark.label)}</text>"
        )
        out.append("</g>")
    for i, line in enumerate(lines):
        color, dash = COLORS[i % len(COLORS)], DASHES[i % len(DASHES)]
        coords = " ".join(f"{num(x.x(px))},{num(y.y(py))}" for px, py, _ in line.points)
        extra = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(f'<g class="series" data-name="{esc(line.name)}">')
        out.append(f"<title>{esc(line.name)}</title>")
        out.append(f'<polyline fill="none" stroke="{color}" stroke-width="2.5"{extra} points="{coords}"/>')
        for px, py, tip in line.points:
            out.append(
                f'<circle cx="{num(x.x(px))}" cy="{num(y.y(py))}" r="3" fill="{color}">'
                f"<title>{esc(tip)}</title></circle>"
            )
        out.append("</g>")
    out += _legend([line.name for line in lines], TOP + PLOT_H + 60, "line")
    out.append("</svg>")
    return "\n".join(out)


@dataclass(frozen=True)
class Bar:
    """One bar: its value, which legend kind it is, and its tooltip."""

    value: float
    kind: int
    tip: str


def bar_chart(
    cid: str,
    title: str,
    desc: str,
    groups: Sequence[tuple[str, Sequence[Bar], str]],
    kinds: Sequence[str],
    y: Axis,
) -> str:
    """An SVG grouped bar chart: one `<g class="group">` per (label, bars, note), one `<rect>` per bar."""
    height = _height(len(kinds))
    out = _open(cid, title, desc, height) + _axes(None, y)
    slot = PLOT_W / max(len(groups), 1)
    bottom = TOP + PLOT_H
    for g, (label, bars, note) in enumerate(groups):
        gx = LEFT + g * slot
        width = min(36.0, (slot - 16) / max(len(bars), 1))
        start = gx + (slot - width * len(bars)) / 2
        out.append(f'<g class="group" data-name="{esc(label)}">')
        for b, bar in enumerate(bars):
            top = y.y(bar.value)
            out.append(
                f'<rect class="bar" x="{num(start + b * width)}" y="{num(top)}" width="{num(width - 2)}"'
                f' height="{num(bottom - top)}" fill="{COLORS[bar.kind % len(COLORS)]}">'
                f"<title>{esc(bar.tip)}</title></rect>"
            )
        short_label = label if len(label) <= 30 else label[:29] + "…"
        out.append(
            f'<text class="tick x" x="{num(gx + slot / 2)}" y="{bottom + 18}" text-anchor="middle">'
            f"{esc(short_label)}</text>"
        )
        if note:
            out.append(
                f'<text class="note" x="{num(gx + slot / 2)}" y="{bottom + 36}" text-anchor="middle">'
                f"{esc(note)}</text>"
            )
        out.append("</g>")
    out += _legend(kinds, TOP + PLOT_H + 60, "box")
    out.append("</svg>")
    return "\n".join(out)
