"""Plain frozen records: what the compiled catalog stores in place of the schema's pydantic models.

Why. A catalog that passed `check` needs no validator again, and reading one should not import
pydantic and its schema classes (that alone took half of a one-shot command such as `cost`). So the
compiled file stores each record as an instance of a plain class made from its schema class's
layout: the same name, the same fields in the same order, the same non-pydantic behaviour (a
method like `PriceSchedule.applies_on` lives in a pydantic-free mixin that both classes inherit).
Such a record reads like the pydantic one (attribute access, equality, hashing, `repr`), is
immutable, and is all a reader of the catalog may rely on: validation, dumping and copying belong
to the code that loads and writes data files, which uses the schema classes themselves.

A plain class pickles as its layout (`layout_of`), not by reference: the compiled file carries the
layout it was written with, so any process can read it without the schema.
"""

from __future__ import annotations

import copyreg
import importlib
import threading
from typing import Any, cast

Layout = tuple[str, tuple[str, ...], tuple[str, ...]]
"""A plain class: its name, its fields in order, and its mixins (`module:qualname`)."""

_classes: dict[Layout, type[Record]] = {}
_lock = threading.Lock()


class PlainClass(type):
    """The type of every plain record class, so that pickling such a class stores its layout."""

    layout: Layout


class Record(metaclass=PlainClass):
    """A frozen record: fields in `__dict__`, set once when it is made (by unpickling)."""

    __match_args__: tuple[str, ...] = ()

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen: cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen: cannot delete {name!r}")

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self.__dict__ == other.__dict__

    def __hash__(self) -> int:
        # As a frozen pydantic model hashes: by its class and values (a dict value cannot be hashed).
        return hash((type(self).__name__, *self.__dict__.values()))

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={value!r}" for name, value in self.__dict__.items())
        return f"{type(self).__name__}({fields})"


def record_class(name: str, fields: tuple[str, ...], mixins: tuple[str, ...] = ()) -> type[Record]:
    """The plain class with this layout (one per layout in a process)."""
    layout = (name, fields, mixins)
    found = _classes.get(layout)
    if found is not None:
        return found
    with _lock:
        if layout not in _classes:
            bases = (*(_import(ref) for ref in mixins), Record)
            made = PlainClass(
                name, bases, {"__slots__": (), "__match_args__": fields, "__module__": __name__}
            )
            made.layout = layout
            _classes[layout] = cast("type[Record]", made)
        return _classes[layout]


def layout_of(cls: type) -> Layout:
    """The layout of a schema class (a pydantic model): its fields and its pydantic-free bases."""
    from pydantic import BaseModel

    fields = tuple(cls.model_fields)  # type: ignore[attr-defined]
    mixins = tuple(
        f"{base.__module__}:{base.__qualname__}"
        for base in cls.__mro__
        if base is not object and not issubclass(base, BaseModel)
    )
    return cls.__name__, fields, mixins


def _import(ref: str) -> type:
    module, _, name = ref.partition(":")
    found: type = getattr(importlib.import_module(module), name)
    return found


def _pickle_class(cls: PlainClass) -> tuple[Any, Layout]:
    return record_class, cls.layout


copyreg.pickle(PlainClass, _pickle_class)
