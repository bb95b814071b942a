"""How notable a model is: one score per model from what the catalog knows, for ordering lists.

Search results, suggestions, `/models` (by default) and related comparisons put the models people
mean first: the ones their lab sells, that independent results rate, that many vetted providers
serve, released lately, still current, generating text. `NOTABILITY_RULE` states the points.
Pure: the catalog and a date in; read from record ids, providers and the models' own facts (never
from every route's prices), computed once per catalog and day and kept with the catalog's derived
values (`catalog.derived`), so a command reads it instead of opening every model.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING

from modelvs.catalog.catalog import Catalog
from modelvs.catalog.derived import per_catalog
from modelvs.catalog.layout import VARIANT_MARK, split_route_id
from modelvs.catalog.lifecycle import Stage, stage
from modelvs.schema.vocab import VETTED_TRUST, ModelKind, ProviderTrust

if TYPE_CHECKING:
    from modelvs.schema import Model

LAB_API = 3.0
"""Points when the model's lab sells it on its own API."""
RATED = 3.0
"""Points when independent results (the Arena, Aider) rate it."""
ROUTES = 3.0
"""Most points for routes on vetted providers: `ROUTES * log2(1 + n) / 5`, capped (31 routes give all)."""
RECENT = 3.0
"""Points on release day, falling linearly to none `RECENT_YEARS` later."""
RECENT_YEARS = 3
DEPRECATED = -4.0
OTHER_KIND = -2.0
"""A kind other than text generation (embedding, image, speech, ...)."""
RETIRED = -10.0
"""Retired models leave default lists; where a filter shows them, they come last."""

NOTABILITY_RULE = (
    "Notability orders search results, suggestions, related comparisons and /models by default: 3 points"
    " when the lab sells the model on its own API, 3 when independent results rate it (the Arena or"
    " Aider), up to 3 for the routes on vetted providers (the lab's API, major clouds, established hosts,"
    " serving the plain model: 3 x log2(1 + routes) / 5, 31 routes or more give all 3), and up to 3 for"
    " recency (3 on release day, falling to 0 three years later; none without a release date); minus 4"
    " for a deprecated model and 2 for a kind other than text generation. Retired models leave default"
    " lists, suggestions and related comparisons (a filter shows them, last)."
)


@dataclass(frozen=True)
class Notability:
    """One model's notability on a day, and what it is made of."""

    model: str
    score: float
    """The sum of the points (`NOTABILITY_RULE`), rounded to 1e-6."""
    stage: Stage
    text: bool
    """Generates text (or no source says what it does)."""
    lab_api: bool
    """The lab sells it on its own API."""
    rated: bool
    """Independent results (the Arena, Aider) rate it."""
    vetted_routes: int
    """Routes on vetted providers serving the plain model worldwide."""
    released: dt.date | None

    @property
    def listed(self) -> bool:
        """Shown in default lists, suggestions and related comparisons: not retired."""
        return self.stage is not Stage.RETIRED

    @property
    def established(self) -> bool:
        """Its lab sells it or independent results rate it: a model, not a variant nobody lists."""
        return self.lab_api or self.rated

    def order(self) -> tuple[bool, float, str]:
        """Sort key: listed models first, then the most notable, then by id."""
        return (not self.listed, -self.score, self.model)


@dataclass(frozen=True)
class _Day:
    by_id: dict[str, Notability]
    """Every model's notability (a plain dict, so that it is kept on disk; handed out read-only)."""
    ranked: tuple[str, ...]
    """Listed models, the most notable first."""


@per_catalog("notability")
def _day(catalog: Catalog, on: dt.date) -> _Day:
    routes, own = _routes(catalog)
    found = {
        mid: _of(mid, model, on, mid in own, bool(catalog.results_by_model.get(mid)), routes.get(mid, 0))
        for mid, model in catalog.models.items()
    }
    ranked = tuple(sorted((m for m, n in found.items() if n.listed), key=lambda m: found[m].order()))
    return _Day(found, ranked)


def notability(catalog: Catalog, on: dt.date) -> Mapping[str, Notability]:
    """Every model's notability on `on`, by id (computed once per catalog and day)."""
    return MappingProxyType(_day(catalog, on).by_id)


def most_notable(catalog: Catalog, on: dt.date, limit: int | None = None) -> tuple[str, ...]:
    """The listed models (never a retired one), the most notable first; the first `limit` of them."""
    return _day(catalog, on).ranked[:limit]


def by_notability(catalog: Catalog, model_ids: Iterable[str], on: dt.date) -> list[str]:
    """`model_ids`, the most notable first (retired last, ties by id)."""
    known = notability(catalog, on)
    return sorted(model_ids, key=lambda m: known[m].order())


def _of(mid: str, model: Model, on: dt.date, own: bool, rated: bool, routes: int) -> Notability:
    now = stage(model, on)
    text = model.kind in (None, ModelKind.TEXT)
    score = (LAB_API if own else 0.0) + (RATED if rated else 0.0)
    score += ROUTES * min(1.0, math.log2(1 + routes) / 5)
    if model.release_date is not None:
        years = max(0, (on - model.release_date).days) / 365.25
        score += RECENT * max(0.0, 1 - years / RECENT_YEARS)
    if now is Stage.DEPRECATED:
        score += DEPRECATED
    elif now is Stage.RETIRED:
        score += RETIRED
    if not text:
        score += OTHER_KIND
    return Notability(mid, round(score, 6), now, text, own, rated, routes, model.release_date)


def _routes(catalog: Catalog) -> tuple[dict[str, int], set[str]]:
    """Per model, its plain routes on vetted providers (worldwide), and the models whose lab sells
    them (`trust.lab_route`). Read from route ids and providers only: no route is priced or even
    opened, so this costs a pass over the ids."""
    providers = {
        pid: (
            p.trust in VETTED_TRUST and p.region is None,
            p.lab if p.trust is ProviderTrust.FIRST_PARTY else None,
        )
        for pid, p in catalog.providers.items()
    }
    counts: dict[str, int] = defaultdict(int)
    own: set[str] = set()
    for rid in catalog.routes:
        if VARIANT_MARK in rid:
            continue  # a variant (thinking, fp8) is not the plain model
        provider, model = split_route_id(rid)
        vetted, lab = providers[provider]
        if vetted:
            counts[model] += 1
        if lab is not None and model.startswith(lab + "/"):
            own.add(model)
    return counts, own
