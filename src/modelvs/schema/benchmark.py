"""The benchmark registry: results refer to these ids, never to free-text names."""

from __future__ import annotations

from pydantic import Field

from modelvs.schema.base import Strict, Url


class Benchmark(Strict):
    """One benchmark. Id is the file name (`swe-bench-verified`)."""

    name: str
    """Display name."""
    description: str
    """What it measures, in one sentence."""
    metric: str
    """What a score means (`% resolved`, `Elo`)."""
    higher_is_better: bool = True
    """Whether a higher score is better."""
    versions: list[str] = Field(default_factory=list)
    """Known versions or subsets; results naming another version are errors."""
    names: list[str] = Field(default_factory=list)
    """Names sources use for it (`SWE Bench Verified`), to map results onto this id."""
    url: Url | None = None
    """Home page or paper."""
