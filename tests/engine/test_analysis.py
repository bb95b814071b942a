"""Blended prices, the break-even ratio and the cost sensitivity of a model."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from modelvs.engine.analysis import (
    BATCH_SHARES,
    CACHE_SHARES,
    BreakEven,
    blended_price,
    break_even,
    break_even_ratio,
    cheaper_at,
    sensitivity,
    with_cache_share,
    with_long_prompts,
)
from modelvs.engine.workload import DEFAULT_WORKLOAD, Profile, Workload
from tests.engine.test_pricing import GEMINI, GPT4O, ON, build, route, shipped

D = Decimal
GEMINI_ID = "google/gemini-3.1-pro-preview"
GPT4O_ID = "openai/gpt-4o-2024-11-20"


@pytest.mark.parametrize(
    ("share", "gemini", "gpt4o"),
    [
        (D("0.7"), D("5.00"), D("4.75")),
        (D("0.75"), D("4.50"), D("4.375")),
        (D(1), D(2), D("2.5")),
        (D(0), D(12), D(10)),
    ],
)
def test_blended_price(share: Decimal, gemini: Decimal, gpt4o: Decimal) -> None:
    assert blended_price(D(2), D(12), share) == gemini
    assert blended_price(D("2.5"), D(10), share) == gpt4o


@pytest.mark.parametrize("share", [D("-0.1"), D("1.1")])
def test_blended_price_rejects_a_share_outside_0_to_1(share: Decimal) -> None:
    with pytest.raises(ValueError, match="input share"):
        blended_price(D(1), D(1), share)


def test_reference_break_even_is_4_to_1_with_gemini_cheaper_above() -> None:
    assert break_even_ratio(D(2), D(12), D("2.5"), D(10)) == 4
    assert break_even(D(2), D(12), D("2.5"), D(10)) == BreakEven(D(4), "a", "b")
    assert break_even(D("2.5"), D(10), D(2), D(12)) == BreakEven(D(4), "b", "a")  # order does not matter
    assert cheaper_at(D(2), D(12), D("2.5"), D(10), D(5)) == "a"
    assert cheaper_at(D(2), D(12), D("2.5"), D(10), D(3)) == "b"
    assert cheaper_at(D(2), D(12), D("2.5"), D(10), D(4)) is None


@pytest.mark.parametrize(
    "rates",
    [
        (D(1), D(5), D(2), D(10)),  # a is cheaper on both
        (D(1), D(10), D(2), D(10)),  # a is cheaper on input, equal on output
        (D(2), D(5), D(2), D(10)),  # equal input rates: a constant gap
        (D(2), D(10), D(2), D(10)),  # identical
    ],
)
def test_no_break_even_when_one_model_is_never_dearer(rates: tuple[Decimal, ...]) -> None:
    assert break_even_ratio(*rates) is None


positive = st.decimals(min_value=D("0.01"), max_value=100, places=2)


@given(positive, positive, positive, positive)
def test_the_break_even_ratio_separates_who_is_cheaper(
    a_in: Decimal, a_out: Decimal, b_in: Decimal, b_out: Decimal
) -> None:
    found = break_even(a_in, a_out, b_in, b_out)
    assume(found is not None)
    assert found is not None
    assert cheaper_at(a_in, a_out, b_in, b_out, found.ratio * 2) == found.cheaper_above
    assert cheaper_at(a_in, a_out, b_in, b_out, found.ratio / 2) == found.cheaper_below


# --- sensitivity on the shipped catalog -----------------------------------------------------------


def test_cache_share_flips_the_ranking() -> None:
    gemini = dict(sensitivity(shipped(), GEMINI_ID, DEFAULT_WORKLOAD, ON).cache)
    gpt4o = dict(sensitivity(shipped(), GPT4O_ID, DEFAULT_WORKLOAD, ON).cache)
    assert list(gemini) == list(CACHE_SHARES)
    assert (gemini[D("0.5")].monthly, gemini[D("0.5")].route) == (D(3880), GEMINI)
    assert (gpt4o[D("0.5")].monthly, gpt4o[D("0.5")].route) == (D(4000), GPT4O)
    assert [gpt4o[s].monthly for s in CACHE_SHARES] == [D(4500), D(4250), D(4000), D(3750), D(3600)]


def test_batch_share_halves_the_cost() -> None:
    gemini = dict(sensitivity(shipped(), GEMINI_ID, DEFAULT_WORKLOAD, ON).batch)
    gpt4o = dict(sensitivity(shipped(), GPT4O_ID, DEFAULT_WORKLOAD, ON).batch)
    assert list(gpt4o) == list(BATCH_SHARES)
    assert (gemini[D(1)].monthly, gemini[D(1)].route) == (D(2300), GEMINI)
    assert (gpt4o[D(1)].monthly, gpt4o[D(1)].route) == (D(2250), GPT4O)
    assert gpt4o[D("0.5")].monthly == D(3375)


def test_each_row_names_its_own_cheapest_route() -> None:
    # On vetted routes Google's own API is cheapest at every cache share; on every route QuickSilver
    # Pro ($1.70/$10.20) would win uncached, but it publishes no cache price, so once prompts are
    # read from the cache its cost is unknown there and Google's API wins again.
    rows = sensitivity(shipped(), GEMINI_ID, DEFAULT_WORKLOAD, ON)
    assert {row.route for _, row in rows.cache} == {GEMINI}
    assert rows.base.monthly == D(4600)
    reseller = "quicksilverpro:google/gemini-3.1-pro-preview"
    cached = sensitivity(shipped(), GEMINI_ID, DEFAULT_WORKLOAD, ON, route=reseller).cache
    assert dict(cached)[D(0)].monthly == D(3910)
    assert dict(cached)[D("0.5")].monthly is None
    assert dict(cached)[D("0.5")].impossible == "no cache-read price published (the lab's own API prices it)"


def test_long_prompts_on_gemini_bill_the_tier_and_are_impossible_on_gpt4o() -> None:
    gemini = sensitivity(shipped(), GEMINI_ID, DEFAULT_WORKLOAD, ON, route=GEMINI).long_prompt
    # 1M requests x (300,000 x $4 + 250 x $18) per 1M tokens.
    assert (gemini.monthly, gemini.route, gemini.impossible) == (D(1_204_500), GEMINI, None)
    gpt4o = sensitivity(shipped(), GPT4O_ID, DEFAULT_WORKLOAD, ON).long_prompt
    assert (gpt4o.monthly, gpt4o.route) == (None, None)
    assert gpt4o.impossible == "a prompt of 300,000 tokens is over the 128,000-token limit"
    assert gpt4o.label == "300,000-token prompts"


def test_a_pinned_route_prices_every_row_there() -> None:
    openrouter = "openrouter:openai/gpt-4o-2024-11-20"
    rows = sensitivity(shipped(), GPT4O_ID, DEFAULT_WORKLOAD, ON, route=openrouter)
    assert (rows.base.monthly, rows.base.route) == (D("4747.50"), openrouter)
    batch = dict(rows.batch)[D(1)]
    # OpenAI's own API sells GPT-4o in batch mode at half price; OpenRouter publishes no batch
    # price, so all-batch traffic there has an unknown cost, never the standard one passed off.
    assert batch.monthly is None
    assert batch.impossible == "no batch price published (the lab's own API prices it)"


def test_a_model_without_routes_is_impossible_everywhere() -> None:
    catalog = build({"p:lab/m": route({"input": "1", "output": "1"})}, models={"lab/other": {"name": "o"}})
    rows = sensitivity(catalog, "lab/other", DEFAULT_WORKLOAD, ON)
    assert rows.base.impossible == "no route sells this model"


def test_cache_share_rounds_to_whole_tokens_and_keeps_the_rest() -> None:
    workload = Workload(
        10,
        (
            Profile(10, 5, share=D("0.5")),
            Profile(333, 7, cached_tokens=300, reasoning_tokens=3, share=D("0.5")),
        ),
        batch_share=D("0.5"),
    )
    changed = with_cache_share(workload, D("0.25"))
    assert [p.cached_tokens for p in changed.profiles] == [3, 83]  # 2.5 rounds up, 83.25 down
    assert [(p.output_tokens, p.reasoning_tokens, p.share) for p in changed.profiles] == [
        (5, 0, D("0.5")),
        (7, 3, D("0.5")),
    ]
    assert changed.batch_share == D("0.5")


def test_long_prompts_drop_the_cache_and_keep_the_answers() -> None:
    changed = with_long_prompts(Workload(10, (Profile(800, 250, cached_tokens=400, reasoning_tokens=9),)))
    assert changed.profiles == (Profile(300_000, 250, reasoning_tokens=9),)
