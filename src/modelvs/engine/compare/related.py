"""Related comparisons: for each compared model, the nearest other models by a stated similarity rule."""

from __future__ import annotations

import datetime as dt
import math
import weakref
from collections import defaultdict
from dataclasses import dataclass

from modelvs.catalog import Catalog
from modelvs.schema.vocab import PriceMode

RELATED_PER_MODEL = 3
SIMILARITY_RULE = (
    "Candidates share the model's family, or its price band (the same power of two of lowest input rate)"
    " together with its lab or its context band (the same power of two of context window); when that"
    " finds too few, the lab's other models join. Score: 3 for the same family, 1 for the same lab, plus"
    " the overlap of known capabilities"
    " (shared yes over either yes, 0 to 1), plus price closeness and context closeness (each 1 minus the"
    " log10 distance, at least 0; price is the lowest blend at your input share across routes). Highest"
    " score first, then model id; compared models are excluded."
)


@dataclass(frozen=True)
class RelatedModel:
    id: str
    name: str
    slug: str
    pair: str
    """Canonical comparison slug with the compared model: the two slugs sorted, joined by `-vs-`."""
    score: float
    reasons: tuple[str, ...]
    """Which parts of the rule matched: `same family`, `same lab`, `price band`."""


@dataclass(frozen=True)
class RelatedSet:
    model: str
    rule: str
    candidates: tuple[RelatedModel, ...]


@dataclass(frozen=True)
class _Features:
    family: str | None
    lab: str
    caps: frozenset[str]
    log_context: float | None
    rates: tuple[tuple[float, float], ...]
    band: int | None
    context_band: int | None


@dataclass
class _Index:
    features: dict[str, _Features]
    by_family: dict[str, list[str]]
    by_lab: dict[str, list[str]]
    by_band: dict[tuple[int, str | int | None], list[str]]
    """(price band, lab) and (price band, context band) -> models."""
    blends: dict[float, dict[str, float | None]]
    """log10 of each model's lowest blend, per input share; filled as pairs ask."""
    found: dict[tuple[tuple[str, ...], float], tuple[RelatedSet, ...]]
    """`related()` by models and input share: most workloads of a pair share one input share."""


_FOUND_MAX = 4096
"""`related()` answers kept per catalog and date before they start over."""


_INDEXES: dict[tuple[int, dt.date], tuple[weakref.ref[Catalog], _Index]] = {}


def _index(catalog: Catalog, on: dt.date) -> _Index:
    # Built once per catalog and date (all models, all routes); every later pair only scores a small pool.
    key = (id(catalog), on)
    hit = _INDEXES.get(key)
    if hit is not None and hit[0]() is catalog:
        return hit[1]
    index = _Index({}, defaultdict(list), defaultdict(list), defaultdict(list), {}, {})
    for mid, model in catalog.models.items():
        rates = []
        for rid in catalog.routes_by_model.get(mid, ()):
            for s in catalog.routes[rid].prices:
                if (
                    s.mode is PriceMode.STANDARD
                    and s.applies_on(on)
                    and s.input is not None
                    and s.output is not None
                ):
                    rates.append((float(s.input), float(s.output)))
        low = min((r[0] for r in rates), default=None)
        band = math.floor(math.log2(low)) if low else None
        lab = mid.split("/", 1)[0]
        caps = frozenset(c.value for c, v in model.capabilities.items() if v)
        ctx = math.log10(model.context_window) if model.context_window else None
        ctx_band = math.floor(math.log2(model.context_window)) if model.context_window else None
        index.features[mid] = _Features(model.family, lab, caps, ctx, tuple(rates), band, ctx_band)
        if model.family:
            index.by_family[model.family].append(mid)
        index.by_lab[lab].append(mid)
        if band is not None:
            index.by_band[(band, lab)].append(mid)
            index.by_band[(band, ctx_band)].append(mid)
    _INDEXES[key] = (weakref.ref(catalog), index)
    return index


def _log_blend(index: _Index, model: str, share: float) -> float | None:
    cache = index.blends.setdefault(share, {})
    if model not in cache:
        low = min((share * i + (1 - share) * o for i, o in index.features[model].rates), default=None)
        cache[model] = math.log10(low) if low else None
    return cache[model]


def _pool(index: _Index, me: _Features) -> set[str]:
    pool = set(index.by_family[me.family]) if me.family else set()
    if me.band is not None:
        pool.update(index.by_band.get((me.band, me.lab), ()))
        pool.update(index.by_band.get((me.band, me.context_band), ()))
    if len(pool) <= RELATED_PER_MODEL + 10:
        pool.update(index.by_lab[me.lab])
    return pool


def _closeness(a: float | None, b: float | None) -> float:
    return max(0.0, 1 - abs(a - b)) if a is not None and b is not None else 0.0


def related(
    catalog: Catalog, model_ids: list[str], input_share: float, on: dt.date
) -> tuple[RelatedSet, ...]:
    index = _index(catalog, on)
    key = (tuple(model_ids), input_share)
    found = index.found.get(key)
    if found is None:
        if len(index.found) >= _FOUND_MAX:
            index.found.clear()
        found = index.found[key] = _related(catalog, index, model_ids, input_share)
    return found


def _related(
    catalog: Catalog, index: _Index, model_ids: list[str], input_share: float
) -> tuple[RelatedSet, ...]:
    excluded = set(model_ids)
    out = []
    for mid in model_ids:
        me = index.features[mid]
        my_log = _log_blend(index, mid, input_share)
        scored = []
        for cid in _pool(index, me) - excluded:
            c = index.features[cid]
            reasons = []
            score = 0.0
            if me.family and c.family == me.family:
                score += 3
                reasons.append("same family")
            if c.lab == me.lab:
                score += 1
                reasons.append("same lab")
            if me.band is not None and c.band == me.band:
                reasons.append("price band")
            union = me.caps | c.caps
            score += len(me.caps & c.caps) / len(union) if union else 0.0
            score += _closeness(my_log, _log_blend(index, cid, input_share))
            score += _closeness(me.log_context, c.log_context)
            scored.append((-round(score, 6), cid, tuple(reasons)))
        scored.sort()
        cands = tuple(
            RelatedModel(
                cid, catalog.models[cid].name, catalog.slugs[cid], _pair(catalog, mid, cid), -neg, reasons
            )
            for neg, cid, reasons in scored[:RELATED_PER_MODEL]
        )
        out.append(RelatedSet(mid, SIMILARITY_RULE, cands))
    return tuple(out)


def _pair(catalog: Catalog, a: str, b: str) -> str:
    return "-vs-".join(sorted((catalog.slugs[a], catalog.slugs[b])))
