"""The catalog: the only reader of `data/`. Load, validate, index and check."""

from modelvs.catalog.build import Checked, check_dir, data_hash, default_data_dir, load_catalog
from modelvs.catalog.catalog import Catalog
from modelvs.catalog.problems import CatalogError, Problem, Severity
from modelvs.catalog.resolve import AmbiguousModelError, UnknownModelError

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
