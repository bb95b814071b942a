"""The catalog: the only reader of `data/`. Load, validate, index and check.

Names are imported when first used: `modelvs.catalog.where` and the other light modules (what the
CLI's early check imports) do not bring the loader and the schema with them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from modelvs.catalog.build import Checked, check_dir, data_hash, load_catalog
    from modelvs.catalog.catalog import Catalog
    from modelvs.catalog.problems import CatalogError, Problem, Severity
    from modelvs.catalog.resolve import AmbiguousModelError, UnknownModelError
    from modelvs.catalog.where import default_data_dir

_HOME = {
    "AmbiguousModelError": "resolve",
    "Catalog": "catalog",
    "CatalogError": "problems",
    "Checked": "build",
    "Problem": "problems",
    "Severity": "problems",
    "UnknownModelError": "resolve",
    "check_dir": "build",
    "data_hash": "build",
    "default_data_dir": "where",
    "load_catalog": "build",
}
"""Each public name -> the module of `modelvs.catalog` that defines it."""

__all__ = [
    "AmbiguousModelError",
    "Catalog",
    "CatalogError",
    "Checked",
    "Problem",
    "Severity",
    "UnknownModelError",
    "check_dir",
    "data_hash",
    "default_data_dir",
    "load_catalog",
]


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module 'modelvs.catalog' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"modelvs.catalog.{home}"), name)
    globals()[name] = value
    return value
