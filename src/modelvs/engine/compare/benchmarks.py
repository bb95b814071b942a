"""Benchmark facts: comparable scores side by side (same benchmark, category and version), with
intervals and statistical ties; every other score listed per model as not comparable.

Each model brings, per benchmark, category and version, its best published score (a model run
in several settings competes at its best, and the setting is shown). Ratings with intervals
lead only when their intervals do not overlap (`quality.TIE_RULE`).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, ClassVar, NamedTuple

from modelvs.catalog import Catalog
from modelvs.catalog.sourcing import SourceRef, source_ref
from modelvs.engine.quality import ARENA, OVERALL, Rating, leaders, plus_minus, rating, score_text

from .types import Names, join

if TYPE_CHECKING:
    from modelvs.schema import BenchmarkResult, Citation

BEST_SETTING_RULE = (
    "Scores compare only within one benchmark, category and version. A model run in several settings"
    " (reasoning effort, thinking budget, edit format) competes with its best published score, and the"
    " setting is shown beside it; a self-reported score cites the lab's page, an independent one its"
    " leaderboard."
)

Key = tuple[str, str | None, str | None]
"""(benchmark, category, version): only scores under one key compare."""


class Measure(NamedTuple):
    """A further measure of a benchmark run, such as the run's cost."""

    id: str
    name: str
    """What it measures."""
    value: Decimal


@dataclass(frozen=True)
class Score:
    model: str
    benchmark: str
    name: str
    """The benchmark's display name, with the category when it has one (`Arena: Coding`)."""
    version: str | None
    harness: str | None
    score: Decimal
    self_reported: bool
    source: SourceRef | None
    category: str | None = None
    setting: str | None = None
    """The model's setting for the run (`High`, `32k thinking tokens`)."""
    low: Decimal | None = None
    high: Decimal | None = None
    samples: int | None = None
    """Votes or cases behind the score."""
    date: str | None = None
    measures: tuple[Measure, ...] = ()
    """Further measures of the run, such as its cost."""
    credit: str | None = None
    """The credit line the benchmark's licence asks for."""

    @property
    def margin(self) -> Decimal | None:
        """Half the interval's width (the `±` shown), when the source gives an interval."""
        return None if self.low is None or self.high is None else (self.high - self.low) / 2


@dataclass(frozen=True)
class BenchmarkRow:
    """One benchmark, category and version that two or more compared models have: comparable."""

    benchmark: str
    name: str
    version: str | None
    metric: str
    higher_is_better: bool
    scores: tuple[Score | None, ...]
    leaders: tuple[str, ...]
    """The best; with intervals, every model no other's interval lies wholly above."""
    category: str | None = None
    tied: bool = False
    """Intervals overlap: the leaders are statistically tied."""


@dataclass(frozen=True)
class BenchmarkFact:
    """Comparable scores side by side; every other score listed per model."""

    kind: ClassVar[str] = "benchmarks"
    models: tuple[str, ...]
    comparable: tuple[BenchmarkRow, ...]
    own: tuple[tuple[Score, ...], ...]
    """Per model, its scores no other compared model shares."""

    @property
    def rating(self) -> BenchmarkRow | None:
        """The Arena's overall rating row, when the models share one."""
        return next((r for r in self.comparable if (r.benchmark, r.category) == (ARENA, OVERALL)), None)

    def sentence(self, names: Names) -> str:
        lists = []
        for m, scores in zip(self.models, self.own, strict=True):
            if scores:
                lists.append(f"{names[m]} has {join(_summary(scores))}")
            elif not self.comparable:
                lists.append(f"the catalog has no scores for {names[m]}")
        if not self.comparable:
            return f"No benchmark score is comparable across these models: {'; '.join(lists)}."
        parts = []
        arena = [r for r in self.comparable if r.benchmark == ARENA and r is not self.rating]
        if arena:
            parts.append(_categories_sentence(arena, self.models, names))
        rows = [r for r in self.comparable if r.benchmark != ARENA]
        if rows:
            parts.append(f"Comparable scores: {join([_row(r, names) for r in rows])}.")
        if lists:
            parts.append(f"Other scores, not comparable: {'; '.join(lists)}.")
        return " ".join(parts)


def _categories_sentence(rows: list[BenchmarkRow], models: tuple[str, ...], names: Names) -> str:
    clear = [sum(1 for r in rows if not r.tied and r.leaders == (m,)) for m in models]
    ties = len(rows) - sum(clear)
    leads = [f"{names[m]} leads {n}" for m, n in zip(models, clear, strict=True) if n]
    tail = f"{ties} {'is' if ties == 1 else 'are'} statistically tied"
    return f"In {len(rows)} other Arena categories, {join([*leads, tail])}."


def _row(r: BenchmarkRow, names: Names) -> str:
    who = join([names[m] for m in r.leaders]) if r.leaders else "no one"
    return f"{r.name}{_v(r.version)} ({who} ahead)"


def _v(version: str | None) -> str:
    return f" ({version})" if version else ""


def _score(s: Score) -> str:
    setting = f", {s.setting}" if s.setting else ""
    return f"{s.name}{_v(s.version)} {score_text(s.score, s.margin)}{setting}"


def _summary(scores: tuple[Score, ...]) -> list[str]:
    """A model's own scores, one phrase per benchmark: a leaderboard with categories is named by
    its overall score (or first category) and the count of the others."""
    groups: dict[str, list[Score]] = {}
    for s in scores:
        groups.setdefault(s.benchmark, []).append(s)
    out = []
    for group in groups.values():
        head = next((s for s in group if s.category == OVERALL), group[0])
        more = len(group) - 1
        out.append(
            _score(head) + (f" and {more} category {'score' if more == 1 else 'scores'}" if more else "")
        )
    return out


def benchmark_fact(catalog: Catalog, model_ids: list[str]) -> BenchmarkFact:
    best = [_best(catalog, m) for m in model_ids]
    keys = sorted({k for b in best for k in b}, key=lambda k: _order(catalog, k))
    rows, shared = [], set()
    for key in keys:
        holders = [i for i, b in enumerate(best) if key in b]
        if len(holders) < 2:
            continue
        shared.add(key)
        rows.append(_comparable(catalog, key, tuple(b.get(key) for b in best)))
    own = tuple(tuple(b[k] for k in keys if k in b and k not in shared) for b in best)
    return BenchmarkFact(tuple(model_ids), tuple(rows), own)


def _comparable(catalog: Catalog, key: Key, scores: tuple[Score | None, ...]) -> BenchmarkRow:
    bench = catalog.benchmarks[key[0]]
    held = [s for s in scores if s is not None]
    with_intervals = all(s.low is not None and s.high is not None for s in held)
    if with_intervals:
        leaders = tuple(s.model for s in held if not any(_above(o, s) for o in held if o is not s))
        tied = len(leaders) > 1
    else:
        top = max(s.score for s in held) if bench.higher_is_better else min(s.score for s in held)
        leaders, tied = tuple(s.model for s in held if s.score == top), False
    name = held[0].name
    return BenchmarkRow(
        key[0], name, key[2], bench.metric, bench.higher_is_better, scores, leaders, key[1], tied
    )


def _above(a: Score, b: Score) -> bool:
    return a.low is not None and b.high is not None and a.low > b.high


def _best(catalog: Catalog, model_id: str) -> dict[Key, Score]:
    """Per key, the model's best score (the latest when two are equal)."""
    found: dict[Key, Score] = {}
    for result, citation in sorted(catalog.results_of(model_id), key=lambda rc: rc[0].date):
        key = (result.benchmark, result.category, result.version)
        bench = catalog.benchmarks[result.benchmark]
        held = found.get(key)
        better = held is None or (
            result.score >= held.score if bench.higher_is_better else result.score <= held.score
        )
        if better:
            found[key] = _to_score(catalog, model_id, result, citation)
    return found


def _to_score(catalog: Catalog, model_id: str, r: BenchmarkResult, citation: Citation | None) -> Score:
    bench = catalog.benchmarks[r.benchmark]
    category = next((c.name for c in bench.categories if c.id == r.category), None)
    return Score(
        model_id,
        r.benchmark,
        f"{bench.name}: {category}" if category else bench.name,
        r.version,
        r.harness,
        r.score,
        r.self_reported,
        source_ref(catalog, citation) if citation else None,
        category=r.category,
        setting=r.setting,
        low=r.low,
        high=r.high,
        samples=r.samples,
        date=r.date.isoformat(),
        measures=tuple(Measure(k, bench.measures.get(k, k), v) for k, v in sorted(r.measures.items())),
        credit=bench.credit,
    )


def _order(catalog: Catalog, key: Key) -> tuple[int, str, int, str]:
    """The Arena first (overall, then its categories in order), then benchmarks by id."""
    bench = catalog.benchmarks[key[0]]
    position = next((i for i, c in enumerate(bench.categories) if c.id == key[1]), 0)
    return (0 if key[0] == ARENA else 1, key[0], position, key[2] or "")


@dataclass(frozen=True)
class RatingFact:
    """Each model's overall Arena rating, and who leads beyond the 95% intervals (`TIE_RULE`)."""

    kind: ClassVar[str] = "rating"
    models: tuple[str, ...]
    ratings: tuple[Rating | None, ...]
    leaders: tuple[str, ...]
    """Models no other's interval lies wholly above; empty unless every model is rated."""
    credit: str | None
    date: str | None
    """The day of the leaderboard."""

    def sentence(self, names: Names) -> str:
        rated = [r for r in self.ratings if r is not None]
        missing = [names[m] for m, r in zip(self.models, self.ratings, strict=True) if r is None]
        if not rated:
            return f"No Arena rating is recorded for {join([names[m] for m in self.models])}."
        cells = join([f"{names[r.model]} {plus_minus(r)}" for r in rated])
        if missing:
            lacks = "has" if len(missing) == 1 else "have"
            if len(rated) == 1:
                held = f"{names[rated[0].model]} has an Arena rating of {plus_minus(rated[0])} (overall)"
            else:
                held = f"{join([names[r.model] for r in rated])} have Arena ratings (overall: {cells})"
            return f"{held}; {join(missing)} {lacks} none, so quality is not compared here."
        if len(self.leaders) == 1:
            (lead,) = self.leaders
            return (
                f"On quality, {names[lead]} leads: Arena ratings (overall) {cells}, with {names[lead]}'s"
                " 95% interval wholly above the others'."
            )
        return (
            f"On quality, {join([names[m] for m in self.leaders])} are statistically tied: Arena ratings"
            f" (overall) {cells}, with overlapping 95% intervals."
        )


def rating_fact(catalog: Catalog, model_ids: list[str]) -> RatingFact:
    found = tuple(rating(catalog, m) for m in model_ids)
    bench = catalog.benchmarks.get(ARENA)
    dates = {r.date.isoformat() for m in model_ids for r, _ in catalog.results_of(m) if r.benchmark == ARENA}
    return RatingFact(
        tuple(model_ids),
        found,
        leaders(found) if all(found) else (),
        bench.credit if bench else None,
        max(dates) if dates else None,
    )
