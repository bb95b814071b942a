"""Shared helpers for the importer tests."""

from __future__ import annotations

from typing import Any


def assert_no_floats(value: Any) -> None:
    """Money is Decimal from parser to output: no float anywhere in an offer."""
    assert not isinstance(value, float), value
    if isinstance(value, dict):
        for item in value.values():
            assert_no_floats(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            assert_no_floats(item)
