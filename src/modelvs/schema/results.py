"""Imported benchmark results, and the reviewed joins of a source's model names onto models."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from modelvs.schema.base import Citation, Strict, Text, Url
from modelvs.schema.model import BenchmarkResult


class ResultSet(Strict):
    """One model's results on one benchmark, as imported: `results/<benchmark>/<lab>/<model>.toml`.

    Self-reported scores a person reviewed stay in the model's own file (`benchmarks`); results
    a sync imports from an independent source live here, one file per benchmark and model, so a
    re-import rewrites them without touching the model.
    """

    results: list[BenchmarkResult] = Field(min_length=1)
    """The scores, one per category, setting and harness."""
    citations: dict[str, Citation] = Field(default_factory=dict)
    """Citations the results use, by local key."""


class NameJoin(Strict):
    """A reviewed decision for one name a source gives a model."""

    name: Text
    """The source's name, exactly (`DeepSeek Chat V3 (prev)`)."""
    model: str | None = None
    """The canonical model (`deepseek/deepseek-chat-v3-0324`); absent: the name joins no model."""
    setting: str | None = None
    """The setting the name implies, when the rules cannot read it from the name."""
    reason: Text
    """Why, in one sentence a reader can check."""
    url: Url | None = None
    """The page that shows it."""


class NameJoins(Strict):
    """Reviewed joins of one source's model names: `joins/<source>.toml`. They win over the rules."""

    reviewed: dt.date
    """When a person last reviewed the table."""
    joins: list[NameJoin] = Field(default_factory=list)
    """One decision per source name."""
