"""Every source a sync merges, in one table: its id, its runner, whether a plain sync reads it,
and where it ranks for facts and for prices.

The merge reads this table (`IMPORTED`, `FACT_PRIORITY`, `PRICE_PRIORITY`, `HISTORY_SOURCE`): a
citation whose source is not in it is curated, so a new importer is a new row here and can never
be mistaken for reviewed data. Runners fetch -> parse -> translate into a `Proposal`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
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


RULES = "modelvs-rules"
"""Values modelvs derives by its own stated rules on every sync (kinds, names from ids)."""


@dataclass(frozen=True)
class Source:
    """One imported source, as the merge ranks it."""

    id: str
    runner: Runner | None
    """fetch -> parse -> translate: runner(location or None for the installed package, retrieved);
    None for values sync computes itself."""
    offline: bool
    """Read by a plain `modelvs sync`: an installed package, no network needed."""
    fact_rank: int
    """Rank for model facts, 1 first: the higher-ranked source's differing value wins."""
    price_rank: int
    """Rank for prices, 1 first."""
    history: bool = False
    """Its schedules are price history, kept beside the current prices of other sources."""


SOURCES: tuple[Source, ...] = (
    Source(models_dev.SOURCE_ID, _models_dev, offline=True, fact_rank=1, price_rank=2),
    Source(genai_prices.SOURCE_ID, _genai_prices, offline=True, fact_rank=4, price_rank=1),
    Source(litellm.SOURCE_ID, _litellm, offline=True, fact_rank=3, price_rank=3),
    Source(model_prices.SOURCE_ID, _model_prices, offline=True, fact_rank=5, price_rank=5, history=True),
    Source(openrouter.SOURCE_ID, _openrouter, offline=False, fact_rank=2, price_rank=4),
    Source(RULES, None, offline=False, fact_rank=6, price_rank=6),
    # Benchmark results only (results/ records): they propose no facts or prices, so their ranks
    # never decide a merge.
    Source(lmarena.SOURCE_ID, _lmarena, offline=True, fact_rank=7, price_rank=7),
    Source(aider.SOURCE_ID, _aider, offline=True, fact_rank=8, price_rank=8),
)
"""The registry: every source whose values a later sync may replace (none of them curated)."""

IMPORTERS: dict[str, Runner] = {s.id: s.runner for s in SOURCES if s.runner is not None}
"""Source id -> runner: what `modelvs sync --source` accepts."""
OFFLINE: tuple[str, ...] = tuple(s.id for s in SOURCES if s.offline)
"""Sources a plain `modelvs sync` reads."""
IMPORTED: frozenset[str] = frozenset(s.id for s in SOURCES)
"""Sources that are not curated: a citation to any other source is a reviewer's."""
FACT_PRIORITY: tuple[str, ...] = tuple(s.id for s in sorted(SOURCES, key=lambda s: s.fact_rank))
PRICE_PRIORITY: tuple[str, ...] = tuple(s.id for s in sorted(SOURCES, key=lambda s: s.price_rank))
HISTORY_SOURCE: str = next(s.id for s in SOURCES if s.history)
