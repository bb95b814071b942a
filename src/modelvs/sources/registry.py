"""The importers `modelvs sync` can run, by source id, each as fetch -> parse -> translate."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from modelvs.sources import aider, genai_prices, litellm, lmarena, model_prices, models_dev, openrouter
from modelvs.sources.proposal import Proposal

Runner = Callable[[str | None, dt.date], Proposal]


def _models_dev(location: str | None, retrieved: dt.date) -> Proposal:
    raw, version = models_dev.fetch(Path(location) if location else None)
    return models_dev.translate(models_dev.parse(raw), retrieved, version)


def _model_prices(location: str | None, retrieved: dt.date) -> Proposal:
    raw, version = model_prices.fetch(Path(location) if location else None)
    return model_prices.translate(model_prices.parse(raw), retrieved, version)


def _openrouter(location: str | None, retrieved: dt.date) -> Proposal:
    if location is None:
        raise ValueError("openrouter needs --path openrouter=FILE_OR_URL (its models API has no package)")
    raw, version = openrouter.fetch(location)
    return openrouter.translate(openrouter.parse(raw), retrieved, version)


def _genai_prices(location: str | None, retrieved: dt.date) -> Proposal:
    from importlib.metadata import version

    if location is not None:
        raise ValueError("genai-prices is read from the installed package; it takes no --path")
    return genai_prices.translate(
        genai_prices.parse(genai_prices.fetch()), retrieved, version("genai-prices")
    )


def _litellm(location: str | None, retrieved: dt.date) -> Proposal:
    raw, version = litellm.fetch(Path(location) if location else None)
    return litellm.translate(litellm.parse(raw), retrieved, version)


def _lmarena(location: str | None, retrieved: dt.date) -> Proposal:
    raw, version = lmarena.fetch(Path(location) if location else None)
    return lmarena.translate(lmarena.parse(raw), retrieved, version)


def _aider(location: str | None, retrieved: dt.date) -> Proposal:
    raw, version = aider.fetch(Path(location) if location else None)
    return aider.translate(aider.parse(raw), retrieved, version)


IMPORTERS: dict[str, Runner] = {
    models_dev.SOURCE_ID: _models_dev,
    genai_prices.SOURCE_ID: _genai_prices,
    litellm.SOURCE_ID: _litellm,
    model_prices.SOURCE_ID: _model_prices,
    openrouter.SOURCE_ID: _openrouter,
    lmarena.SOURCE_ID: _lmarena,
    aider.SOURCE_ID: _aider,
}
"""Source id -> runner(location or None for the installed package, retrieved date)."""

OFFLINE: tuple[str, ...] = (
    models_dev.SOURCE_ID,
    genai_prices.SOURCE_ID,
    litellm.SOURCE_ID,
    model_prices.SOURCE_ID,
    lmarena.SOURCE_ID,
    aider.SOURCE_ID,
)
"""Sources a plain `modelvs sync` reads: installed packages, no network needed."""
