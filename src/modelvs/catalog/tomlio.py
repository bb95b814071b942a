"""Read and write the catalog's TOML: Decimal money in, deterministic text out."""

from __future__ import annotations

import datetime as dt
import json
import re
import tomllib
from decimal import Decimal
from typing import Any

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


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
