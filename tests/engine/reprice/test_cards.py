"""A group's card: the rates its rows bill at on a route, decided once for the group; for a bucket
of many requests, from what its totals allow."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from modelvs import load_catalog
from modelvs.catalog import Catalog
from modelvs.engine.reprice.cards import IMPOSSIBLE, UNDECIDED, UNKNOWN, Card, Refusal, Sizes, decide
from modelvs.engine.reprice.totals import Totals
from modelvs.schema.vocab import PriceMode

GEMINI = "google:google/gemini-3.1-pro-preview"
GPT4O = "openai:openai/gpt-4o-2024-11-20"
SONNET46 = "anthropic:anthropic/claude-sonnet-4-6"
NOV = dt.date(2026, 11, 2)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


def one(prompt: int, answer: int = 100, **flags: bool) -> Sizes:
    return Sizes(prompt, prompt, prompt, answer, 1, False, flags.get("cached", False), False, False)


def bucket(low: int, high: int, average: int | None, answer: int | None = 100) -> Sizes:
    return Sizes(low, high, average, answer, 10 if average else 0, True, False, False, False)


def rates(card: Card | Refusal) -> dict[str, Decimal]:
    assert isinstance(card, Card), card
    return dict(card.rates)


def test_a_request_over_the_threshold_bills_every_component_at_the_tier(catalog: Catalog) -> None:
    below = decide(catalog, GEMINI, NOV, PriceMode.STANDARD, one(200_000))
    above = decide(catalog, GEMINI, NOV, PriceMode.STANDARD, one(250_000))
    assert (rates(below)["input"], rates(below)["output"]) == (Decimal("2.0"), Decimal("12.0"))
    assert (rates(above)["input"], rates(above)["output"], rates(above)["cache_read"]) == (
        Decimal("4.0"), Decimal("18.0"), Decimal("0.4"),
    )  # fmt: skip
    assert isinstance(above, Card)
    assert above.tier == 200_000


def test_over_a_limit_is_impossible_never_priced(catalog: Catalog) -> None:
    found = decide(catalog, GPT4O, NOV, PriceMode.STANDARD, one(250_000))
    assert found == Refusal("prompt over the 128,000-token context limit", IMPOSSIBLE)
    long_answer = decide(catalog, GPT4O, NOV, PriceMode.STANDARD, one(1000, answer=20_000))
    assert long_answer == Refusal("answer over the 16,384-token output limit", IMPOSSIBLE)


def test_a_day_before_the_release_or_without_prices_is_not_priced(catalog: Catalog) -> None:
    early = decide(catalog, GEMINI, dt.date(2025, 1, 1), PriceMode.STANDARD, one(1000))
    assert isinstance(early, Refusal)
    assert early.kind == IMPOSSIBLE
    assert "released" in early.reason


def test_prices_are_those_of_the_day(catalog: Catalog) -> None:
    # Claude Sonnet 4.6 had a long-context tier until 2026-03-13, and none after.
    before = decide(catalog, SONNET46, dt.date(2026, 3, 2), PriceMode.STANDARD, one(300_000))
    after = decide(catalog, SONNET46, NOV, PriceMode.STANDARD, one(300_000))
    assert rates(before)["input"] == Decimal("6.0")
    assert rates(after)["input"] == Decimal("3.0")


def test_a_bucket_decides_the_tier_where_its_totals_allow(catalog: Catalog) -> None:
    # Every request under the threshold: the whole input is under it, or the window says so.
    assert rates(decide(catalog, GEMINI, NOV, PriceMode.STANDARD, bucket(0, 150_000, 15_000)))[
        "input"
    ] == Decimal("2.0")
    # Every request over it (a window of 200k-1M).
    assert rates(decide(catalog, GEMINI, NOV, PriceMode.STANDARD, bucket(200_001, 900_000, 250_000)))[
        "input"
    ] == Decimal("4.0")
    # Straddling it with an average below: priced below, and said to be assumed.
    straddle = decide(catalog, GEMINI, NOV, PriceMode.STANDARD, bucket(0, 900_000, 90_000))
    assert isinstance(straddle, Card)
    assert (straddle.assumed, rates(straddle)["input"]) == (True, Decimal("2.0"))
    # Straddling it with an average above: some request was in the tier; how many, totals cannot say.
    over = decide(catalog, GEMINI, NOV, PriceMode.STANDARD, bucket(0, 900_000, 210_000))
    assert isinstance(over, Refusal)
    assert over.kind == UNDECIDED
    # A bucket whose average prompt is over the window: some request could not have run.
    assert decide(catalog, GPT4O, NOV, PriceMode.STANDARD, bucket(0, 900_000, 130_000)) == Refusal(
        "average prompt over the 128,000-token context limit", IMPOSSIBLE
    )


def test_batch_bills_the_batch_schedule_and_a_missing_mode_falls_back_with_a_note(catalog: Catalog) -> None:
    batch = decide(catalog, GEMINI, NOV, PriceMode.BATCH, one(1000))
    assert isinstance(batch, Card)
    assert (batch.mode, rates(batch)["input"]) == (PriceMode.BATCH, Decimal("1.0"))
    flex = decide(catalog, GEMINI, NOV, PriceMode.FLEX, one(1000))
    assert isinstance(flex, Card)
    assert flex.mode is PriceMode.STANDARD
    assert flex.notes == ("no flex price on this route: billed at the standard rate",)


def test_a_card_costs_totals_line_by_line(catalog: Catalog) -> None:
    card = decide(catalog, GPT4O, NOV, PriceMode.STANDARD, one(1000, cached=True))
    assert isinstance(card, Card)
    totals = Totals()
    totals.rows, totals.requests, totals.input, totals.cached, totals.output = 2, 2, 3000, 1000, 400
    total, lines = card.cost(totals)
    # 2,000 uncached x $2.50 + 1,000 cached x $1.25 + 400 output x $10, per 1M tokens
    assert total == Decimal("0.005") + Decimal("0.00125") + Decimal("0.004")
    assert [(line.component, line.tokens) for line in lines] == [
        ("input", 2000),
        ("cache_read", 1000),
        ("output", 400),
    ]


def test_unknown_costs_say_why(catalog: Catalog) -> None:
    audio = Sizes(100, 100, 100, 10, 1, False, False, False, True)
    found = decide(catalog, GPT4O, NOV, PriceMode.STANDARD, audio)
    assert isinstance(found, Refusal)
    assert found.kind in (UNKNOWN, IMPOSSIBLE)
