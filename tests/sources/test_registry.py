"""The source registry is the one table the merge ranks by; no importer can be left out of it."""

from __future__ import annotations

import importlib
import pkgutil

import modelvs.sources
from modelvs.sources.registry import (
    FACT_PRIORITY,
    IMPORTED,
    IMPORTERS,
    OFFLINE,
    PRICE_PRIORITY,
    SOURCES,
)
from modelvs.sync import merge


def test_every_importer_module_has_a_row() -> None:
    ids = set()
    for info in pkgutil.iter_modules(modelvs.sources.__path__):
        module = importlib.import_module(f"modelvs.sources.{info.name}")
        if isinstance(getattr(module, "SOURCE_ID", None), str):
            ids.add(module.SOURCE_ID)
    assert ids
    assert ids <= set(IMPORTERS)
    assert ids <= IMPORTED


def test_ranks_are_a_strict_order_per_column() -> None:
    n = len(SOURCES)
    assert sorted(s.fact_rank for s in SOURCES) == list(range(1, n + 1))
    assert sorted(s.price_rank for s in SOURCES) == list(range(1, n + 1))
    assert FACT_PRIORITY[:2] == ("models-dev", "openrouter")
    assert PRICE_PRIORITY[0] == "genai-prices"


def test_offline_sources_have_runners_and_the_merge_reads_the_table() -> None:
    assert set(OFFLINE) <= set(IMPORTERS)
    assert "openrouter" not in OFFLINE  # needs a file or URL
    assert merge.IMPORTED is IMPORTED
    assert merge.FACT_PRIORITY is FACT_PRIORITY
