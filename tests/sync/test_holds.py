"""Big moves on flagships are held back: the rule, what counts as a flagship, and accepting."""

from __future__ import annotations

import copy
import datetime as dt
from decimal import Decimal
from typing import Any

from modelvs.sync.fields import Records
from modelvs.sync.holds import Hold, flagships, hold_back

TODAY = dt.date(2026, 12, 5)
ROUTE = "openai:openai/gpt-5"


def catalog(**model: Any) -> Records:
    """A lab API, a rated current text model with its lab route, a reseller's route of it."""
    return {
        ("provider", "openai"): {"name": "OpenAI", "lab": "openai", "trust": "first_party"},
        ("provider", "resale"): {"name": "Resale", "trust": "reseller"},
        ("model", "openai/gpt-5"): {"name": "GPT-5", "kind": "text", **model},
        ("route", ROUTE): {"prices": [{"input": Decimal("1.25"), "output": Decimal(10), "citation": "g"}]},
        ("route", "resale:openai/gpt-5"): {
            "prices": [{"input": Decimal(1), "output": Decimal(8), "citation": "g"}]
        },
        ("result", "lmarena:openai/gpt-5"): {"results": [{"score": Decimal(1440)}]},
        ("model", "openai/gpt-5-mini"): {"name": "GPT-5 mini", "kind": "text"},
        ("route", "openai:openai/gpt-5-mini"): {"prices": [{"input": Decimal("0.25"), "citation": "g"}]},
    }


def priced(records: Records, route: str, **rates: Decimal) -> Records:
    after = copy.deepcopy(records)
    after[("route", route)]["prices"][0].update(rates)
    return after


def test_a_flagship_is_a_current_rated_text_model_with_its_labs_route() -> None:
    assert flagships(catalog(), TODAY) == {"openai/gpt-5": ROUTE}  # gpt-5-mini has no Arena rating
    assert flagships(catalog(kind="embedding"), TODAY) == {}
    assert flagships(catalog(status="deprecated"), TODAY) == {}
    assert flagships(catalog(retirement_date=TODAY), TODAY) == {}
    assert flagships(catalog(deprecation_date=TODAY + dt.timedelta(days=1)), TODAY) == {"openai/gpt-5": ROUTE}


def test_a_lab_price_moving_by_more_than_half_is_held_and_the_route_kept() -> None:
    before = catalog()
    after = priced(before, ROUTE, input=Decimal("0.5"))  # -60%
    kept, holds = hold_back(before, after, TODAY)
    assert kept[("route", ROUTE)] == before[("route", ROUTE)]
    assert holds == [
        Hold(
            ROUTE,
            "standard input 1.25 -> 0.5",
            "a flagship's lab price moving by more than half is held for review",
        )
    ]


def test_moves_of_half_or_less_and_other_routes_are_published() -> None:
    before = catalog()
    after = priced(before, ROUTE, input=Decimal("1.875"), output=Decimal(5))  # +50%, -50%: not more
    after = priced(after, "resale:openai/gpt-5", input=Decimal("0.1"))  # a reseller: not held
    after = priced(after, "openai:openai/gpt-5-mini", input=Decimal("2.5"))  # not a flagship
    kept, holds = hold_back(before, after, TODAY)
    assert (kept, holds) == (after, [])


def test_a_price_that_stops_being_quoted_is_held() -> None:
    before = catalog()
    after = copy.deepcopy(before)
    del after[("route", ROUTE)]["prices"][0]["output"]
    _, holds = hold_back(before, after, TODAY)
    assert [h.what for h in holds] == ["standard output 10 -> not priced"]


def test_a_flagship_disappearing_is_held_whole() -> None:
    before = catalog()
    after = {k: v for k, v in before.items() if "openai/gpt-5" not in k[1] or "mini" in k[1]}
    kept, holds = hold_back(before, after, TODAY)
    assert holds == [Hold("openai/gpt-5", "removed", "a flagship disappearing is held for review")]
    assert kept == before


def test_its_lab_route_disappearing_is_held() -> None:
    before = catalog()
    after = {k: v for k, v in before.items() if k != ("route", ROUTE)}
    kept, holds = hold_back(before, after, TODAY)
    assert [h.id for h in holds] == [ROUTE]
    assert kept == before


def test_an_accepted_id_is_published() -> None:
    before = catalog()
    after = priced(before, ROUTE, input=Decimal("0.1"))
    assert hold_back(before, after, TODAY, accept={ROUTE}) == (after, [])
    assert hold_back(before, after, TODAY, accept={"openai/gpt-5"}) == (after, [])
