"""Values derived from a whole catalog that no question changes (the name index, a day's value
map, related-pair candidates, notability): computed once per catalog and kept.

Kept twice: in memory, for the process (a server asks for them on every page), and, for a compiled
catalog, on disk beside it, so the next process (a CLI command) reads the value instead of scanning
every record again. A value is named, and keyed by hashable, picklable arguments (a date, a
workload); the disk copy sits under the compiled catalog's key, which covers the data files and the
package's own code, so a changed record or a changed rule never reads an old value.

Plug a function in with `per_catalog`:

    @per_catalog("related-index")
    def related_index(catalog: Catalog, on: dt.date) -> RelatedIndex: ...

or call `derived(catalog, name, key, make)` where the key is built by hand. Values must be
immutable (they are shared by every caller) and should not hold catalog records (a pickled record
is a copy, not the catalog's own).
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import os
import pickle
import threading
from collections.abc import Callable, Hashable, Mapping
from enum import Enum
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar, cast

from modelvs.catalog.compiled import unpickle

if TYPE_CHECKING:
    from modelvs.catalog.catalog import Catalog

T = TypeVar("T")
P = ParamSpec("P")
MEMORY_MOST = 256
"""Values kept in memory per catalog before the memo starts over (a server running for months
asks for a few per day)."""


class Derived:
    """The values derived from one catalog, by name and key; `folder` keeps them on disk."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder
        self._memo: dict[tuple[str, Hashable], object] = {}
        self._lock = threading.Lock()

    def get(self, name: str, key: Hashable, make: Callable[[], T], *, persist: bool = True) -> T:
        wanted = (name, key)
        try:
            return cast(T, self._memo[wanted])
        except KeyError:
            pass
        path = self._path(name, key) if persist else None
        value = self._read(path, wanted) if path is not None else _MISSING
        if value is _MISSING:
            value = make()
            if path is not None:
                _write(path, wanted, value)
        with self._lock:
            if len(self._memo) >= MEMORY_MOST:
                self._memo.clear()
            self._memo[wanted] = value
        return cast(T, value)

    def _path(self, name: str, key: Hashable) -> Path | None:
        if self.folder is None:
            return None
        try:
            stable = pickle.dumps(_stable(key), protocol=4)
        except (pickle.PicklingError, TypeError, AttributeError):
            return None  # a key that does not pickle stays in memory
        digest = hashlib.blake2b(stable, digest_size=12).hexdigest()
        return self.folder / f"{name}-{digest}.pickle"

    @staticmethod
    def _read(path: Path, wanted: tuple[str, Hashable]) -> object:
        try:
            stored_key, value = unpickle(path.read_bytes())
        except FileNotFoundError:
            return _MISSING
        except _UNREADABLE:
            return _MISSING  # damaged, or written by other code: computed again
        if stored_key != wanted:
            return _MISSING
        return MappingProxyType(value.mapping) if isinstance(value, _ReadOnly) else value


_MISSING: Any = object()


def _stable(value: Any) -> Any:
    """`value` in a form that pickles to the same bytes in every process: sets are sorted (their
    order follows string hashes, which differ from process to process), records become tuples."""
    if isinstance(value, frozenset | set):
        return ("set", tuple(sorted((_stable(v) for v in value), key=repr)))
    if isinstance(value, Enum):
        return (type(value).__qualname__, value.value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = tuple(_stable(getattr(value, f.name)) for f in dataclasses.fields(value))
        return (type(value).__qualname__, fields)
    if isinstance(value, tuple | list):
        return tuple(_stable(v) for v in value)
    if isinstance(value, dict):
        return ("dict", tuple(sorted(((_stable(k), _stable(v)) for k, v in value.items()), key=repr)))
    return value


class _ReadOnly:
    """How a read-only mapping is kept on disk: the dict it shows."""

    def __init__(self, proxy: Mapping[Any, Any]) -> None:
        self.mapping = dict(proxy)


_UNREADABLE = (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError, ImportError)


def _write(path: Path, wanted: tuple[str, Hashable], value: object) -> None:
    try:
        # A read-only mapping is stored as the dict it shows, and read back read-only.
        stored = _ReadOnly(value) if isinstance(value, MappingProxyType) else value
        payload = pickle.dumps((wanted, stored), protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError):
        return  # kept in memory only
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        tmp.write_bytes(payload)
        tmp.replace(path)
    except OSError:
        return  # a read-only cache folder costs the next process a computation, nothing more


def derived(catalog: Catalog, name: str, key: Hashable, make: Callable[[], T], *, persist: bool = True) -> T:
    """`make()`, computed once for `catalog` under (`name`, `key`); kept on disk unless `persist`
    is false (a value asked with the reader's own workload would only fill the folder)."""
    return catalog.derived.get(name, key, make, persist=persist)


def per_catalog(
    name: str, *, persist: bool | Callable[..., bool] = True
) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """A decorator for `fn(catalog, *args)`: its value computed once per catalog and `args`.

    `persist` may be a predicate of `args`: only the values it accepts are kept on disk.
    """

    def wrap(fn: Callable[..., T]) -> Callable[..., T]:
        @functools.wraps(fn)
        def inner(catalog: Catalog, *args: Any) -> T:
            keep = persist(*args) if callable(persist) else persist
            return catalog.derived.get(name, args, lambda: fn(catalog, *args), persist=keep)

        return inner

    return wrap
