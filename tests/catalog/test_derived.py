"""Derived values: computed once per catalog, kept in memory and, for a compiled catalog, on disk."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path
from types import MappingProxyType

from modelvs.catalog import load_catalog
from modelvs.catalog.derived import Derived, derived, per_catalog


class Counter:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, value: object) -> object:
        self.calls += 1
        return value


def test_a_value_is_computed_once_and_the_next_process_reads_it(tmp_path: Path) -> None:
    made = Counter()
    first = Derived(tmp_path)
    assert first.get("index", ("2026-11-24",), lambda: made({"a": 1})) == {"a": 1}
    assert first.get("index", ("2026-11-24",), lambda: made({"a": 2})) == {"a": 1}
    later = Derived(tmp_path)  # another process: a new memo over the same folder
    assert later.get("index", ("2026-11-24",), lambda: made({"a": 3})) == {"a": 1}
    assert made.calls == 1
    assert later.get("index", ("2026-11-25",), lambda: made({"a": 4})) == {"a": 4}


def test_values_not_persisted_or_not_picklable_stay_in_memory(tmp_path: Path) -> None:
    folder = Derived(tmp_path)
    folder.get("asked", 1, lambda: "x", persist=False)
    folder.get("lock", 1, threading.Lock)  # cannot be pickled
    assert list(tmp_path.iterdir()) == []
    assert Derived(tmp_path).get("asked", 1, lambda: "y") == "y"


def test_a_damaged_or_foreign_file_is_computed_again(tmp_path: Path) -> None:
    Derived(tmp_path).get("v", 1, lambda: "kept")
    [path] = tmp_path.iterdir()
    path.write_bytes(b"garbage")
    assert Derived(tmp_path).get("v", 1, lambda: "again") == "again"


def test_a_read_only_mapping_comes_back_read_only(tmp_path: Path) -> None:
    Derived(tmp_path).get("m", 1, lambda: MappingProxyType({"k": 1}))
    back = Derived(tmp_path).get("m", 1, lambda: MappingProxyType({}))
    assert isinstance(back, MappingProxyType)
    assert dict(back) == {"k": 1}


def test_a_compiled_catalog_keeps_its_derived_values_for_the_next_load(mini: Path) -> None:
    made = Counter()

    @per_catalog("model-count")
    def count(catalog: object, plus: int) -> object:
        return made(len(load_catalog(mini).models) + plus)

    assert count(load_catalog(mini), 1) == 2
    assert count(load_catalog(mini), 1) == 2
    assert derived(load_catalog(mini), "model-count", (1,), lambda: made(99)) == 2
    assert made.calls == 1
    # The memo of a catalog loaded without the cache is its own, in memory.
    assert derived(load_catalog(mini, use_cache=False), "model-count", (1,), lambda: made(5)) == 5


def test_a_key_with_sets_names_one_file_in_every_process(tmp_path: Path) -> None:
    """Sets pickle in string-hash order, which each process draws anew: the file name may not."""
    key = (frozenset({"openai/gpt-5.5", "anthropic/claude-opus-4-7", "google/gemini-3.1-pro"}), 7)
    code = (
        "import sys; from pathlib import Path; from modelvs.catalog.derived import Derived;"
        f"Derived(Path(sys.argv[1])).get('v', {key!r}, lambda: 1)"
    )
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", code, str(tmp_path)], env=env, check=True, timeout=120)
    assert len(list(tmp_path.iterdir())) == 1
