"""`comparison_to_dict`: the JSON-ready form every renderer (CLI, API, web) reads.

Keys are the dataclass field names of `Comparison` and the types it holds, so they are documented
by those docstrings and stay stable; every fact object also carries `kind` (its fact kind).
Conversions: Decimal -> string (exact, in plain notation: never `1E+6`), date -> ISO string,
tuple -> list, enum -> value. The top-level `version` field changes whenever a key is renamed or
removed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from enum import Enum
from typing import Any

from modelvs.formatting import exact

from .comparison import Comparison


def plain(value: Any) -> Any:
    """Any frozen result (dataclasses, tuples, enums, Decimals, dates) as plain JSON types."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out: dict[str, Any] = {}
        kind = getattr(type(value), "kind", None)
        if isinstance(kind, str):
            out["kind"] = kind
        for f in dataclasses.fields(value):
            out[f.name] = plain(getattr(value, f.name))
        return out
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
