"""What every CSV log shares: header names matched loosely, rows with their line numbers."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence

from modelvs.usage.record import UsageFormatError
from modelvs.usage.text import not_text

_NOT_NAME = re.compile(r"[^a-z0-9]")
MAX_FIELD = 1 << 20
"""The longest field a CSV log may hold (a LiteLLM `metadata` cell is a JSON document)."""
csv.field_size_limit(MAX_FIELD)


def name_key(name: str) -> str:
    """A column name as compared: `Prompt Tokens`, `prompt_tokens` and `promptTokens` are one name."""
    return _NOT_NAME.sub("", name.lower())


def header_keys(head: str) -> list[str] | None:
    """The compared names of a CSV log's header (its first line), or None when it has none."""
    first = head.split("\n", 1)[0]
    if not first.strip() or first.lstrip().startswith(("{", "[")):
        return None
    try:
        cells = next(csv.reader([first]))
    except (csv.Error, StopIteration):
        return None
    return [name_key(c) for c in cells]


class Columns:
    """Where each field of a log is in its rows, from the header and a field -> column-name map."""

    def __init__(
        self, header: Sequence[str], names: Mapping[str, Sequence[str]], required: Iterable[str]
    ) -> None:
        keys = [name_key(h) for h in header]
        self.index: dict[str, int] = {}
        for field, candidates in names.items():
            for candidate in candidates:
                key = name_key(candidate)
                if key in keys:
                    self.index[field] = keys.index(key)
                    break
        missing = [f for f in required if f not in self.index]
        if missing:
            wanted = ", ".join(f"{f} ({' or '.join(names[f])})" for f in missing)
            raise UsageFormatError(f"the header lacks {wanted}; it has: {', '.join(header)[:300]}", line=1)
        self.width = len(header)

    def get(self, field: str) -> int | None:
        return self.index.get(field)


def rows(lines: Iterable[str]) -> Iterator[tuple[int, list[str]]]:
    """(line, cells) for each row after the header, skipping blank lines; the header comes first
    as line 1."""
    reader = csv.reader(lines)
    try:
        for cells in reader:
            if cells:
                yield reader.line_num, cells
    except csv.Error as err:
        raise UsageFormatError(f"not valid CSV: {err}", line=reader.line_num) from None
    except UnicodeDecodeError as err:
        raise not_text(err) from None
