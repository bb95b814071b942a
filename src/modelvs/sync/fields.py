"""Raw records, and reading and writing dotted field paths in them and their alternatives."""

from __future__ import annotations

from typing import Any

Key = tuple[str, str]
"""(kind, id) of a record."""
Records = dict[Key, dict[str, Any]]

_NESTED = ("capabilities",)


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


def flatten(values: dict[str, Any], *, deep: bool = False) -> dict[str, Any]:
    """Values by dotted field path: `capabilities` always spread into its fields, every table if `deep`."""
    flat: dict[str, Any] = {}
    for key, value in values.items():
        if isinstance(value, dict) and (deep or key in _NESTED):
            for sub, inner in flatten(value, deep=deep).items():
                flat[f"{key}.{sub}"] = inner
        else:
            flat[key] = value
    return flat
