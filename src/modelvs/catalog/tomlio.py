"""Read and write the catalog's TOML: Decimal money in, deterministic text out."""

from __future__ import annotations

import datetime as dt
import json
import re
import tomllib
from decimal import Decimal
from typing import Any

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")
_PART = r'(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|\'[^\']*\')'
_DOTTED = rf"{_PART}(?:\s*\.\s*{_PART})*"
_ARRAY_HEADER = re.compile(rf"^\s*\[\[\s*({_DOTTED})\s*\]\]")
_TABLE_HEADER = re.compile(rf"^\s*\[\s*({_DOTTED})\s*\]")
_KEY_LINE = re.compile(rf"^\s*({_DOTTED})\s*=")
_PARTS = re.compile(_PART)


def loads(text: str) -> dict[str, Any]:
    """Parse TOML with every float as an exact `Decimal`."""
    return tomllib.loads(text, parse_float=Decimal)


def dumps(data: dict[str, Any]) -> str:
    """Serialise a dict to TOML: scalars first, then tables, then arrays of tables.

    Output depends only on the data, so an unchanged import rewrites identical bytes.
    """
    lines: list[str] = []
    _write_table(lines, (), data)
    return "\n".join(lines).strip() + "\n"


def _key(name: str) -> str:
    return name if _BARE_KEY.match(name) else json.dumps(name)


def _is_table_array(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


_LAST = ("citations", "provenance", "alternatives")
"""Bookkeeping tables go after the facts, so a file reads facts first."""


def _write_table(lines: list[str], path: tuple[str, ...], table: dict[str, Any]) -> None:
    table = dict(sorted(table.items(), key=lambda kv: kv[0] in _LAST)) if not path else table
    scalars = {k: v for k, v in table.items() if not isinstance(v, dict) and not _is_table_array(v)}
    for key, value in scalars.items():
        lines.append(f"{_key(key)} = {_value(value)}")
    for key, value in table.items():
        if isinstance(value, dict):
            sub = (*path, key)
            if _needs_header(value):
                lines.append("")
                lines.append(f"[{'.'.join(_key(p) for p in sub)}]")
            _write_table(lines, sub, value)
    for key, value in table.items():
        if _is_table_array(value):
            sub = (*path, key)
            for item in value:
                lines.append("")
                lines.append(f"[[{'.'.join(_key(p) for p in sub)}]]")
                _write_table(lines, sub, item)


def _needs_header(table: dict[str, Any]) -> bool:
    # A table holding only sub-tables needs no header of its own; an empty one does.
    return not table or any(not isinstance(v, dict) and not _is_table_array(v) for v in table.values())


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f")
        return text if "." in text else f"{text}.0"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        raise TypeError("floats are not allowed in the catalog; use Decimal")
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, dict):
        inner = ", ".join(f"{_key(k)} = {_value(v)}" for k, v in value.items())
        return "{ " + inner + " }" if inner else "{}"
    raise TypeError(f"cannot write {type(value).__name__} to TOML")


def key_lines(text: str) -> dict[str, int]:
    """The 1-based line of every table, array item and key in a TOML text, by dotted path with
    array items numbered (`prices.1.tiers.0.threshold`): where a problem with a field stands."""
    lines: dict[str, int] = {}
    counts: dict[str, int] = {}
    table = ""
    quote = None  # inside a multi-line string: its delimiter
    for number, line in enumerate(text.splitlines(), start=1):
        if quote is not None:
            if line.count(quote) % 2:
                quote = None
            continue
        if (found := _ARRAY_HEADER.match(line)) is not None:
            *outer, name = _split_key(found.group(1))
            array = ".".join((_resolve(outer, counts), name)) if outer else name
            counts[array] = counts.get(array, -1) + 1
            table = f"{array}.{counts[array]}"
            lines.setdefault(array, number)
        elif (found := _TABLE_HEADER.match(line)) is not None:
            table = _resolve(_split_key(found.group(1)), counts)
        elif (found := _KEY_LINE.match(line)) is not None:
            path = (
                ".".join((table, *_split_key(found.group(1))))
                if table
                else ".".join(_split_key(found.group(1)))
            )
            lines.setdefault(path, number)
            rest = line[found.end() :]
            for mark in ('"""', "'''"):
                if rest.count(mark) % 2:
                    quote = mark
        else:
            continue
        lines.setdefault(table, number)
    return lines


def line_of(lines: dict[str, int], field: str) -> int | None:
    """The line of `field` (a dotted path), else of the nearest table or key holding it."""
    parts = field.split(".") if field else []
    while parts:
        found = lines.get(".".join(parts))
        if found is not None:
            return found
        parts.pop()
    return None


def _split_key(dotted: str) -> list[str]:
    return [json.loads(p) if p.startswith('"') else p.strip("'") for p in _PARTS.findall(dotted)]


def _resolve(parts: list[str], counts: dict[str, int]) -> str:
    """A header's path with every array it passes through at its latest item."""
    path = ""
    for part in parts:
        path = f"{path}.{part}" if path else part
        if path in counts:
            path = f"{path}.{counts[path]}"
    return path
