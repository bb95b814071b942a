"""Writes `schemas/comparison.schema.json` from the comparison dataclasses (the file is checked in).

The schema follows `comparison_to_dict` exactly: one `$defs` entry per dataclass and named tuple
(an object: positional arrays do not survive client generators), every field required,
`additionalProperties: false`, descriptions from the field docstrings, money and other Decimals
as exact decimal strings. Run `python -m modelvs.engine.compare.jsonschema` after
changing a comparison type; `test_comparison_schema.py` fails while the file is stale.
"""

from __future__ import annotations

import ast
import dataclasses
import datetime as dt
import inspect
import itertools
import json
import textwrap
import types
import typing
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any, get_args, get_origin, get_type_hints

from typing_extensions import is_typeddict  # also knows typing_extensions' TypedDict (SourceRef)

from modelvs.engine.compare import COMPARISON_VERSION, Comparison

SCHEMA_PATH = Path(__file__).resolve().parents[4] / "schemas" / "comparison.schema.json"
"""Where the published schema is checked in (the repository's `schemas/`)."""
DECIMAL = {
    "type": "string",
    "pattern": r"^-?[0-9]+(\.[0-9]+)?$",
    "description": "An exact decimal as a string (money is never a float).",
}
DATE = {"type": "string", "format": "date", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}
STATES = {"enum": ["yes", "no", "unknown"]}


def _field_docs(cls: type) -> dict[str, str]:
    """Attribute docstrings (a string right under an annotated field), which runtime drops."""
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
    except (OSError, TypeError):
        return {}
    body = tree.body[0].body  # type: ignore[attr-defined]
    docs = {}
    for stmt, nxt in itertools.pairwise(body):
        if (
            isinstance(stmt, ast.AnnAssign)
            and isinstance(stmt.target, ast.Name)
            and isinstance(nxt, ast.Expr)
            and isinstance(nxt.value, ast.Constant)
            and isinstance(nxt.value.value, str)
        ):
            docs[stmt.target.id] = " ".join(nxt.value.value.split())
    return docs


def _object(cls: type, names: list[str], hints: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    docs = _field_docs(cls)
    props: dict[str, Any] = {}
    kind = getattr(cls, "kind", None)
    if isinstance(kind, str):
        props["kind"] = {"const": kind}
    for name in names:
        props[name] = _schema(hints[name], defs)
        if name in docs:
            props[name] = {**props[name], "description": docs[name]}
    out: dict[str, Any] = {"type": "object"}
    if cls.__doc__ and not is_typeddict(cls):
        out["description"] = " ".join(cls.__doc__.split())
    return {**out, "properties": props, "required": list(props), "additionalProperties": False}


_TYPES: dict[str, type] = {}


def _named(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    name = cls.__name__
    if _TYPES.setdefault(name, cls) is not cls:
        raise ValueError(f"two types named {name}: the schema needs unique $defs names")
    if name not in defs:
        defs[name] = {}  # placeholder first: types may refer to themselves
        hints = get_type_hints(cls)
        names = [f.name for f in dataclasses.fields(cls)] if dataclasses.is_dataclass(cls) else list(hints)
        if _named_tuple(cls):
            names = list(getattr(cls, "_fields"))  # noqa: B009 - a NamedTuple's, which mypy does not see
        defs[name] = _object(cls, names, hints, defs)
    return {"$ref": f"#/$defs/{name}"}


def _schema(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin, args = get_origin(tp), get_args(tp)
    if tp is type(None):
        return {"type": "null"}
    if origin in (types.UnionType, typing.Union):
        return {"anyOf": [_schema(a, defs) for a in args]}
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return {"type": "array", "items": _schema(args[0], defs)}
        if len(set(args)) != 1:
            raise TypeError(f"{tp!r}: name the members of a mixed tuple (a NamedTuple)")
        # A fixed number of one type (a pair of model ids): an array of that length.
        return {
            "type": "array",
            "items": _schema(args[0], defs),
            "minItems": len(args),
            "maxItems": len(args),
        }
    if origin is list:
        return {"type": "array", "items": _schema(args[0], defs)}
    if origin is dict:
        return {"type": "object", "additionalProperties": _schema(args[1], defs)}
    simple = {str: "string", bool: "boolean", int: "integer", float: "number"}
    if tp in simple:
        return {"type": simple[tp]}
    if tp is Decimal:
        return {"$ref": "#/$defs/Decimal"}
    if tp is dt.date:
        return {"$ref": "#/$defs/Date"}
    if isinstance(tp, type) and issubclass(tp, Enum):
        return {"enum": [e.value for e in tp]}
    if isinstance(tp, type) and (dataclasses.is_dataclass(tp) or is_typeddict(tp) or _named_tuple(tp)):
        return _named(tp, defs)
    raise TypeError(f"no JSON Schema for {tp!r}")


def _named_tuple(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, tuple) and hasattr(tp, "_fields")


def build_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of `comparison_to_dict` output."""
    defs: dict[str, Any] = {"Decimal": DECIMAL, "Date": DATE}
    _TYPES.clear()
    _named(Comparison, defs)
    root = defs.pop("Comparison")
    root["properties"]["version"] = {
        "const": COMPARISON_VERSION,
        "description": "Changes whenever a key is renamed or removed.",
    }
    # Refinements the types cannot state: capability cells are tri-state.
    defs["CapabilityCell"]["properties"]["states"]["items"] = STATES
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "modelvs comparison",
        **root,
        "$defs": dict(sorted(defs.items())),
    }


def schema_text() -> str:
    return json.dumps(build_schema(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    SCHEMA_PATH.write_text(schema_text(), encoding="utf-8")
    print(f"wrote {SCHEMA_PATH}")
