"""The compiled catalog: the same records as a full load, read chunk by chunk."""

from __future__ import annotations

import datetime as dt
import os
import pickle
from pathlib import Path

import pytest

from modelvs.catalog import check_dir, load_catalog
from modelvs.catalog.compiled import CHUNK, Compiled
from modelvs.catalog.layout import KINDS
from tests.minicatalog import write_catalog

TODAY = dt.date(2026, 11, 24)
ROUTE = """
provider_model_id = "{model}"
[[prices]]
input = {input}
output = 10.00
citation = "md"
[citations.md]
source = "models-dev"
"""
MODEL = """
name = "Model {n}"
context_window = 128000
[citations.md]
source = "models-dev"
[provenance]
name = "md"
context_window = "md"
"""


def _many(root: Path, count: int) -> Path:
    """The mini catalog and `count` more models, each on OpenAI's route, prices written two ways."""
    files: dict[str, str | None] = {}
    for n in range(count):
        files[f"models/openai/m{n:03}.toml"] = MODEL.format(n=n)
        price = "2.50" if n % 2 else "2.5"
        files[f"routes/openai/openai/m{n:03}.toml"] = ROUTE.format(model=f"m{n:03}", input=price)
    return write_catalog(root, files)


@pytest.fixture(autouse=True)
def _own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MODELVS_CACHE", str(tmp_path / "cache"))


def _compiled_file() -> Path:
    [path] = Path(os.environ["MODELVS_CACHE"]).glob("catalog-*.bin")
    return path


def _fields(value: object) -> object:
    """A record (the schema's or its plain twin) as its class name and fields, all the way down."""
    if isinstance(value, dict):
        return {k: _fields(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_fields(v) for v in value]
    if hasattr(value, "__dict__") and not isinstance(value, type):
        return type(value).__name__, _fields(vars(value))
    return value


def test_a_compiled_catalog_holds_the_checked_records_exactly(tmp_path: Path) -> None:
    data = _many(tmp_path / "data", 2 * CHUNK + 5)
    checked = check_dir(data, TODAY).catalog
    load_catalog(data)  # compiles
    again = load_catalog(data)  # opens the compiled file
    for kind in KINDS:
        mine, theirs = getattr(again, kind.folder), getattr(checked, kind.folder)
        assert list(mine) == list(theirs), kind.name  # the same ids, in the same order
        assert _fields({k: mine[k] for k in mine}) == _fields(dict(theirs)), kind.name
    # Exact text survives: equal Decimals written two ways are not made one.
    prices = {str(again.routes[f"openai:openai/m{n:03}"].prices[0].input) for n in range(2)}
    assert prices == {"2.5", "2.50"}
    assert again.version == checked.version
    assert again.names == checked.names
    assert dict(again.files) == dict(checked.files)
    assert pickle.loads(pickle.dumps(again)).routes == dict(again.routes)


def test_opening_reads_no_record_and_a_record_reads_its_chunk(tmp_path: Path) -> None:
    data = _many(tmp_path / "data", 3 * CHUNK)
    load_catalog(data)
    found = Compiled(_compiled_file())
    routes = found.records("route")
    assert len(routes) == 3 * CHUNK + 1
    assert routes.chunks_read == 0
    assert "openai:openai/m001" in routes
    assert "openai:openai/nothing" not in routes
    assert routes.chunks_read == 0
    assert routes["openai:openai/m001"].provider_model_id == "m001"
    assert routes.chunks_read == 1
    routes.load_all()
    assert routes.chunks_read == 4


def test_a_damaged_compiled_file_is_compiled_again(mini: Path) -> None:
    load_catalog(mini)
    path = _compiled_file()
    path.write_bytes(b"not a catalog")
    assert set(load_catalog(mini).models) == {"openai/gpt-4o-2024-11-20"}
    assert _compiled_file().read_bytes()[:7] == b"MODELVS"


def test_a_data_file_changed_in_place_added_or_removed_is_seen(mini: Path) -> None:
    load_catalog(mini)
    model = mini / "models/openai/gpt-4o-2024-11-20.toml"
    text = model.read_text()
    model.write_text(text.replace("GPT-4o (2024-11-20)", "GPT-4o (2024-11-21)"))
    stat = model.stat()
    os.utime(model, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1))  # a write within the same tick
    assert load_catalog(mini).models["openai/gpt-4o-2024-11-20"].name == "GPT-4o (2024-11-21)"
    (mini / "labs/extra.toml").write_text((mini / "labs/openai.toml").read_text())
    assert "extra" in load_catalog(mini).labs
    (mini / "labs/extra.toml").unlink()
    assert "extra" not in load_catalog(mini).labs
