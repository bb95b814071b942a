"""Plain records: what the compiled catalog reads back in place of the schema's pydantic models."""

from __future__ import annotations

import datetime as dt
import os
import pickle
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from modelvs.catalog import load_catalog
from modelvs.catalog.plain import Record, layout_of, record_class
from modelvs.schema import Citation, PriceSchedule, Route
from tests.minicatalog import write_catalog


def _plain(record: object) -> Record:
    """`record` as the compiled catalog stores it: its fields on the plain class of its layout."""
    cls = record_class(*layout_of(type(record)))
    made = object.__new__(cls)
    vars(made).update(vars(record))
    return made


SCHEDULE = PriceSchedule(
    input=Decimal("2.50"), output=Decimal("10"), effective_from=dt.date(2026, 1, 1), citation="md"
)


def test_a_plain_record_reads_as_its_schema_record() -> None:
    plain = _plain(SCHEDULE)
    assert type(plain).__name__ == "PriceSchedule"
    assert vars(plain) == vars(SCHEDULE)
    assert repr(plain) == repr(SCHEDULE)
    assert str(plain.input) == "2.50"  # the exact text, not a normalised number
    # Behaviour the schema class has outside pydantic comes along (a mixin both inherit).
    assert plain.applies_on(dt.date(2026, 1, 1))
    assert not plain.applies_on(dt.date(2025, 12, 31))


def test_a_plain_record_is_frozen_and_equal_by_value() -> None:
    plain = _plain(SCHEDULE)
    with pytest.raises(AttributeError, match="frozen"):
        plain.input = Decimal(0)  # type: ignore[misc]
    with pytest.raises(AttributeError, match="frozen"):
        del plain.input
    assert plain == _plain(SCHEDULE)
    assert plain != _plain(SCHEDULE.model_copy(update={"output": Decimal("11")}))
    citation = Citation(source="models-dev", retrieved=dt.date(2026, 11, 24))
    assert hash(_plain(citation)) == hash(_plain(citation.model_copy()))
    assert {_plain(citation), _plain(citation.model_copy())} == {_plain(citation)}


def test_a_layout_is_one_class_and_pickles_as_its_layout() -> None:
    layout = layout_of(Route)
    assert layout[1] == tuple(Route.model_fields)
    assert record_class(*layout) is record_class(*layout)
    assert record_class(*layout) is not record_class(layout[0], layout[1][:-1])
    plain = _plain(SCHEDULE)
    again = pickle.loads(pickle.dumps(plain))
    assert again == plain
    assert type(again) is type(plain)


def test_reading_a_compiled_catalog_imports_no_pydantic(tmp_path: Path) -> None:
    data = write_catalog(tmp_path / "data")
    cache = tmp_path / "cache"
    env = {**os.environ, "MODELVS_CACHE": str(cache), "MODELVS_DATA": str(data)}
    load = "from modelvs.catalog import load_catalog; c = load_catalog()"
    subprocess.run([sys.executable, "-c", load], check=True, env=env)  # compiles
    read = (
        f"{load}; import sys; routes = list(c.routes.values());"
        " assert routes and all(s.applies_on(s.effective_from or __import__('datetime').date.today())"
        " for r in routes for s in r.prices);"
        " print(sorted(m for m in sys.modules if m.split('.')[0] == 'pydantic'))"
    )
    found = subprocess.run([sys.executable, "-c", read], check=True, env=env, capture_output=True, text=True)
    assert found.stdout.strip() == "[]"
    assert load_catalog(data, use_cache=False).routes.keys() == set(load_catalog(data).routes)
