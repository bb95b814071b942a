"""What a command prints: plain aligned text in a pipe, rich tables in a terminal; never a cut cell.

When stdout is not a terminal (a pipe, a file) or the command was given `--plain`, output is plain
text: a table's columns are as wide as their widest cell and two spaces apart (nothing cut, nothing
wrapped, no box drawing, no colour), one line per row, so `grep`, `cut -c`, `awk` and `less` read
it as it is; rich is not even imported. In a terminal, rich draws the tables and wraps a long cell
inside its column (never an ellipsis); the ids the next command takes are never wrapped.

Callers pass data strings as they are: this module makes them inert for the medium (`escape.clean`
for plain text, `escape.terminal` for rich), so a name can neither style the output nor send a
terminal escape sequence.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, TextIO

from modelvs.views.escape import clean
from modelvs.views.text import TextBlock, TextTable, aligned

if TYPE_CHECKING:
    from rich.console import Console


def is_plain(plain: bool = False, stream: TextIO | None = None) -> bool:
    """Plain text when asked (`--plain`) or when `stream` (stdout) is not a terminal."""
    out = stream if stream is not None else sys.stdout
    return plain or not _isatty(out)


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or replaced stream
        return False


class Output:
    """Prints to stdout in one of the two media; make one per command with `Output.of(plain)`."""

    def __init__(self, plain: bool, console: Console | None = None) -> None:
        self.plain = plain
        self._console = console
        """The rich console a terminal's output goes to (made when first needed)."""
        self._started = False

    @classmethod
    def of(cls, plain: bool = False) -> Output:
        return cls(is_plain(plain))

    @property
    def console(self) -> Console:
        """The rich console (terminal output only)."""
        if self._console is None:
            from rich.console import Console

            self._console = Console(highlight=False, emoji=False)
        return self._console

    def _write(self, text: str) -> None:
        sys.stdout.write(text + "\n")
        self._started = True

    def line(self, text: str = "", *, style: str | None = None) -> None:
        """One line of text (a sentence, a footnote); `style` (rich's: `bold`, `red`) in a terminal."""
        if self.plain:
            self._write(clean(text).rstrip())
            return
        from modelvs.views.escape import terminal

        shown = terminal(text)
        self.console.print(f"[{style}]{shown}[/]" if style and shown else shown, soft_wrap=False)

    def lines(self, texts: Sequence[str], bullet: str = "") -> None:
        for text in texts:
            self.line(f"{bullet}{text}")

    def title(self, text: str) -> None:
        """The heading of what follows: bold in a terminal."""
        self.line(text, style="bold")

    def section(self, title: str) -> None:
        """The start of a section: a blank line and its title (a rule in a terminal)."""
        if self.plain:
            self._write("")
            self._write(clean(title))
            return
        from modelvs.views.escape import terminal

        self.console.print()
        self.console.rule(f"[bold]{terminal(title)}[/]", align="left")

    def raw(self, text: str) -> None:
        """Text printed exactly (Markdown, TOML, CSV): the caller made it inert for its format."""
        sys.stdout.write(text if text.endswith("\n") else text + "\n")

    def blocks(self, blocks: Iterable[TextBlock]) -> None:
        for block in blocks:
            if isinstance(block, TextTable):
                self.table(block)
            elif block.strong:
                self.title(block.text)
            else:
                self.line(block.text)

    def table(self, table: TextTable) -> None:
        if self.plain:
            if table.title and self._started:
                self._write("")  # a titled table starts a section
            for line in aligned(table):
                self._write(line)
            return
        from rich.table import Table as RichTable

        from modelvs.views.escape import terminal

        drawn = RichTable(title=terminal(table.title) if table.title else None, title_justify="left")
        for i, header in enumerate(table.headers):
            drawn.add_column(
                terminal(header),
                no_wrap=i in table.keep,
                overflow="fold",  # a word longer than its column breaks onto the next line, never "…"
                justify="right" if i in table.right else "left",
            )
        for row in table.rows:
            drawn.add_row(*(terminal(cell) for cell in row))
        self.console.print(drawn)


def note(text: str) -> None:
    """A line for the reader on stderr (what was recovered, a warning): plain text."""
    sys.stderr.write(clean(text) + "\n")


def error(text: str) -> None:
    """`error: text` on stderr, the word in bold red when stderr is a terminal."""
    head = "\x1b[1;31merror:\x1b[0m" if _isatty(sys.stderr) else "error:"
    # Lines of a multi-line report stay lines; each is made inert on its own.
    sys.stderr.write(head + " " + "\n".join(clean(part) for part in text.split("\n")) + "\n")
