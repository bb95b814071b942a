from __future__ import annotations

import datetime as dt

import pytest

from modelvs.catalog import Catalog, load_catalog

ON = dt.date(2026, 11, 24)
"""The date the shipped catalog was reviewed: prices in effect then."""


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    """The real shipped catalog, loaded once for every comparison test."""
    return load_catalog()
