"""The importers `modelvs sync` can run, by source id, each as fetch -> parse -> translate."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from modelvs.sources import models_dev
from modelvs.sources.proposal import Proposal

Runner = Callable[[str | None, dt.date], Proposal]


def _models_dev(location: str | None, retrieved: dt.date) -> Proposal:
    raw, version = models_dev.fetch(Path(location) if location else None)
    return models_dev.translate(models_dev.parse(raw), retrieved, version)


IMPORTERS: dict[str, Runner] = {
    models_dev.SOURCE_ID: _models_dev,
}
"""Source id -> runner(location or None for the installed package, retrieved date)."""
