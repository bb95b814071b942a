"""Text in the stylesheet meets WCAG AA contrast (4.5:1) on every background it is drawn on."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

CSS = (Path(__file__).resolve().parents[2] / "src/modelvs/web/static/site.css").read_text(encoding="utf-8")
VARS = dict(re.findall(r"--([a-z]+):\s*(#[0-9a-fA-F]{3,6})", CSS))

# (text colour, background) as the stylesheet pairs them; names are CSS variables or literals.
PAIRS = [
    ("fg", "bg"),  # body text
    ("muted", "bg"),  # hints, notes, sources, unknown cells
    ("link", "bg"),  # links
    ("#5a2d91", "bg"),  # visited links
    ("bg", "fg"),  # the skip link
    ("#fff", "link"),  # buttons
    ("fg", "#f2f2f2"),  # table headers
    ("muted", "#f2f2f2"),
    ("fg", "lead"),  # the leading cell of a scorecard row
    ("fg", "#fff8e1"),  # the stated workload
    ("fg", "#dbe8f7"),  # the highlighted suggestion
]


def colour(name: str) -> str:
    value = name if name.startswith("#") else VARS[name]
    assert value in CSS or name in VARS, f"{name} is not in site.css"
    return value


def luminance(hex_colour: str) -> float:
    digits = hex_colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    channels = [int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_formula_on_known_values() -> None:
    assert contrast("#000", "#fff") == pytest.approx(21.0)
    assert contrast("#777", "#fff") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize(("fg", "bg"), PAIRS)
def test_text_meets_aa(fg: str, bg: str) -> None:
    assert contrast(colour(fg), colour(bg)) >= 4.5, (fg, bg)
