"""The model index: opens on the most notable models, leaves retired ones out unless asked, and a
text orders its matches as the search does; every other sort stays."""

from __future__ import annotations

import datetime as dt

from modelvs.views.model_list import ModelQuery, SortKey, Status, list_models
from tests.minicatalog import in_memory

ON = dt.date(2026, 11, 24)
SOLD = {"input": 1, "output": 2}
CATALOG = in_memory(
    {
        "acme/aardvark": {"name": "Aardvark"},
        "acme/rocket": {"name": "Rocket"},
        "acme/rocket-max": {"name": "Rocket Max"},
        "acme/rocket-1": {"name": "Rocket 1", "retirement_date": dt.date(2025, 1, 1)},
    },
    {"acme:acme/rocket-max": SOLD, "acme:acme/rocket-1": SOLD},
    ratings={"acme/rocket-max": 1400, "acme/rocket-1": 1300},
)


def ids(query: ModelQuery) -> list[str]:
    return [r.id for r in list_models(CATALOG, query, ON).rows]


def test_the_default_order_is_the_most_notable_first_without_retired_models() -> None:
    assert ModelQuery().sort is SortKey.RELEVANCE
    assert ids(ModelQuery()) == ["acme/rocket-max", "acme/aardvark", "acme/rocket"]


def test_a_status_filter_shows_retired_models() -> None:
    assert ids(ModelQuery(statuses=frozenset({Status.RETIRED}))) == ["acme/rocket-1"]


def test_a_text_orders_its_matches_as_the_search_does() -> None:
    # `Rocket` is a display name typed in full: first, though Rocket Max is more notable.
    assert ids(ModelQuery(q="rocket")) == ["acme/rocket", "acme/rocket-max"]
    assert ids(ModelQuery(q="max")) == ["acme/rocket-max"]


def test_other_sorts_stay() -> None:
    assert ids(ModelQuery(sort=SortKey.NAME)) == ["acme/aardvark", "acme/rocket", "acme/rocket-max"]
    assert ids(ModelQuery(sort=SortKey.NAME, descending=True)) == [
        "acme/rocket-max",
        "acme/rocket",
        "acme/aardvark",
    ]
    # The least notable first; equals keep id order.
    assert ids(ModelQuery(sort=SortKey.RELEVANCE, descending=True)) == [
        "acme/aardvark",
        "acme/rocket",
        "acme/rocket-max",
    ]
