"""What a sync would change, as a readable report."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum, StrEnum
from pathlib import Path
from typing import Any

from modelvs.catalog.layout import record_path
from modelvs.sync.fields import Key, Records, flatten


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


def changes_between(before: Records, after: Records) -> list[Change]:
    """Added, removed and changed records and values between two states of the catalog."""
    found: list[Change] = []
    for key in sorted(set(before) | set(after)):
        old, new = before.get(key), after.get(key)
        if old == new:
            continue
        if old is None:
            found.append(
                Change(
                    ChangeKind.ADDED,
                    record_file(key),
                    "",
                    None,
                    new.get("name", key[1]) if new else None,
                )
            )
        elif new is None:
            found.append(Change(ChangeKind.REMOVED, record_file(key), "", old.get("name", key[1])))
        else:
            found.extend(_field_changes(key, old, new))
    return found


def _field_changes(key: Key, old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    flat_old, flat_new = flatten(old, deep=True), flatten(new, deep=True)
    found = []
    for field in sorted(set(flat_old) | set(flat_new)):
        if field.startswith(("citations", "provenance", "alternatives")):
            continue
        a, b = flat_old.get(field), flat_new.get(field)
        if a == b:
            continue
        source = new.get("provenance", {}).get(field.split(".")[0], "")
        kind = ChangeKind.ADDED if a is None else ChangeKind.REMOVED if b is None else ChangeKind.CHANGED
        found.append(Change(kind, record_file(key), field, a, b, source))
    return found


def record_file(key: Key) -> str:
    """The file a record is written to, relative to the data folder, as a change names it."""
    return record_path(Path(), *key).as_posix()


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
