"""What commands print: plain aligned text in a pipe or with --plain, rich tables in a terminal."""

from __future__ import annotations

import io
import re
import subprocess
import sys

import pytest
from rich.console import Console

from modelvs.cli.output import Output, error, is_plain
from modelvs.views.text import TextLine, TextTable

WIDE = TextTable(
    ("id", "name", "kind", "context", "lab's API in/out", "cheapest vetted in/out", "status"),
    [
        (
            "anthropic/claude-opus-4-7",
            "Claude Opus 4.7",
            "text",
            "1,000,000",
            "$5 / $25",
            "$4.50 / $22.50 (GMI Cloud)",
            "current",
        ),
        (
            "anthropic/claude-haiku-4-5-20251001",
            "Claude Haiku 4.5",
            "text",
            "200,000",
            "$1 / $5",
            "$1 / $5 (Claude API)",
            "deprecated",
        ),
    ],
    "Models",
    keep=frozenset({0}),
)


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_plain_when_asked_or_when_stdout_is_not_a_terminal() -> None:
    assert is_plain(False, io.StringIO())
    assert is_plain(True, Tty())
    assert not is_plain(False, Tty())


def test_plain_output_keeps_every_cell_whole_on_its_row(capsys: pytest.CaptureFixture[str]) -> None:
    Output(plain=True).blocks([TextLine("Title", strong=True), WIDE, TextLine("a footnote")])
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Title"
    assert lines[1:3] == ["", "Models"]
    assert "…" not in "".join(lines)
    for row in WIDE.rows:
        [line] = [x for x in lines if x.startswith(row[0])]
        assert re.split(" {2,}", line) == list(row)
    assert lines[-1] == "a footnote"


def test_a_terminal_80_columns_wide_wraps_a_cell_but_never_cuts_it() -> None:
    screen = io.StringIO()
    Output(plain=False, console=Console(file=screen, width=80, color_system=None)).table(WIDE)
    drawn = screen.getvalue()
    assert "…" not in drawn
    assert max(len(line) for line in drawn.splitlines()) <= 80
    # Read column by column: the pieces a cell was wrapped into, joined, are the whole cell.
    body = [line for line in drawn.splitlines() if line.startswith("│")]
    columns = [[part.strip() for part in line.strip("│").split("│")] for line in body]
    for i, row in enumerate(WIDE.rows):
        start = next(n for n, cells in enumerate(columns) if cells[0] == row[0])  # an id is never wrapped
        end = next((n for n, cells in enumerate(columns) if n > start and cells[0]), len(columns))
        for c, cell in enumerate(row):
            pieces = [columns[n][c] for n in range(start, end) if columns[n][c]]
            assert "".join(pieces).replace(" ", "") == cell.replace(" ", ""), (i, c)


def test_an_error_is_one_plain_line_on_stderr_outside_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    error("the catalog folder [web] x\x1b[31m is missing")
    captured = capsys.readouterr()
    assert (captured.out, captured.err) == ("", "error: the catalog folder [web] x[31m is missing\n")


def test_plain_output_does_not_load_rich() -> None:
    code = (
        "import sys\n"
        "from modelvs.cli.output import Output\n"
        "from modelvs.views.text import TextTable\n"
        "Output(plain=True).table(TextTable(('a',), [('b',)], 'T'))\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'rich'))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.splitlines()[-1] == "[]"
