"""Name resolution: exact ids and slugs win, ambiguous names list candidates, misses suggest."""

from __future__ import annotations

import datetime as dt
import gc
import weakref
from typing import Any

import pytest

from modelvs.catalog import AmbiguousModelError, UnknownModelError, resolve
from modelvs.catalog.resolve import NameIndex
from modelvs.schema import Model


def index(models: dict[str, dict[str, object]], loose: dict[str, tuple[str, ...]]) -> NameIndex:
    records = {mid: Model.model_validate({"name": mid} | fields) for mid, fields in models.items()}
    slugs = {mid: mid.split("/", 1)[1] for mid in records}
    return NameIndex(records, slugs, loose, dict.fromkeys(records, 1))


def test_an_exact_id_or_slug_wins_over_any_alias() -> None:
    found = index(
        {"openai/gpt-5.5": {}, "openai/gpt-55": {}}, {"gpt-5-5": ("openai/gpt-5.5", "openai/gpt-55")}
    )
    assert found.resolve("gpt-5.5") == "openai/gpt-5.5"
    assert found.resolve("openai/gpt-55") == "openai/gpt-55"
    # A loose spelling both answer to: the one whose own slug it is.
    assert found.resolve("GPT 5.5") == "openai/gpt-5.5"


def test_a_name_several_models_answer_to_is_ambiguous() -> None:
    found = index({"a/x-1": {}, "b/x-2": {}}, {"shared": ("a/x-1", "b/x-2")})
    with pytest.raises(AmbiguousModelError) as err:
        found.resolve("shared")
    assert err.value.suggestions == ["a/x-1", "b/x-2"]
    assert "Ambiguous model 'shared'" in str(err.value)


def test_separators_do_not_matter_as_a_last_resort() -> None:
    found = index({"openai/gpt-5.5": {}}, {"gpt-5-5": ("openai/gpt-5.5",)})
    assert found.resolve("gpt55") == "openai/gpt-5.5"


def test_suggestions_put_current_models_first() -> None:
    found = index(
        {
            "openai/gpt-9": {"deprecation_date": dt.date(2025, 1, 1)},
            "openai/gpt-9-pro": {},
        },
        {"gpt-9": ("openai/gpt-9",), "gpt-9-pro": ("openai/gpt-9-pro",)},
    )
    with pytest.raises(UnknownModelError) as err:
        found.resolve("gpt-9x")
    assert err.value.suggestions[0] == "openai/gpt-9-pro"


def test_a_miss_is_computed_once_and_long_input_is_cut() -> None:
    found = index({"openai/gpt-9": {}}, {"gpt-9": ("openai/gpt-9",)})
    for _ in range(3):
        with pytest.raises(UnknownModelError):
            found.resolve("q" * 10_000)
    assert len(found._resolved) == 1


def test_a_miss_looks_for_suggestions_only_when_they_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    found = index({"openai/gpt-5.5": {}}, {"gpt-5-5": ("openai/gpt-5.5",)})
    matched: list[str] = []
    fuzzy = NameIndex._suggest

    def counted(self: NameIndex, name: str, limit: int = 5) -> list[str]:
        matched.append(name)
        return fuzzy(self, name, limit)

    monkeypatch.setattr(NameIndex, "_suggest", counted)
    with pytest.raises(UnknownModelError) as err:
        found.resolve("gpt-5.6")
    assert matched == []  # asking whether a name is known costs no fuzzy match
    assert err.value.suggestions == ["openai/gpt-5.5"]
    assert str(err.value) == "Unknown model 'gpt-5.6'. Did you mean: openai/gpt-5.5?"
    assert found.suggest("gpt-5.6") == ["openai/gpt-5.5"]
    assert matched == ["gpt-5.6"]  # once per name, however often it is asked
    assert found.suggest("gpt-5.5") == ["openai/gpt-5.5"]  # a known name suggests its model


def test_a_fuzzy_match_reads_the_rarest_trigrams_within_a_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    names = {f"gpt-4o-mini-{i}": (f"lab/gpt-4o-mini-{i}",) for i in range(3000)}
    found = index({mid: {} for (mid,) in names.values()}, names)
    counted: list[int] = []

    class Counting(resolve.Counter[str]):
        def update(self, items: Any = None, /, **kwargs: int) -> None:
            counted.append(len(items or ()))
            super().update(items, **kwargs)

    monkeypatch.setattr(resolve, "Counter", Counting)
    monkeypatch.setattr(resolve, "POSTINGS", 500)
    # Every model shares `gpt`, `-4o`, `min`...: the match reads the rare trigrams of `2718` first.
    assert found.suggest("gpt-4o-mini-2718x")[0] == "lab/gpt-4o-mini-2718"
    assert sum(counted) <= 500


def test_a_failed_lookup_raises_a_fresh_error_that_nothing_keeps() -> None:
    """The memo keeps what failed, never the exception: its traceback (and every frame it holds)
    goes with the caller that caught it."""
    found = index({"a/x-1": {}, "b/x-2": {}}, {"shared": ("a/x-1", "b/x-2")})
    refs = []
    for name in ("nothing-like-it", "nothing-like-it", "shared", "shared"):
        try:
            found.resolve(name)
        except UnknownModelError as err:
            refs.append(weakref.ref(err))
    gc.collect()
    assert len(refs) == 4
    assert [r() for r in refs] == [None, None, None, None]
    with pytest.raises(AmbiguousModelError) as again:
        found.resolve("shared")
    assert again.value.suggestions == ["a/x-1", "b/x-2"]


def test_a_long_name_is_remembered_cut_to_the_longest_name_looked_up() -> None:
    found = index({"a/x-1": {}}, {})
    for n in range(3):
        with pytest.raises(UnknownModelError):
            found.resolve(f"{'y' * 30_000}{n}")
    assert all(len(name) <= resolve.MAX_NAME for name in found._resolved)
