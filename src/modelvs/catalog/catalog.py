"""The loaded catalog: frozen records with the indexes every reader needs."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from modelvs.catalog.compiled import paused_gc
from modelvs.catalog.derived import Derived
from modelvs.catalog.layout import KINDS, split_route_id
from modelvs.catalog.names import name_key
from modelvs.catalog.resolve import NameIndex

if TYPE_CHECKING:  # a record's class is imported when its first record loads
    from modelvs.schema import Benchmark, BenchmarkResult, Citation, Lab, Model, Provider, Route, Source
    from modelvs.schema.changelog import ChangeLog
    from modelvs.schema.identity import IdentityDecision
    from modelvs.schema.results import NameJoins, ResultSet


@dataclass(frozen=True)
class Catalog:
    """Every record by id, read-only, with lookups by alias, provider and model.

    The records of each kind of `layout.KINDS` are the field named as the kind's folder.
    """

    sources: Mapping[str, Source]
    labs: Mapping[str, Lab]
    providers: Mapping[str, Provider]
    benchmarks: Mapping[str, Benchmark]
    models: Mapping[str, Model]
    routes: Mapping[str, Route]
    files: Mapping[tuple[str, str], str] = field(default_factory=dict)
    version: str = ""
    """Hash of the data files this catalog was built from."""
    identity: Mapping[str, IdentityDecision] = field(default_factory=dict)
    """Reviewed identity decisions (`data/identity/`): what sync joins or keeps apart."""
    results: Mapping[str, ResultSet] = field(default_factory=dict)
    """Imported results by `benchmark:lab/model` (`data/results/`)."""
    joins: Mapping[str, NameJoins] = field(default_factory=dict)
    """Reviewed joins of source names onto models, by source id (`data/joins/`)."""
    changes: Mapping[str, ChangeLog] = field(default_factory=dict)
    """What each day's syncs changed and held for review, by date (`data/changes/`)."""
    routes_by_model: Mapping[str, tuple[str, ...]] = field(init=False)
    routes_by_provider: Mapping[str, tuple[str, ...]] = field(init=False)
    results_by_model: Mapping[str, tuple[str, ...]] = field(init=False)
    """Model id -> ids of its result sets."""
    slugs: Mapping[str, str] = field(init=False)
    """Model id -> site slug."""
    name_index: Mapping[str, tuple[str, ...]] | Callable[[], Mapping[str, tuple[str, ...]]] | None = field(
        default=None, repr=False, compare=False
    )
    """The loose name -> model ids index (or what reads it, when first used) when a compiled
    catalog supplies it; else it is computed from the records on first use."""
    derived: Derived = field(default_factory=Derived, repr=False, compare=False)
    """Values derived from the whole catalog, computed once (`catalog.derived`)."""
    indexes: Callable[[], Indexes] | None = field(default=None, repr=False, compare=False)
    """What reads the lookups below from a compiled catalog (`indexes_of` made them when it was
    compiled); else they are computed from the record ids."""

    def __post_init__(self) -> None:
        by_model, by_provider, results, slugs = (
            self.indexes() if self.indexes is not None else indexes_of(self)
        )
        freeze = object.__setattr__
        freeze(self, "routes_by_model", MappingProxyType(by_model))
        freeze(self, "routes_by_provider", MappingProxyType(by_provider))
        freeze(self, "results_by_model", MappingProxyType(results))
        freeze(self, "slugs", MappingProxyType(slugs))

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        # Indexes are rebuilt on load: cheaper to store, and mapping proxies do not pickle.
        kwargs: dict[str, Any] = {k.folder: dict(getattr(self, k.folder)) for k in KINDS}
        kwargs["files"] = dict(self.files)
        return (_rebuild, (kwargs, self.version, dict(self._by_key)))

    def load_all(self) -> None:
        """Read every record now (a compiled catalog reads them as they are asked for): a server
        does this once before it answers, so no request pays for it."""
        with paused_gc():
            for kind in KINDS:
                load = getattr(getattr(self, kind.folder), "load_all", None)
                if load is not None:
                    load()
            self._by_key  # noqa: B018 - read now, for the same reason

    @cached_property
    def _by_key(self) -> Mapping[str, tuple[str, ...]]:
        found = self.name_index
        index = self._name_index() if found is None else found() if callable(found) else found
        return MappingProxyType(dict(index))

    def _name_index(self) -> dict[str, tuple[str, ...]]:
        index: dict[str, set[str]] = defaultdict(set)
        for mid, model in self.models.items():
            names = {mid, mid.split("/", 1)[1], self.slugs[mid], model.name}
            names.update(a for aliases in model.aliases.values() for a in aliases)
            for rid in self.routes_by_model.get(mid, ()):
                names.add(self.routes[rid].provider_model_id)
            for name in names:
                index[name_key(name)].add(mid)
        return {k: tuple(sorted(v)) for k, v in index.items()}

    @property
    def names(self) -> dict[str, tuple[str, ...]]:
        """The loose-name index (what a compiled cache stores)."""
        return dict(self._by_key)

    @cached_property
    def _resolver(self) -> NameIndex:
        routes = {mid: len(rids) for mid, rids in self.routes_by_model.items()}
        return NameIndex(self.models, self.slugs, self._by_key, routes)

    def resolve(self, name: str) -> str:
        """The model id for a canonical id, slug, display name or any alias (`catalog.resolve`)."""
        found = self._exact.get(name)  # rule 1, as typed: no name index to read
        return found if found is not None else self._resolver.resolve(name)

    @cached_property
    def _exact(self) -> dict[str, str]:
        return {mid: mid for mid in self.models} | {slug: mid for mid, slug in self.slugs.items()}

    def suggest(self, name: str, limit: int = 5) -> list[str]:
        """The model ids whose names are closest to `name`."""
        return self._resolver.suggest(name, limit)

    def results_of(self, model: str) -> list[tuple[BenchmarkResult, Citation | None]]:
        """Every result of a model with its citation: reviewed ones from its file, then imported."""
        found: list[tuple[BenchmarkResult, Citation | None]] = []
        record = self.models.get(model)
        if record is not None:
            found.extend((r, record.citations.get(r.citation)) for r in record.benchmarks)
        for key in self.results_by_model.get(model, ()):
            imported = self.results[key]
            found.extend((r, imported.citations.get(r.citation)) for r in imported.results)
        return found

    def model_routes(self, model: str) -> list[tuple[str, Route]]:
        """(route id, route) of a model, in route id order."""
        return [(rid, self.routes[rid]) for rid in sorted(self.routes_by_model.get(model, ()))]


Indexes = tuple[
    dict[str, tuple[str, ...]], dict[str, tuple[str, ...]], dict[str, tuple[str, ...]], dict[str, str]
]
"""Routes by model, routes by provider, result sets by model, and each model's slug."""


def indexes_of(catalog: Catalog) -> Indexes:
    """The lookups every reader needs, from the record ids alone (no record is read)."""
    by_model: dict[str, list[str]] = defaultdict(list)
    by_provider: dict[str, list[str]] = defaultdict(list)
    for rid in catalog.routes:
        provider, model = split_route_id(rid)
        by_model[model].append(rid)
        by_provider[provider].append(rid)
    results: dict[str, list[str]] = defaultdict(list)
    for key in catalog.results:
        results[key.split(":", 1)[1]].append(key)
    return (
        {k: tuple(v) for k, v in by_model.items()},
        {k: tuple(v) for k, v in by_provider.items()},
        {k: tuple(v) for k, v in results.items()},
        _slugs(catalog.models),
    )


def _rebuild(kwargs: dict[str, Any], version: str, names: dict[str, tuple[str, ...]]) -> Catalog:
    return Catalog(**kwargs, version=version, name_index=lambda: names)


def _slugs(models: Mapping[str, Model]) -> dict[str, str]:
    tails: dict[str, int] = defaultdict(int)
    for mid in models:
        tails[mid.split("/", 1)[1]] += 1
    return {
        mid: tail if tails[tail] == 1 else mid.replace("/", "-")
        for mid in models
        for tail in [mid.split("/", 1)[1]]
    }
