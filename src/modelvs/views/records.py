"""JSON records: the `TypedDict`s that views build their JSON with, and that the OpenAPI document
is generated from (`web/api/openapi.py`), so a response and its schema cannot drift apart.

`record` marks a `TypedDict` as one: no keys beyond its own (`additionalProperties: false`) and its
attribute docstrings as the schema's descriptions. They are `typing_extensions.TypedDict`s because
pydantic reads those on Python 3.11.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

T = TypeVar("T", bound=type)


def record(cls: T) -> T:
    """A `TypedDict` that is a JSON record of the API."""
    # What pydantic's `with_config` sets, set without importing pydantic: views build JSON on every
    # command, and only the OpenAPI document reads this.
    cls.__pydantic_config__ = {"extra": "forbid", "use_attribute_docstrings": True}  # type: ignore[attr-defined]
    return cls


def as_dict(value: Mapping[str, Any]) -> dict[str, Any]:
    """A record as the plain dict renderers take (`TypedDict` is a dict at run time)."""
    return cast("dict[str, Any]", value)
