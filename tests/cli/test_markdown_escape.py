"""`cost` and `rank --format md` print data as text: a name cannot add a column, a link or HTML."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from modelvs.cli import engine_commands
from modelvs.cli.common import Format

HOSTILE = "<script>x</script> | [a](javascript:b)\n# h \x1b]0;t\x07"


@pytest.mark.parametrize("fmt", [Format.MD, Format.TEXT])
def test_rows_and_footer_are_escaped(monkeypatch: pytest.MonkeyPatch, fmt: Format) -> None:
    out = io.StringIO()
    monkeypatch.setattr(engine_commands, "console", Console(file=out, width=300, color_system=None))
    view = {"workload": {"description": HOSTILE}, "on": "2026-11-24", "tie_rule": "rule"}
    engine_commands._emit(fmt, HOSTILE, view, ("a", "b"), [(HOSTILE, "2")], [HOSTILE])
    text = out.getvalue()
    assert "\x1b" not in text
    if fmt is Format.MD:
        assert "<script>" not in text
        assert "[a](" not in text
        rows = [line for line in text.splitlines() if line.startswith("| ")]
        assert rows[-1].count(" | ") == 1  # two cells: the hostile `|` is escaped
        assert not [line for line in text.splitlines() if line.startswith("# ")]
