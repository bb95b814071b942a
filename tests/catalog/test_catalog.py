import dataclasses
import pickle
from pathlib import Path

import pytest

from modelvs.catalog import CatalogError, UnknownModelError, load_catalog
from tests.minicatalog import write_catalog


def test_resolve_by_id_slug_alias_and_name(mini: Path) -> None:
    catalog = load_catalog(mini)
    for name in ("openai/gpt-4o-2024-11-20", "gpt-4o-2024-11-20", "GPT-4o (2024-11-20)", "gpt_4o_2024_11_20"):
        assert catalog.resolve(name) == "openai/gpt-4o-2024-11-20"


def test_unknown_name_suggests_the_closest(mini: Path) -> None:
    catalog = load_catalog(mini)
    with pytest.raises(UnknownModelError) as caught:
        catalog.resolve("gpt-40-2024-11-20")
    assert caught.value.suggestions == ["openai/gpt-4o-2024-11-20"]
    assert "Did you mean: openai/gpt-4o-2024-11-20" in str(caught.value)


def test_compiled_cache_round_trips_and_follows_the_data(mini: Path) -> None:
    first = load_catalog(mini)
    again = load_catalog(mini)
    assert again.version == first.version
    assert again.routes_by_model == first.routes_by_model
    assert pickle.loads(pickle.dumps(first)).slugs == first.slugs
    (mini / "labs/openai.toml").write_text(
        'name = "OpenAI Inc"\n[citations.modelvs]\nsource = "modelvs"\n[provenance]\nname = "modelvs"\n'
    )
    assert load_catalog(mini).labs["openai"].name == "OpenAI Inc"


def test_load_refuses_a_broken_catalog(tmp_path: Path) -> None:
    data = write_catalog(tmp_path, {"labs/openai.toml": None})
    with pytest.raises(CatalogError, match="unknown lab 'openai'"):
        load_catalog(data)


def test_a_compiled_catalog_reads_its_lookups_as_they_were_computed(mini: Path) -> None:
    compiled, fresh = load_catalog(mini), load_catalog(mini, use_cache=False)
    assert compiled.indexes is not None  # read from the compiled file, not computed again
    for name in ("routes_by_model", "routes_by_provider", "results_by_model", "slugs"):
        assert dict(getattr(compiled, name)) == dict(getattr(fresh, name)), name


def test_an_exact_id_or_slug_resolves_without_the_name_index(mini: Path) -> None:
    base = load_catalog(mini, use_cache=False)

    def unread() -> dict[str, tuple[str, ...]]:
        raise AssertionError("the name index was read")

    catalog = dataclasses.replace(base, name_index=unread)
    assert catalog.resolve("openai/gpt-4o-2024-11-20") == "openai/gpt-4o-2024-11-20"
    assert catalog.resolve("gpt-4o-2024-11-20") == "openai/gpt-4o-2024-11-20"
    with pytest.raises(AssertionError, match="the name index was read"):
        catalog.resolve("GPT-4o (2024-11-20)")
