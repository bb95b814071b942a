"""What a sync would change, as a readable report."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from enum import StrEnum
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
        if self.kind is ChangeKind.ADDED:
            return f"+ {where} = {_short(self.new)}  ({self.source})"
        if self.kind is ChangeKind.REMOVED:
            return f"- {where} (was {_short(self.old)})  ({self.source})"
        if self.kind is ChangeKind.CHANGED:
            return f"~ {where}: {_short(self.old)} -> {_short(self.new)}  ({self.source})"
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
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."
