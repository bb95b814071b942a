"""A log as text: decoded once, its first lines kept for format detection, then read on as a stream."""

from __future__ import annotations

import contextlib
import io
import itertools
from collections.abc import Iterator
from typing import IO, Any, cast

HEAD_CHARS = 64 * 1024
"""How much of the start of a log detection looks at."""
CHUNK = 1 << 20
"""Characters read at a time by the JSON reader."""


class _Decoded(io.TextIOWrapper):
    """Text read from the caller's binary stream, which stays the caller's: dropping this (a log
    read only in part) leaves the stream open for its owner to close."""

    def __del__(self) -> None:
        with contextlib.suppress(ValueError):  # already detached
            self.detach()


class LogText:
    """A log's text, read once: `head` (the first lines, for detection), then `lines()` for CSV or
    `read(n)` for JSON, each starting from the beginning of the file."""

    def __init__(self, stream: IO[bytes] | IO[str]) -> None:
        if isinstance(stream, io.TextIOBase):
            text: IO[str] = stream
        else:
            # utf-8-sig: a spreadsheet's byte-order mark is not part of the first column's name.
            text = _Decoded(cast(Any, stream), encoding="utf-8-sig", newline="")
        self._stream = text
        self._lines: list[str] = []
        size = 0
        while size < HEAD_CHARS:
            line = self._read_line()
            if not line:
                break
            self._lines.append(line)
            size += len(line)
        self.head = "".join(self._lines)
        self._used = False

    def _read_line(self) -> str:
        try:
            return self._stream.readline()
        except UnicodeDecodeError as err:
            raise not_text(err) from None

    def lines(self) -> Iterator[str]:
        """Every line of the log, from the first. (A chain, not a generator: a big CSV is read
        through it; a byte that is not UTF-8 raises `UnicodeDecodeError` from it, which the
        readers turn into `not_text`.)"""
        self._take()
        head, self._lines = self._lines, []
        return itertools.chain(head, self._stream)

    def chunks(self) -> Iterator[str]:
        """The log's text in pieces of about `CHUNK` characters, from the first."""
        self._take()
        if self.head:
            yield self.head
        self._lines = []
        while True:
            try:
                piece = self._stream.read(CHUNK)
            except UnicodeDecodeError as err:
                raise not_text(err) from None
            if not piece:
                return
            yield piece

    def _take(self) -> None:
        if self._used:
            raise RuntimeError("a log's text can be read once")
        self._used = True


def not_text(err: UnicodeDecodeError) -> Exception:
    from modelvs.usage.record import UsageFormatError

    return UsageFormatError(f"not UTF-8 text ({err.reason} at byte {err.start} of a chunk)")
