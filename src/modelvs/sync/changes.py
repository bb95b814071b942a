"""What a sync would change, as a readable report."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum, StrEnum
from typing import Any


class ChangeKind(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"
    CONFLICT = "conflict"


@dataclass(frozen=True)
class Change:
    """One added, removed or changed value, or a conflict between two sources."""

    kind: ChangeKind
    file: str
    field: str
    old: Any = None
    new: Any = None
    source: str = ""
    other_source: str = ""

    def __str__(self) -> str:
        where = f"{self.file} [{self.field}]" if self.field else self.file
        by = f"  ({self.source})" if self.source else ""
        if self.kind is ChangeKind.ADDED:
            return f"+ {where} = {_short(self.new)}{by}"
        if self.kind is ChangeKind.REMOVED:
            return f"- {where} (was {_short(self.old)}){by}"
        if self.kind is ChangeKind.CHANGED:
            return f"~ {where}: {_short(self.old)} -> {_short(self.new)}{by}"
        return (
            f"! {where}: kept {_short(self.old)} ({self.other_source}); {self.source} says {_short(self.new)}"
        )


def summary(changes: list[Change]) -> str:
    """One line: how many files and values each kind of change touches."""
    counts = Counter(c.kind for c in changes)
    files = len({c.file for c in changes if c.kind is not ChangeKind.CONFLICT})
    parts = [f"{counts[k]} {k.value}" for k in ChangeKind if counts[k]]
    return f"{files} file(s) touched: " + (", ".join(parts) if parts else "no changes")


def _short(value: Any, limit: int = 80) -> str:
    text = plain(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def plain(value: Any) -> str:
    """A value as a reader writes it, never a Python repr: `2026-11-24`, `0.1`, `"gpt-4o"`, `[a, b]`."""
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, Decimal):
        text = format(value, "f")
        return "0" if text in ("-0", "0") else text
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list | tuple | set | frozenset):
        return "[" + ", ".join(plain(v) for v in value) + "]"
    if isinstance(value, dict):
        return (
            "{"
            + ", ".join(f"{plain(k) if not isinstance(k, str) else k} = {plain(v)}" for k, v in value.items())
            + "}"
        )
    return str(value)
