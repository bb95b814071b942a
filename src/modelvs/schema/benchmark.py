"""The benchmark registry: results refer to these ids, never to free-text names."""

from __future__ import annotations

from pydantic import Field

from modelvs.schema.base import Name, Slug, Strict, Text, Url


class BenchmarkCategory(Strict):
    """A slice of a benchmark scored on its own (the Arena's `coding` prompts)."""

    id: Slug
    name: Name
    """Display name (`Coding`)."""


class Benchmark(Strict):
    """One benchmark. Id is the file name (`swe-bench-verified`)."""

    name: Name
    """Display name."""
    description: Text
    """What it measures, in one sentence."""
    metric: Text
    """What a score means (`% resolved`, `Elo`)."""
    higher_is_better: bool = True
    """Whether a higher score is better."""
    versions: list[str] = Field(default_factory=list)
    """Known versions or subsets; results naming another version are errors."""
    names: list[str] = Field(default_factory=list)
    """Names sources use for it (`SWE Bench Verified`), to map results onto this id."""
    url: Url | None = None
    """Home page or paper."""
    scale: Text | None = None
    """The range a score lies in (`0-100`; `Bradley-Terry rating, about 1000-1600`)."""
    categories: list[BenchmarkCategory] = Field(default_factory=list)
    """Slices scored apart; a result names one, and only results of one category compare."""
    measures: dict[Slug, str] = Field(default_factory=dict)
    """Further measures a result may carry, id -> what it is (`run_cost` -> `USD for the run`)."""
    license: Name | None = None
    """Licence of the published results (`CC-BY-4.0`), when they are imported."""
    credit: Text | None = None
    """The credit line to show with every score (`Arena leaderboard (LMArena), CC BY 4.0`)."""
