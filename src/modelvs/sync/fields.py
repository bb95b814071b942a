"""Reading and writing dotted field paths in raw records, and their alternatives."""

from __future__ import annotations

from typing import Any


def get(raw: dict[str, Any], field: str) -> Any:
    value: Any = raw
    for part in field.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def set_(raw: dict[str, Any], field: str, value: Any) -> None:
    *parents, last = field.split(".")
    target = raw
    for part in parents:
        target = target.setdefault(part, {})
    target[last] = value


def drop(raw: dict[str, Any], field: str) -> None:
    *parents, last = field.split(".")
    target = raw
    for part in parents:
        target = target.get(part, {})
    target.pop(last, None)
    raw.get("provenance", {}).pop(field, None)
    if parents and not raw.get(parents[0]):
        raw.pop(parents[0], None)


def add_alternative(raw: dict[str, Any], field: str, value: Any, citation: str) -> None:
    alternatives = raw.setdefault("alternatives", [])
    entry = {"field": field, "value": value, "citation": citation}
    if entry not in alternatives:
        alternatives.append(entry)


def drop_alternative(raw: dict[str, Any], field: str, citation: str) -> None:
    if "alternatives" in raw:
        raw["alternatives"] = [
            a for a in raw["alternatives"] if not (a["field"] == field and a["citation"] == citation)
        ]
        if not raw["alternatives"]:
            del raw["alternatives"]
