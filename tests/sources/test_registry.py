"""The source registry is the one table the merge ranks by; no importer can be left out of it."""

from __future__ import annotations

import importlib
import pkgutil

import pytest

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


def test_every_public_source_has_its_live_url_and_a_reader_of_its_bytes() -> None:
    from modelvs.sources.registry import BY_ID, FETCHED

    assert set(FETCHED) == set(IMPORTERS)
    for source in SOURCES:
        if source.runner is None:
            continue
        assert source.read is not None, source.id
        if source.id == "lmarena":  # the Arena publishes no stable JSON: its packaged snapshot is read
            assert source.live is None
        else:
            assert source.live is not None
            assert source.live.startswith("https://"), source.id
    assert BY_ID["openrouter"].shape == "per-model"
    assert BY_ID["model-prices"].shape == "manifest"


@pytest.mark.sources
def test_the_live_urls_are_the_ones_the_sources_own_clients_read() -> None:
    import model_prices
    from genai_prices.update_prices import DEFAULT_UPDATE_URL

    from modelvs.sources import openrouter
    from modelvs.sources.registry import BY_ID

    assert BY_ID["genai-prices"].live == DEFAULT_UPDATE_URL
    assert BY_ID["model-prices"].live == model_prices.SNAPSHOT_URL + "latest.json"
    assert BY_ID["openrouter"].live == openrouter.API_URL
