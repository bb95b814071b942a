"""The compiled catalog: every checked record in one file that opens in milliseconds and is read
as it is asked for.

Why this form. Validation belongs to `check` and `sync`: a catalog that passed them is stored as
plain frozen records (`plain`: the same fields, no pydantic to import and no validator to run)
rather than as parsed TOML to validate again. Records are cut into chunks of those read together
(a model's routes and results sit beside each other), one pickle each; before pickling, equal values
across the catalog (strings, Decimals, dates) are made one object, so a chunk stores each once and
loads as few objects as it can. Opening reads only the header (every id and its chunk); a record's
chunk is unpickled when a reader first asks for one of its records. A command that reads a model and
its routes touches a few chunks; a whole-catalog scan reads them all in a fraction of what
validating would take.

The file is read through `mmap`: a newer compile replaces it by rename, never in place, so an open
catalog keeps reading the file it opened.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import io
import mmap
import pickle
import struct
import threading
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from modelvs.catalog import plain
from modelvs.catalog.layout import KINDS, split_route_id

if TYPE_CHECKING:
    from pydantic import BaseModel

MAGIC = b"MODELVS\x02"
CHUNK = 64
"""Records per chunk: a model's routes load with a handful of neighbours, not the whole kind."""
_HEAD = struct.Struct("<8sQ")
Span = tuple[int, int]
"""Offset (after the header) and length of a pickle in the file."""
R = TypeVar("R", bound="BaseModel")


def group_of(kind: str, rid: str) -> str:
    """What a record is read with: a route or a result set with its model, others alone."""
    if kind == "route":
        return split_route_id(rid)[1]
    if kind == "result":
        return rid.split(":", 1)[1]
    return rid


class _Canon:
    """One object per distinct value (by type and exact text: `5.0` and `5.00` stay apart)."""

    def __init__(self) -> None:
        from pydantic import BaseModel  # here, not on import: the early check reads files without it

        self.pool: dict[object, Any] = {}
        self.record_type = BaseModel

    def value(self, value: Any) -> Any:
        kind = type(value)
        if kind is str or kind is int or kind is float or kind is dt.date:
            return self.pool.setdefault((kind, value), value)
        if kind is Decimal:
            return self.pool.setdefault((kind, value.as_tuple()), value)
        if kind is dict:
            return {self.value(k): self.value(v) for k, v in value.items()}
        if kind is list:
            return [self.value(v) for v in value]
        if kind is tuple:
            return tuple(self.value(v) for v in value)
        if isinstance(value, self.record_type):
            self.record(value)
        return value

    def record(self, record: BaseModel) -> None:
        # Records are frozen: their values are swapped for equal ones in place, at compile time only.
        fields = record.__dict__
        for name, item in fields.items():
            fields[name] = self.value(item)


class _PlainPickler(pickle.Pickler):
    """Pickles every schema record (a pydantic model) as the plain record of its layout."""

    def __init__(self, file: io.BytesIO, record_type: type) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self._record_type = record_type
        self._plain: dict[type, type] = {}

    def reducer_override(self, obj: Any) -> Any:
        kind = type(obj)
        if not isinstance(obj, self._record_type):
            return NotImplemented
        cls = self._plain.get(kind)
        if cls is None:
            cls = self._plain[kind] = plain.record_class(*plain.layout_of(kind))
        # As the plain record would pickle itself (NEWOBJ wants the object's own class).
        return object.__new__, (cls,), obj.__dict__


def _dumps(value: object, record_type: type) -> bytes:
    out = io.BytesIO()
    _PlainPickler(out, record_type).dump(value)
    return out.getvalue()


def write(records: Mapping[str, Mapping[str, BaseModel]], sections: Mapping[str, object]) -> bytes:
    """The compiled file's bytes for `records` (by kind name and id) and named `sections` (other
    values, each unpickled when first read)."""
    canon = _Canon()
    blobs: list[bytes] = []
    offset = 0
    kinds: dict[str, tuple[tuple[str, ...], dict[str, int], list[tuple[Span, tuple[str, ...]]]]] = {}
    spans: dict[str, Span] = {}

    def add(blob: bytes) -> Span:
        nonlocal offset
        blobs.append(blob)
        offset += len(blob)
        return offset - len(blob), len(blob)

    for kind in KINDS:
        found = records.get(kind.name, {})
        ordered = sorted(found, key=lambda rid, k=kind.name: (group_of(k, rid), rid))  # type: ignore[misc]
        chunk_of: dict[str, int] = {}
        chunks: list[tuple[Span, tuple[str, ...]]] = []
        for start in range(0, len(ordered), CHUNK):
            part = tuple(ordered[start : start + CHUNK])
            for rid in part:
                canon.record(found[rid])
                chunk_of[rid] = len(chunks)
            blob = _dumps([found[rid] for rid in part], canon.record_type)
            chunks.append((add(blob), part))
        kinds[kind.name] = (tuple(found), chunk_of, chunks)
    for name, value in sections.items():
        spans[name] = add(_dumps(value, canon.record_type))
    header = pickle.dumps({"kinds": kinds, "sections": spans}, protocol=pickle.HIGHEST_PROTOCOL)
    return b"".join([_HEAD.pack(MAGIC, len(header)), header, *blobs])


class Compiled:
    """An open compiled file: its records by kind, and its sections."""

    def __init__(self, path: Path) -> None:
        with path.open("rb") as f:
            self._map = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        magic, size = _HEAD.unpack_from(self._map, 0)
        if magic != MAGIC:
            raise ValueError(f"{path} is not a compiled catalog")
        self._base = _HEAD.size + size
        header = pickle.loads(self._map[_HEAD.size : self._base])
        self._kinds = header["kinds"]
        self._sections: dict[str, Span] = header["sections"]

    def blob(self, span: Span) -> Any:
        start = self._base + span[0]
        return unpickle(self._map[start : start + span[1]])

    def section(self, name: str) -> Any:
        return self.blob(self._sections[name])

    def records(self, kind: str) -> CompiledRecords[Any]:
        ids, chunk_of, chunks = self._kinds.get(kind, ((), {}, []))
        return CompiledRecords(ids, chunk_of, [(partial(self.blob, span), part) for span, part in chunks])


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """The cyclic collector paused while records load, and what loaded kept out of its scans.

    Loading makes hundreds of thousands of objects, none of them garbage: every few hundred would
    otherwise start a collection (now and then of everything), and each later collection would
    scan them again. Frozen (`gc.freeze`), they are never scanned; they are freed as usual when the
    last reference goes.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was:
            gc.enable()


def unpickle(data: bytes) -> Any:
    with paused_gc():
        return pickle.loads(data)


Chunk = tuple[Callable[[], list[Any]], tuple[str, ...]]
"""How to load a chunk, and the ids of its records in order."""


class CompiledRecords(Mapping[str, R]):
    """Records of one kind by id, in the order they were loaded; a chunk is unpickled the first
    time one of its records is read (from any thread: one load per chunk)."""

    def __init__(self, ids: tuple[str, ...], chunk_of: dict[str, int], chunks: list[Chunk]) -> None:
        self._ids = ids
        self._chunk_of = chunk_of
        self._chunks = chunks
        self._loaded: dict[str, R] = {}
        self._done: set[int] = set()
        self._lock = threading.Lock()

    def __getitem__(self, key: str) -> R:
        found = self._loaded.get(key)
        if found is not None:
            return found
        self._load(self._chunk_of[key])  # KeyError for an unknown id, as a dict
        return self._loaded[key]

    def _load(self, number: int) -> None:
        with self._lock:
            if number in self._done:
                return
            load, ids = self._chunks[number]
            self._loaded.update(zip(ids, load(), strict=True))
            self._done.add(number)

    @property
    def chunks_read(self) -> int:
        return len(self._done)

    def load_all(self) -> None:
        """Every chunk, now (a server does this once, before it answers)."""
        with paused_gc():
            for number in range(len(self._chunks)):
                self._load(number)

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)

    def __contains__(self, key: object) -> bool:
        return key in self._chunk_of
