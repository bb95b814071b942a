"""`cost` and `rank` print data as text: a name cannot add a column, a link, HTML or a terminal escape."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from modelvs.cli import engine_commands
from modelvs.cli.common import Format
from modelvs.cli.output import Output
from modelvs.views.text import TextTable

HOSTILE = "<script>x</script> | [a](javascript:b)\n# h \x1b]0;t\x07 [bold]x[/bold]"


@pytest.mark.parametrize(("fmt", "plain"), [(Format.MD, True), (Format.TEXT, True), (Format.TEXT, False)])
def test_rows_and_footer_are_escaped(capsys: pytest.CaptureFixture[str], fmt: Format, plain: bool) -> None:
    terminal = io.StringIO()
    out = Output(plain, console=Console(file=terminal, width=300, color_system=None))
    view = {"workload": {"description": HOSTILE}, "on": "2026-11-24", "tie_rule": "rule"}
    engine_commands._emit(out, fmt, HOSTILE, view, TextTable(("a", "b"), [(HOSTILE, "2")]), [HOSTILE])
    text = capsys.readouterr().out + terminal.getvalue()
    assert "\x1b" not in text
    assert "\x07" not in text
    if fmt is Format.MD:
        assert "<script>" not in text
        assert "[a](" not in text
        rows = [line for line in text.splitlines() if line.startswith("| ")]
        assert rows[-1].count(" | ") == 1  # two cells: the hostile `|` is escaped
        assert not [line for line in text.splitlines() if line.startswith("# ")]
    else:
        # Rich markup in data prints as itself, in a terminal too; a line break in a cell is a space.
        assert "[bold]x[/bold]" in text
        assert "javascript:b) # h" in text
