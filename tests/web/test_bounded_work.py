"""One request does a bounded number of name lookups and fuzzy matches, whatever its URL holds.

Counted, not timed: every resolution (`NameIndex._resolve`) and every fuzzy match
(`NameIndex._suggest`) the app makes for a request.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from starlette.testclient import TestClient

from modelvs.catalog import Catalog
from modelvs.catalog.resolve import NameIndex
from modelvs.params import MAX_NAMES
from modelvs.web import create_app
from modelvs.web.pages.render import SUGGESTED_NAMES
from tests.web.conftest import TODAY


@dataclass
class Counted:
    resolved: list[str] = field(default_factory=list)
    fuzzy: list[str] = field(default_factory=list)


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> Counted:
    seen = Counted()
    resolve, suggest = NameIndex._resolve, NameIndex._suggest

    def counting_resolve(self: NameIndex, name: str) -> str:
        seen.resolved.append(name)
        return resolve(self, name)

    def counting_suggest(self: NameIndex, name: str, limit: int = 5) -> list[str]:
        seen.fuzzy.append(name)
        return suggest(self, name, limit)

    monkeypatch.setattr(NameIndex, "_resolve", counting_resolve)
    monkeypatch.setattr(NameIndex, "_suggest", counting_suggest)
    return seen


@pytest.fixture
def fresh(catalog: Catalog) -> TestClient:
    """An app whose catalog has answered no name yet (its own copy of the resolver's memo)."""
    copy = Catalog(
        **{
            f: getattr(catalog, f) for f in ("sources", "labs", "providers", "benchmarks", "models", "routes")
        },
        version=catalog.version,
        name_index=catalog.names,
    )
    return TestClient(create_app(copy, today=TODAY), follow_redirects=False)


NAMES = [f"nosuchmodel{i}" for i in range(1000)]


def test_a_thousand_names_in_one_query_are_refused_before_any_lookup(
    fresh: TestClient, counted: Counted
) -> None:
    query = ",".join(NAMES)
    page = fresh.get(f"/compare?models={query}")
    api = fresh.get(f"/api/v1/compare?models={query}")
    fragment = fresh.get(f"/compare/fragment?models={query}")
    assert (page.status_code, api.status_code, fragment.status_code) == (422, 422, 422)
    assert f"takes at most {MAX_NAMES} model names, got 1000" in api.text
    assert counted.resolved == []
    assert counted.fuzzy == []


def test_a_thousand_names_in_one_pair_path_are_refused_before_any_lookup(
    fresh: TestClient, counted: Counted
) -> None:
    response = fresh.get("/compare/" + "-vs-".join(NAMES))
    assert response.status_code == 404
    assert counted.resolved == NAMES[:2]  # only the two names the 404 page offers suggestions for
    assert counted.fuzzy == NAMES[:2]


def test_unknown_names_are_matched_once_each_and_only_those_shown(
    fresh: TestClient, counted: Counted
) -> None:
    names = NAMES[:MAX_NAMES]
    response = fresh.get(f"/compare?models={','.join(names)}")
    assert response.status_code == 404
    assert sorted(set(counted.resolved)) == sorted(names)
    assert len(counted.resolved) == len(names)  # memoised: the 404 page does not resolve again
    assert counted.fuzzy == names[:SUGGESTED_NAMES]
    again = fresh.get(f"/compare?models={','.join(names)}&requests=5")
    assert again.status_code == 404
    assert len(counted.resolved) == len(names)
    assert counted.fuzzy == names[:SUGGESTED_NAMES]


def test_an_unknown_pair_is_matched_once(fresh: TestClient, counted: Counted) -> None:
    response = fresh.get("/compare/gpt-4o-2024-11-20-vs-nosuchmodel")
    assert response.status_code == 404
    assert counted.fuzzy == ["nosuchmodel"]
    assert len(counted.resolved) == len(set(counted.resolved))


def test_a_known_model_is_never_fuzzy_matched(fresh: TestClient, counted: Counted) -> None:
    assert fresh.get("/compare/gpt-4o-2024-11-20/gemini-3.1-pro-preview").status_code == 301
    assert counted.fuzzy == []
