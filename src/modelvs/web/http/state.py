"""What the app holds for its lifetime: the catalog, indexes built once, templates, caches."""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

import jinja2

from modelvs.catalog import Catalog, UnknownModelError
from modelvs.catalog.search import search
from modelvs.catalog.search import suggest as suggest_names
from modelvs.storage import ViewCounter, seed_pairs

TEMPLATES_DIR = Path(__file__).parents[1] / "templates"
STATIC_DIR = Path(__file__).parents[1] / "static"
V = TypeVar("V")


class LRU(Generic[V]):
    """A small thread-safe least-recently-used cache."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._items: OrderedDict[Hashable, V] = OrderedDict()
        self._lock = threading.Lock()

    def get_or_make(self, key: Hashable, make: Callable[[], V]) -> V:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        value = make()  # computed outside the lock: two threads may both compute, one wins
        with self._lock:
            self._items[key] = value
            if len(self._items) > self._size:
                self._items.popitem(last=False)
        return value


@dataclass
class SearchEntry:
    """One model as the search box shows it."""

    id: str
    slug: str
    name: str
    lab: str


@dataclass
class WebState:
    """Everything a request handler reads; the catalog is loaded once and never reloaded."""

    catalog: Catalog
    store: ViewCounter
    """Where handlers count views: in memory, written to the view store off the request path."""
    today: Callable[[], dt.date]
    env: jinja2.Environment
    by_slug: dict[str, str] = field(default_factory=dict)
    search: list[SearchEntry] = field(default_factory=list)
    search_by_id: dict[str, SearchEntry] = field(default_factory=dict)
    newest_source: dt.date | None = None
    seeds: list[str] = field(default_factory=list)
    pages: LRU[Any] = field(default_factory=lambda: LRU(256))
    built_pairs: frozenset[str] | None = None
    """The comparison pages a static build writes; None when every pair has a page (the live app)."""
    _popular: tuple[int, int, list[tuple[str, int]]] = (-1, 0, [])
    """(snapshot version it was made from, popular-list version, the list)."""

    def __post_init__(self) -> None:
        cat = self.catalog
        self.by_slug = {slug: mid for mid, slug in cat.slugs.items()}
        self.search = [
            SearchEntry(mid, cat.slugs[mid], m.name, _lab(cat, mid)) for mid, m in sorted(cat.models.items())
        ]
        self.search_by_id = {e.id: e for e in self.search}
        dates = [s.retrieved for s in cat.sources.values()]
        self.newest_source = max(dates) if dates else None
        self.seeds = seed_pairs(cat)

    def popular(self) -> list[tuple[str, int]]:
        """Most viewed pairs (as the view counter last read them), then seed pairs to fill the list."""
        return list(self._current_popular()[2])

    def popular_version(self) -> int:
        """A number that changes whenever `popular()` lists other pairs or another order.

        Pages link popular comparisons, so a cached page belongs to one version of the list.
        """
        return self._current_popular()[1]

    def _current_popular(self) -> tuple[int, int, list[tuple[str, int]]]:
        snapshot = self.store.snapshot()
        current = self._popular
        if current[0] == snapshot.version:
            return current
        listed = [(p, n) for p, n in snapshot.counts if self.pair_ids(p) is not None]
        seen = {p for p, _ in listed}
        full = listed + [(p, 0) for p in self.seeds if p not in seen]
        changed = [p for p, _ in full] != [p for p, _ in current[2]]
        # Replaced whole, never mutated: a thread reading it meanwhile sees the old or the new.
        self._popular = (snapshot.version, current[1] + changed, full)
        return self._popular

    def resolve(self, name: str) -> str | None:
        """The model id a slug, id, name or alias names, or None."""
        mid = self.by_slug.get(name)
        if mid is not None:
            return mid
        try:
            return self.catalog.resolve(name[:200])
        except UnknownModelError:
            return None

    def pair_ids(self, pair: str) -> tuple[str, str] | None:
        """The model ids of a canonical pair slug, or None if it is not one."""
        start = 0
        while (i := pair.find("-vs-", start)) != -1:
            a, b = self.by_slug.get(pair[:i]), self.by_slug.get(pair[i + 4 :])
            if a is not None and b is not None and a != b:
                return (a, b)
            start = i + 1
        return None

    @property
    def static(self) -> bool:
        """Rendering for the static build: nothing computes another workload, only built pairs link."""
        return self.built_pairs is not None

    def linkable(self, pair: str) -> bool:
        """Whether the canonical pair slug `pair` has a page to link to."""
        return self.built_pairs is None or pair in self.built_pairs

    def render(self, template: str, **context: Any) -> str:
        return self.env.get_template(template).render(**context)


def _lab(catalog: Catalog, model_id: str) -> str:
    lab = catalog.labs.get(model_id.split("/", 1)[0])
    return lab.name if lab is not None else model_id.split("/", 1)[0]


def search_models(state: WebState, query: str, limit: int = 10) -> list[SearchEntry]:
    """The models the query matches, most relevant first (`catalog.search`); when none does, the
    names closest to it (`catalog.search.suggest`). Retired models only when named."""
    on = state.today()
    found = search(state.catalog, query, on, limit) or suggest_names(state.catalog, query, on, limit)
    by_id = state.search_by_id
    return [by_id[m] for m in found]


def suggest(web: WebState, name: str, limit: int = 5) -> list[str]:
    """The model `name` names, an ambiguous name's candidates, the models it matches, else the
    closest names, most notable first and never a retired model it does not name
    (`catalog.search.suggest`)."""
    return suggest_names(web.catalog, name[:200], web.today(), limit)
