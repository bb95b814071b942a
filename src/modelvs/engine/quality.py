"""Quality signals from independent results: a model's Arena rating, ties by interval, value.

A rating is the Arena's, for one category, with its 95% interval. Two ratings are statistically
tied when their intervals overlap: neither model is shown ahead. Value is rating points per
dollar a month at the reader's workload, and the frontier is the set of models no other model
beats on both cost and rating (cheaper and better).
Pure: the catalog in, values out (memoised per catalog).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from types import MappingProxyType

from modelvs.catalog import Catalog
from modelvs.catalog.derived import derived
from modelvs.formatting import exact

ARENA = "lmarena"
"""The benchmark id of the Arena ratings."""
OVERALL = "overall"

TIE_RULE = (
    "Two Arena ratings are statistically tied when their 95% intervals overlap; only a model whose"
    " interval lies wholly above another's is shown ahead of it."
)
FRONTIER_RULE = (
    "The frontier holds every model that no other model beats on both counts: none is at once"
    " cheaper (or as cheap) at your traffic and rated higher."
)


@dataclass(frozen=True)
class Rating:
    """One model's Arena rating in one category."""

    model: str
    category: str
    score: Decimal
    low: Decimal
    high: Decimal
    votes: int | None
    setting: str | None
    """The configuration the Arena rated (`High`, `Thinking 32K`), when it names one."""
    source_name: str | None

    @property
    def margin(self) -> Decimal:
        """Half the interval's width, the `±` a page shows."""
        return (self.high - self.low) / 2


def ratings(catalog: Catalog, category: str = OVERALL) -> Mapping[str, Rating]:
    """Every model's Arena rating in `category`, by model id (derived once per catalog)."""
    return derived(catalog, "arena-ratings", category, lambda: _ratings(catalog, category))


def rating(catalog: Catalog, model_id: str, category: str = OVERALL) -> Rating | None:
    return ratings(catalog, category).get(model_id)


def arena_credit(catalog: Catalog) -> str | None:
    """The credit line the Arena's licence asks for wherever a rating is shown."""
    bench = catalog.benchmarks.get(ARENA)
    return bench.credit if bench else None


def categories(catalog: Catalog) -> tuple[tuple[str, str], ...]:
    """(id, name) of the Arena's categories, in the registry's order."""
    bench = catalog.benchmarks.get(ARENA)
    return tuple((c.id, c.name) for c in bench.categories) if bench else ()


def _ratings(catalog: Catalog, category: str) -> Mapping[str, Rating]:
    found: dict[str, Rating] = {}
    for key in catalog.results:
        benchmark, model = key.split(":", 1)
        if benchmark != ARENA:
            continue
        for r in catalog.results[key].results:
            if r.category != category or r.low is None or r.high is None:
                continue
            held = found.get(model)
            if held is None or (r.samples or 0) > (held.votes or 0):
                found[model] = Rating(
                    model, category, r.score, r.low, r.high, r.samples, r.setting, r.source_name
                )
    return MappingProxyType(found)


def plus_minus(r: Rating) -> str:
    """`1,501 ± 3.8`: a rating to the point and its interval's half-width to a tenth (text only)."""
    return score_text(r.score, r.margin)


def score_text(score: Decimal, margin: Decimal | None) -> str:
    """`1,501 ± 3.8` for a score with an interval (half-width `margin`), else the score as
    published (`18.2`): the one wording of a score on every page."""
    return f"{score:,.0f} ± {margin:.1f}" if margin is not None else exact(score)


def ahead(a: Rating, b: Rating) -> bool:
    """Whether `a` is ahead of `b` beyond both intervals."""
    return a.low > b.high


def tied(a: Rating, b: Rating) -> bool:
    return not ahead(a, b) and not ahead(b, a)


def leaders(found: Sequence[Rating | None]) -> tuple[str, ...]:
    """The models whose interval no other rated model's lies wholly above: one when it stands clear."""
    rated = [r for r in found if r is not None]
    if len(rated) < 2:
        return ()
    return tuple(r.model for r in rated if not any(ahead(o, r) for o in rated if o is not r))


def per_dollar(score: Decimal, monthly: Decimal) -> Decimal | None:
    """Rating points per dollar a month; none for a free workload (no division by zero)."""
    return score / monthly if monthly > 0 else None


def frontier(points: Sequence[tuple[str, Decimal, Decimal]]) -> tuple[str, ...]:
    """The models of (model, monthly cost, rating) points no other point beats on both counts,
    cheapest first."""
    best: Decimal | None = None
    found = []
    for model, _cost, score in sorted(points, key=lambda p: (p[1], -p[2], p[0])):
        if best is None or score > best:
            found.append(model)
            best = score
    return tuple(found)
