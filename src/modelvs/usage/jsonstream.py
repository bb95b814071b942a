"""The items of a JSON log, one at a time, with the line each starts on: a stdlib streaming reader.

A usage export is one JSON document (`{"data": [bucket, ...], "has_more": ...}`), several of them
one per line (pages saved as JSON Lines), or a top-level array. `items(chunks, path)` walks each
top-level value down the members named by `path` (`("resourceSpans", "scopeSpans", "spans")`)
and yields the elements of the last one; only one element is held in memory at a time (other
members are decoded and dropped). Numbers with a fraction are `Decimal`s, as the log wrote them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any

from modelvs.usage.record import UsageFormatError

_DECODER = json.JSONDecoder(parse_float=Decimal)
_WHITESPACE = " \t\n\r"
MAX_VALUE = 64 << 20
"""Characters one element may span: a larger one is refused rather than read into memory whole."""


class _Scanner:
    def __init__(self, chunks: Iterable[str]) -> None:
        self._chunks = iter(chunks)
        self.buf = ""
        self.pos = 0
        self.line = 1
        """The line `pos` is on."""
        self.eof = False

    def fill(self) -> bool:
        """Read one more chunk (dropping what was consumed); False at the end of the text."""
        if self.eof:
            return False
        piece = next(self._chunks, None)
        if piece is None:
            self.eof = True
            return False
        if self.pos:
            self.buf = self.buf[self.pos :]
            self.pos = 0
        self.buf += piece
        return True

    def advance(self, end: int) -> None:
        self.line += self.buf.count("\n", self.pos, end)
        self.pos = end

    def peek(self) -> str:
        """The next character that is not whitespace ('' at the end)."""
        while True:
            buf, pos = self.buf, self.pos
            while pos < len(buf) and buf[pos] in _WHITESPACE:
                pos += 1
            self.advance(pos)
            if pos < len(buf):
                return buf[pos]
            if not self.fill():
                return ""

    def expect(self, char: str, what: str) -> None:
        found = self.peek()
        if found != char:
            shown = repr(found) if found else "the end of the file"
            raise UsageFormatError(f"not valid JSON: expected {what}, found {shown}", line=self.line)
        self.advance(self.pos + 1)

    def value(self) -> Any:
        """The next JSON value, decoded; reads on while the value runs past the text held."""
        self.peek()
        while True:
            try:
                found, end = _DECODER.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError as err:
                if len(self.buf) - self.pos > MAX_VALUE:
                    raise UsageFormatError(
                        f"not valid JSON, or one value over {MAX_VALUE >> 20} MiB: {err.msg}",
                        line=self.line + self.buf.count("\n", self.pos, err.pos),
                    ) from None
                if self.fill():
                    continue
                raise UsageFormatError(
                    f"not valid JSON: {err.msg}", line=self.line + self.buf.count("\n", self.pos, err.pos)
                ) from None
            if end == len(self.buf) and not self.eof and self.fill():
                continue  # a number (or literal) cut by the chunk's end may go on
            self.advance(end)
            return found


def items(chunks: Iterable[str], path: tuple[str, ...]) -> Iterator[tuple[int, Any]]:
    """(line, element) for each element of the array at `path` in each top-level value; a
    top-level array's elements are walked as top-level values; with an empty `path`, each
    top-level object is the element."""
    scan = _Scanner(chunks)
    while scan.peek():
        yield from _walk(scan, path, top=True)


def _walk(scan: _Scanner, path: tuple[str, ...], *, top: bool) -> Iterator[tuple[int, Any]]:
    first = scan.peek()
    if top and first == "[":
        yield from _elements(scan, lambda: _walk(scan, path, top=True))
        return
    if not path:
        line = scan.line
        yield line, scan.value()
        return
    if first != "{":
        raise UsageFormatError(
            f"not the expected JSON: an object with {path[0]!r} was expected", line=scan.line
        )
    scan.advance(scan.pos + 1)
    if scan.peek() == "}":
        scan.advance(scan.pos + 1)
        return
    while True:
        key = scan.value()
        if not isinstance(key, str):
            raise UsageFormatError("not valid JSON: an object key must be a string", line=scan.line)
        scan.expect(":", "':'")
        if key == path[0] and scan.peek() == "[":
            yield from _elements(scan, lambda rest=path[1:]: _walk(scan, rest, top=False))
        else:
            scan.value()  # another member: read and dropped
        if scan.peek() == ",":
            scan.advance(scan.pos + 1)
            continue
        scan.expect("}", "',' or '}'")
        return


def _elements(scan: _Scanner, each: Any) -> Iterator[tuple[int, Any]]:
    scan.expect("[", "'['")
    if scan.peek() == "]":
        scan.advance(scan.pos + 1)
        return
    while True:
        yield from each()
        if scan.peek() == ",":
            scan.advance(scan.pos + 1)
            continue
        scan.expect("]", "',' or ']'")
        return
