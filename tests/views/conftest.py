from __future__ import annotations

import pytest

from modelvs.catalog import Catalog, load_catalog
from modelvs.views.comparison import ComparisonPage
from tests.views import page_of

REFERENCE = ["google/gemini-3.1-pro-preview", "openai/gpt-4o-2024-11-20"]
FOUR = ["anthropic/claude-opus-4-7", "google/gemini-3.1-pro-preview", "openai/gpt-5.5", "xai/grok-4.3"]


@pytest.fixture(scope="session")
def shipped() -> Catalog:
    return load_catalog()


@pytest.fixture(scope="session")
def reference(shipped: Catalog) -> ComparisonPage:
    return page_of(shipped, REFERENCE)


@pytest.fixture(scope="session")
def four(shipped: Catalog) -> ComparisonPage:
    return page_of(shipped, FOUR)
