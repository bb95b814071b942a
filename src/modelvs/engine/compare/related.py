"""Related comparisons: for each compared model, peers from other labs at a similar price and
rating, and its newer and older sibling; by the stated rule (`SIMILARITY_RULE`).

Only models a reader would look for take part: current or preview (never retired), of the
model's kind, sold by their lab or rated by independent results (`catalog.notability`), never a
`-latest` alias. Everything the rule reads is gathered once per catalog and day (an index of a
few hundred models, their notability, Arena rating and one reference price each) and kept with the
catalog's derived values (`catalog.derived`), so a command reads it rather than every route; a
model's related set is then a scan of that index, remembered for the process.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from modelvs.catalog import Catalog
from modelvs.catalog.derived import per_catalog
from modelvs.catalog.layout import VARIANT_MARK, route_provider
from modelvs.catalog.notability import Notability, most_notable, notability
from modelvs.catalog.pairs import pair_slug
from modelvs.catalog.trust import lab_route
from modelvs.engine.analysis import blended_price
from modelvs.engine.monthly import per_shape
from modelvs.engine.pricing import schedule_for
from modelvs.engine.quality import Rating, ratings
from modelvs.schema.vocab import VETTED_TRUST, ModelKind, PriceMode

PEERS_PER_MODEL = 3
PEER_POOL = 150
"""Peers are drawn from the most notable priced models of each kind, this many."""
PRICE_WEIGHT, RATING_WEIGHT, NOTABILITY_WEIGHT = 2.0, 2.0, 1 / 6
RATING_SPAN = 100
"""Arena points at which two ratings stop counting as similar."""
INPUT_SHARE = Decimal(800) / Decimal(1050)
"""Reference prices are blended at the default workload's input share (800 of 1,050 tokens)."""
_WANT = PEERS_PER_MODEL + 10
"""Peers kept per model: enough to leave `PEERS_PER_MODEL` once up to 10 compared models are out."""
SIMILARITY_RULE = (
    "Related comparisons take part only for models a reader looks for: not retired, of the same kind,"
    " sold by their lab or rated by independent results, never a -latest alias. Peers: up to 3 models"
    " of other labs (one per lab), among the 150 most notable priced models of the kind, scored"
    " 2 x price closeness (1 minus the log10 distance between"
    " reference prices, at least 0; a reference price is the lab's own API's standard input and output"
    " rates, else the lowest of the vetted providers', blended at 800 input to 250 output tokens) plus"
    " 2 x rating closeness (1 minus the Arena overall gap over 100 points, at least 0, when both are"
    " rated) plus notability / 6; highest first, then by id. Siblings: the nearest newer and the"
    " nearest older model of the same lab and line (the name without version numbers, dates and"
    " sizes), the more notable on a tie. Compared models are never suggested."
)
_LATEST = re.compile(r"-latest(-|$)")
_DROPPED_WORDS = frozenset({"preview", "latest", "exp", "experimental"})
_SIZE = re.compile(r"^(a?\d+(\.\d+)?[bkm]|v\d+|\d+)$")


@dataclass(frozen=True)
class RelatedModel:
    id: str
    name: str
    slug: str
    pair: str
    """Canonical comparison slug with the compared model: the two slugs sorted, joined by `-vs-`."""
    score: float
    """The peer score (`SIMILARITY_RULE`); for a sibling, its notability."""
    reasons: tuple[str, ...]
    """Why it is related: `another lab`, `similar price`, `similar rating`, `newer`, `older`."""


@dataclass(frozen=True)
class RelatedSet:
    model: str
    rule: str
    candidates: tuple[RelatedModel, ...]
    """Peers first, then the newer and the older sibling."""


@dataclass(frozen=True)
class _Entry:
    """A model that may be suggested, with what the rule reads of it."""

    id: str
    lab: str
    kind: ModelKind
    """What it does (no source saying: text)."""
    line: str
    log_price: float | None
    rating: float | None
    notable: Notability
    weight: float
    """`NOTABILITY_WEIGHT` x its notability: what notability adds to a peer's score."""


_Found = tuple[tuple[_Entry, float, tuple[str, ...]], ...]
"""Candidates with their score and reasons."""


@dataclass
class _Index:
    entries: dict[str, _Entry]
    by_kind: dict[ModelKind, list[_Entry]]
    by_line: dict[tuple[str, str], list[_Entry]]
    found: dict[str, tuple[_Found, _Found]]
    """Each model's peers and siblings, once asked for: a memo of this process, never stored."""

    def __getstate__(self) -> dict[str, object]:
        return {**self.__dict__, "found": {}}


def related(catalog: Catalog, model_ids: list[str], on: dt.date) -> tuple[RelatedSet, ...]:
    """Each compared model's related set, without the compared models themselves (the same for
    every workload: kept per models and day)."""
    return per_shape(catalog, ("related", tuple(model_ids), on), lambda: _related(catalog, model_ids, on))


def _related(catalog: Catalog, model_ids: list[str], on: dt.date) -> tuple[RelatedSet, ...]:
    index = _index(catalog, on)
    compared = set(model_ids)
    out = []
    for mid in model_ids:
        found = index.found.get(mid)
        if found is None:
            found = index.found[mid] = _candidates(catalog, index, mid, on)
        peers, siblings = found
        kept = [c for c in peers if c[0].id not in compared][:PEERS_PER_MODEL]
        kept += [c for c in siblings if c[0].id not in compared]
        out.append(
            RelatedSet(
                mid,
                SIMILARITY_RULE,
                tuple(
                    RelatedModel(
                        c.id,
                        catalog.models[c.id].name,
                        catalog.slugs[c.id],
                        pair_slug(catalog, mid, c.id),
                        score,
                        why,
                    )
                    for c, score, why in kept
                ),
            )
        )
    return tuple(out)


@per_catalog("related-index")
def _index(catalog: Catalog, on: dt.date) -> _Index:
    known = notability(catalog, on)
    rated = ratings(catalog)
    index = _Index({}, defaultdict(list), defaultdict(list), {})
    # In notability order, so that each kind's peer pool is its most notable priced models; a
    # price is read (one route where the lab sells the model) only until the pool is full.
    for mid in most_notable(catalog, on):
        notable = known[mid]
        if not notable.established or _LATEST.search(mid):
            continue
        kind = catalog.models[mid].kind or ModelKind.TEXT
        pool = index.by_kind[kind]
        entry = _entry(catalog, mid, notable, on, rated, priced=len(pool) < PEER_POOL)
        index.entries[mid] = entry
        if entry.log_price is not None:
            pool.append(entry)
        index.by_line[(entry.lab, entry.line)].append(entry)
    return index


def _entry(
    catalog: Catalog,
    mid: str,
    notable: Notability,
    on: dt.date,
    rated: Mapping[str, Rating],
    *,
    priced: bool = True,
) -> _Entry:
    model = catalog.models[mid]
    rating = rated.get(mid)
    price = reference_price(catalog, mid, on) if priced else None
    return _Entry(
        mid,
        mid.split("/", 1)[0],
        model.kind or ModelKind.TEXT,
        line(model.name),
        math.log10(price) if price else None,
        float(rating.score) if rating is not None else None,
        notable,
        NOTABILITY_WEIGHT * notable.score,
    )


def reference_price(catalog: Catalog, model_id: str, on: dt.date) -> float | None:
    """USD per 1M tokens blended at `INPUT_SHARE`: the lab's own API's standard rates, else the
    lowest of the routes on vetted providers (read from one route where the lab sells the model)."""
    own = lab_route(catalog, model_id)
    route_ids = [own] if own else catalog.routes_by_model.get(model_id, ())
    found = []
    for rid in route_ids:
        if VARIANT_MARK in rid or catalog.providers[route_provider(rid)].trust not in VETTED_TRUST:
            continue
        schedule = schedule_for(catalog.routes[rid], PriceMode.STANDARD, on)
        if schedule is not None and schedule.input is not None and schedule.output is not None:
            found.append(float(blended_price(schedule.input, schedule.output, INPUT_SHARE)))
    return min(found, default=None)


def line(name: str) -> str:
    """A model's line: its name without version numbers, dates, sizes and `preview` (`Gemini 3.1 Pro
    Preview` -> `gemini pro`, `GPT-4o (2024-11-20)` -> `gpt o`, `Qwen3.5 397B-A17B` -> `qwen`)."""
    words = []
    for word in re.split(r"[^a-z0-9.]+", re.sub(r"\(.*?\)", " ", name.lower())):
        if not word or _SIZE.match(word):
            continue
        word = word.strip("0123456789.")
        if word and word not in _DROPPED_WORDS and not _SIZE.match(word):
            words.append(word)
    return " ".join(words)


def _candidates(catalog: Catalog, index: _Index, mid: str, on: dt.date) -> tuple[_Found, _Found]:
    """A model's peers (more than are shown, for the compared models to be taken out) and siblings."""
    me = index.entries.get(mid)
    if me is None or me.log_price is None:  # outside the peer pools: its own price is read now
        me = _entry(catalog, mid, notability(catalog, on)[mid], on, ratings(catalog))
    return tuple(_peers(index, me)), tuple(_siblings(index, me))


def _peers(index: _Index, me: _Entry) -> list[tuple[_Entry, float, tuple[str, ...]]]:
    mine, price, rating = me.lab, me.log_price, me.rating
    best: dict[str, tuple[float, str, _Entry, float, float]] = {}
    # A tight loop (the sitemap asks for every model's set): one best candidate per lab, since a
    # reader is shown the field, not one lab's line-up.
    for c in index.by_kind.get(me.kind, ()):
        lab = c.lab
        if lab == mine:
            continue
        near = 0.0
        if price is not None and c.log_price is not None:
            gap = price - c.log_price
            near = 1 - (gap if gap > 0 else -gap)
            near = near if near > 0 else 0.0
        alike = 0.0
        if rating is not None and c.rating is not None:
            gap = rating - c.rating
            alike = 1 - (gap if gap > 0 else -gap) / RATING_SPAN
            alike = alike if alike > 0 else 0.0
        score = PRICE_WEIGHT * near + RATING_WEIGHT * alike + c.weight
        held = best.get(lab)
        if held is None or score > held[0] or (score == held[0] and c.id < held[1]):
            best[lab] = (score, c.id, c, near, alike)
    ranked = sorted(best.values(), key=lambda b: (-b[0], b[1]))[:_WANT]
    return [
        (
            c,
            score,
            ("another lab",)
            + (("similar price",) if near >= 0.5 else ())
            + (("similar rating",) if alike >= 0.5 else ()),
        )
        for score, _, c, near, alike in ranked
    ]


def _siblings(index: _Index, me: _Entry) -> list[tuple[_Entry, float, tuple[str, ...]]]:
    released = me.notable.released
    if released is None:
        return []
    family = [
        c
        for c in index.by_line.get((me.lab, me.line), ())
        if c.id != me.id and c.notable.released is not None and c.notable.released != released
    ]
    out: list[tuple[_Entry, float, tuple[str, ...]]] = []
    newer = [c for c in family if c.notable.released is not None and c.notable.released > released]
    older = [c for c in family if c.notable.released is not None and c.notable.released < released]
    if newer:
        pick = min(newer, key=lambda c: (c.notable.released, -c.notable.score, c.id))
        out.append((pick, pick.notable.score, ("newer",)))
    if older:
        pick = max(older, key=lambda c: (c.notable.released, c.notable.score, _desc(c.id)))
        out.append((pick, pick.notable.score, ("older",)))
    return out


def _desc(text: str) -> tuple[int, ...]:
    return tuple(-ord(ch) for ch in text)


def _closeness(a: float | None, b: float | None) -> float:
    return max(0.0, 1 - abs(a - b)) if a is not None and b is not None else 0.0
