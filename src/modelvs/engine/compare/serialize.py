"""`comparison_to_dict`: the JSON-ready form every renderer (CLI, API, web) reads.

Keys are the dataclass field names of `Comparison` and the types it holds, so they are documented
by those docstrings and stay stable; every fact object also carries `kind` (its fact kind).
Conversions: Decimal -> string (exact, in plain notation: never `1E+6`), date -> ISO string,
named tuple -> object (its field names), other tuple -> list, enum -> value. The top-level
`version` field changes whenever a key is renamed or removed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from enum import Enum
from typing import Any

from modelvs.formatting import exact

from .comparison import Comparison

_Shape = tuple[str | None, tuple[str, ...]]
_SHAPES: dict[type, _Shape | None] = {}
"""Per class: a dataclass's `kind` and field names, or None for any other class. Read once per
class: a comparison holds some 1,600 values."""
_PLAIN = (str, int, float, bool, type(None))


def _shape(cls: type) -> _Shape | None:
    if issubclass(cls, tuple) and hasattr(cls, "_fields"):  # a NamedTuple: its members have names
        return (None, tuple(cls._fields))
    if not dataclasses.is_dataclass(cls):
        return None
    kind = getattr(cls, "kind", None)
    return (kind if isinstance(kind, str) else None, tuple(f.name for f in dataclasses.fields(cls)))


def plain(value: Any) -> Any:
    """Any frozen result (dataclasses, tuples, enums, Decimals, dates) as plain JSON types."""
    cls = type(value)
    if cls in _PLAIN:
        return value
    try:
        shape = _SHAPES[cls]
    except KeyError:
        shape = _SHAPES[cls] = _shape(cls)
    if shape is not None:
        kind, names = shape
        out: dict[str, Any] = {"kind": kind} if kind is not None else {}
        for name in names:
            out[name] = plain(getattr(value, name))
        return out
    if cls is tuple or cls is list:
        return [plain(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return exact(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    return value


def comparison_to_dict(comparison: Comparison) -> dict[str, Any]:
    """The whole comparison as plain JSON types, `version` first."""
    out: dict[str, Any] = plain(comparison)
    return out
