"""Search and suggestions: the models a typed text matches, the ones people mean first.

A model matches when one of its names (display name, id, slug, any alias or provider id), written
loosely (`names.name_key`) or with every separator dropped (`names.model_key`), holds the text.
A model whose display name, id or slug is the text comes first (`NAMED`); the others are ordered
by notability (`catalog.notability`) plus a bonus for how well they match (`EXACT`, `OWN_WORD`,
`OWN`; a match in an alias alone adds nothing). Retired models are left out unless asked for.
The CLI's `models --search`, `/models?q=`, `/api/v1/search`, the header search's suggestions and
the 404 page's all read this order.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from modelvs.catalog.catalog import Catalog
from modelvs.catalog.derived import per_catalog
from modelvs.catalog.names import model_key, name_key
from modelvs.catalog.notability import notability
from modelvs.catalog.resolve import MAX_NAME, AmbiguousModelError, UnknownModelError

NAMED = 100.0
"""The text is the model's display name, canonical id or slug: it comes first, whatever else matches."""
EXACT = 3.0
"""Bonus when an id, slug or alias of the model is the text typed."""
OWN_WORD = 2.0
"""Bonus when the model's display name, id or slug starts with the text or has it at a word's start."""
OWN = 1.0
"""Bonus when its display name, id or slug holds the text elsewhere (an alias alone gives none)."""
SEARCH_RULE = (
    "Search matches a model when one of its names (display name, id, slug, an alias a source uses)"
    " holds the text typed, case and separators aside. A model whose display name, canonical id or"
    " slug is the text comes first; the others come in order of notability plus 3 when an id, slug or"
    " alias is the text, 2 when the display name, id or slug starts with it or has it at the start of a"
    " word, and 1 when they hold it elsewhere (a match in an alias alone adds nothing). A name typed"
    " into the header search goes to the first match, else to the model it names as an alias;"
    " `a vs b` compares the two."
)


@dataclass(frozen=True)
class _Keys:
    """One model's names as search reads them, each loose (`name_key`) and tight (`model_key`)."""

    display: frozenset[str]
    own: tuple[str, ...]
    """Display name, id, id tail and slug."""
    other: tuple[str, ...]
    """Aliases and provider ids."""


@per_catalog("search-keys")
def _names(catalog: Catalog) -> dict[str, _Keys]:
    """Every model's names as search reads them: read from every model once per catalog, and kept."""
    every: dict[str, set[str]] = defaultdict(set)
    for key, ids in catalog.names.items():
        for mid in ids:
            every[mid].add(key)
    made: dict[str, _Keys] = {}
    for mid, model in catalog.models.items():
        names = (model.name, mid, mid.split("/", 1)[1], catalog.slugs[mid])
        own = {name_key(n) for n in names}
        other = every.get(mid, set()) - own
        made[mid] = _Keys(
            frozenset(_both(model.name)),
            tuple(sorted(own | {model_key(k) for k in own})),
            tuple(sorted(other | {model_key(k) for k in other})),
        )
    return made


@dataclass(frozen=True)
class _Haystack:
    """Every model's search keys in one text, a line each, to find the few models a text can match
    without looking at every model's keys (a name that matches nothing costs a few scans of it)."""

    text: str
    starts: tuple[int, ...]
    """Where each line starts."""
    owner: tuple[int, ...]
    """Each line's model, as its place in `_names`' order."""
    display: dict[str, tuple[int, ...]]
    """Display-name key -> the models with it."""
    ids: tuple[str, ...]
    """The models in `_names`' order (what the places above count)."""


@per_catalog("search-haystack")
def _haystack(catalog: Catalog) -> _Haystack:
    lines: list[str] = []
    owner: list[int] = []
    display: dict[str, list[int]] = defaultdict(list)
    for n, keys in enumerate(_names(catalog).values()):
        for key in (*keys.own, *keys.other):
            lines.append(key)
            owner.append(n)
        for key in keys.display:
            display[key].append(n)
    starts, at = [], 0
    for line in lines:
        starts.append(at)
        at += len(line) + 1
    return _Haystack(
        "\n".join(lines),
        tuple(starts),
        tuple(owner),
        {k: tuple(v) for k, v in display.items()},
        tuple(_names(catalog)),
    )


def _candidates(catalog: Catalog, typed: set[str]) -> list[str]:
    """The models (in `_names`' order) with a key that holds or is one of `typed`: a superset of
    those that match, which `matches` then weighs one by one."""
    hay = _haystack(catalog)
    found: set[int] = set()
    for text in typed:
        found.update(hay.display.get(text, ()))
        at = hay.text.find(text)
        while at != -1:
            line = bisect.bisect_right(hay.starts, at) - 1
            found.add(hay.owner[line])
            following = line + 1
            if following == len(hay.starts):
                break
            at = hay.text.find(text, hay.starts[following])
    return [hay.ids[n] for n in sorted(found)]


def _by_id_or_slug(catalog: Catalog, text: str) -> str | None:
    """The model whose canonical id or slug `text` is, as typed (case and outer spaces aside)."""
    exact = text.strip().lower()
    if exact in catalog.models:
        return exact
    return next((mid for mid, slug in catalog.slugs.items() if slug == exact), None)


def _both(name: str) -> set[str]:
    return {name_key(name), model_key(name)}


def matches(catalog: Catalog, text: str) -> dict[str, float]:
    """Model id -> its match bonus for `text` (`NAMED`, `EXACT`, `OWN_WORD`, `OWN` or 0), for every
    model that matches."""
    typed = {t for t in _both(text[:MAX_NAME]) if t}
    if not typed:
        return {}
    found: dict[str, float] = {}
    named = _by_id_or_slug(catalog, text)
    if named is not None:
        found[named] = NAMED
    names = _names(catalog)
    for mid in _candidates(catalog, typed):
        keys = names[mid]
        if mid in found or typed & keys.display:
            found[mid] = NAMED
            continue
        best = max((_bonus(t, keys) for t in typed), key=lambda b: -1.0 if b is None else b)
        if best is not None:
            found[mid] = best
    return found


def _bonus(text: str, keys: _Keys) -> float | None:
    best: float | None = None
    for key in keys.own:
        if key == text:
            return EXACT
        at = key.find(text)
        if at == 0 or (at > 0 and key[at - 1] == "-"):
            best = OWN_WORD
        elif at > 0 and best is None:
            best = OWN
    if best is not None:
        return best
    for key in keys.other:
        if key == text:
            return EXACT
        if text in key:
            best = 0.0
    return best


def relevance(catalog: Catalog, found: Mapping[str, float], on: dt.date) -> dict[str, float]:
    """Model id -> notability plus its match bonus, for the models `found` (`matches`)."""
    known = notability(catalog, on)
    return {mid: known[mid].score + bonus for mid, bonus in found.items()}


def search(
    catalog: Catalog, text: str, on: dt.date, limit: int | None = None, *, retired: bool = False
) -> list[str]:
    """The models `text` matches, most relevant first (retired ones only when `retired`)."""
    known = notability(catalog, on)
    scored = relevance(catalog, matches(catalog, text), on)
    ids = [m for m in scored if retired or known[m].listed]
    ids.sort(key=lambda m: (not known[m].listed, -scored[m], m))
    return ids[:limit] if limit is not None else ids


def suggest(catalog: Catalog, name: str, on: dt.date, limit: int = 5) -> list[str]:
    """What to offer for a name: the model it names exactly; else the candidates of an ambiguous
    name, the models it matches, or the closest names (a fuzzy match), most notable first and
    never a retired model unless it was named."""
    name = name[:MAX_NAME]
    known = notability(catalog, on)
    try:
        return [catalog.resolve(name)]
    except AmbiguousModelError as err:
        candidates = err.suggestions
    except UnknownModelError:
        found = search(catalog, name, on, limit)
        if found:
            return found
        candidates = catalog.suggest(name, limit * 2)
    listed = [m for m in candidates if known[m].listed]
    return sorted(listed, key=lambda m: known[m].order())[:limit]


def find(catalog: Catalog, name: str, on: dt.date) -> str | None:
    """The model a name typed into the header search goes to: the search's first match (a model
    whose display name, id or slug it is comes first), else the model the name resolves to (an
    alias, or a retired model's own name); None when nothing does."""
    found = search(catalog, name, on, 1)
    if found:
        return found[0]
    try:
        return catalog.resolve(name[:MAX_NAME])
    except AmbiguousModelError as err:
        return min(err.suggestions, key=lambda m: notability(catalog, on)[m].order())
    except UnknownModelError:
        return None
