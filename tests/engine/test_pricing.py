"""Price of one request: tiers, cache, reasoning, fees, modes, dates and limits."""

from __future__ import annotations

import datetime as dt
import functools
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from modelvs.catalog import Catalog, load_catalog
from modelvs.catalog.layout import route_model
from modelvs.engine.pricing import price_request
from modelvs.engine.workload import Request
from modelvs.schema import Lab, Model, Provider, Route, Source
from modelvs.schema.vocab import PriceMode

ON = dt.date(2026, 11, 24)
"""The day the shipped catalog's figures are checked for (every current schedule applies)."""
GEMINI = "google:google/gemini-3.1-pro-preview"
GPT4O = "openai:openai/gpt-4o-2024-11-20"
D = Decimal


@functools.cache
def shipped() -> Catalog:
    """The real catalog in `data/`, loaded once per test session."""
    return load_catalog()


def route(*schedules: dict[str, Any], **fields: Any) -> Route:
    """A route whose schedules all cite one test source."""
    return Route.model_validate(
        {
            "provider_model_id": "m",
            "citations": {"t": {"source": "test"}},
            "prices": [{"citation": "t", **s} for s in schedules],
            **fields,
        }
    )


def build(
    routes: dict[str, Route],
    *,
    models: dict[str, dict[str, Any]] | None = None,
    providers: dict[str, dict[str, Any]] | None = None,
) -> Catalog:
    """A catalog of `routes`; models and providers default to bare records (providers: established
    clouds, so their routes are vetted)."""
    model_ids = {route_model(rid) for rid in routes}
    provider_ids = {rid.split(":", 1)[0] for rid in routes}
    model_fields = {mid: {"name": mid} for mid in model_ids} | (models or {})
    bare = {"kind": "cloud", "trust": "established"}
    provider_fields = {pid: {"name": pid, **bare} for pid in provider_ids} | (providers or {})
    source = Source(name="test", kind="curated", license="n/a", retrieved=ON)
    return Catalog(
        sources={"test": source},
        labs={mid.split("/")[0]: Lab(name=mid.split("/")[0]) for mid in model_ids},
        providers={pid: Provider.model_validate(f) for pid, f in provider_fields.items()},
        benchmarks={},
        models={mid: Model.model_validate(f) for mid, f in model_fields.items()},
        routes=routes,
    )


def one(*schedules: dict[str, Any], **fields: Any) -> Catalog:
    """A catalog with the single route `p:lab/m`."""
    return build({"p:lab/m": route(*schedules, **fields)})


def total(catalog: Catalog, request: Request, on: dt.date = ON) -> Decimal | None:
    return price_request(catalog, "p:lab/m", request, on).total


TIERED = {
    "input": "1",
    "output": "2",
    "cache_read": "0.1",
    "tiers": [{"threshold": 1000, "input": "3", "output": "5", "cache_read": "0.3"}],
}


# --- the reference figures, on the shipped catalog ---------------------------------------------


def test_gemini_long_prompt_bills_every_token_at_the_tier_rate() -> None:
    price = price_request(shipped(), GEMINI, Request(300_000, 10_000), ON)
    assert price.total == D("1.38")  # $1.20 + $0.18; the base rates would give $0.72
    assert price.tier_threshold == 200_000
    assert [(line.component, line.rate, line.cost) for line in price.lines] == [
        ("input", D(4), D("1.2")),
        ("output", D(18), D("0.18")),
    ]


def test_gemini_prompt_at_the_threshold_stays_on_the_base_tier() -> None:
    price = price_request(shipped(), GEMINI, Request(200_000, 10_000), ON)
    assert (price.total, price.tier_threshold) == (D("0.52"), None)  # the tier is `> 200,000`


def test_gpt4o_cannot_take_a_prompt_over_its_window() -> None:
    price = price_request(shipped(), GPT4O, Request(300_000, 10_000), ON)
    assert price.total is None
    assert price.impossible == "a prompt of 300,000 tokens is over the 128,000-token limit"


def test_reference_request_prices() -> None:
    assert price_request(shipped(), GEMINI, Request(800, 250), ON).total == D("0.0046")
    assert price_request(shipped(), GPT4O, Request(800, 250), ON).total == D("0.0045")


# --- tiers ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("comparison", "prompt", "expected"),
    [
        (">", 999, D("0.001003")),
        (">", 1000, D("0.001004")),  # not over: base rate
        (">", 1001, D("0.003013")),
        (">=", 999, D("0.001003")),
        (">=", 1000, D("0.003010")),  # at the threshold is in the tier
    ],
)
def test_tier_comparison_at_the_threshold(comparison: str, prompt: int, expected: Decimal) -> None:
    tier = {"threshold": 1000, "comparison": comparison, "input": "3", "output": "5"}
    catalog = one({"input": "1", "output": "2", "tiers": [tier]})
    assert total(catalog, Request(prompt, 2)) == expected


def test_cached_tokens_count_toward_the_tier() -> None:
    # 401 uncached + 600 cached = 1,001 prompt tokens: over 1,000, so all of it bills at the tier.
    price = price_request(one(TIERED), "p:lab/m", Request(1001, 10, cached_tokens=600), ON)
    assert price.tier_threshold == 1000
    assert price.total == D("0.001433")  # 401 x $3 + 600 x $0.30 + 10 x $5 per 1M


def test_a_component_the_tier_leaves_out_keeps_the_base_rate() -> None:
    tier = {"threshold": 1000, "input": "3"}
    catalog = one({"input": "1", "output": "2", "cache_read": "0.1", "tiers": [tier]})
    price = price_request(catalog, "p:lab/m", Request(2000, 1000, cached_tokens=1000), ON)
    assert [line.rate for line in price.lines] == [D(3), D("0.1"), D(2)]


def test_the_highest_crossed_tier_wins() -> None:
    tiers = [{"threshold": 100, "input": "2"}, {"threshold": 1000, "input": "3"}]
    catalog = one({"input": "1", "output": "0", "tiers": tiers})
    assert [total(catalog, Request(n, 0)) for n in (100, 101, 1001)] == [
        D("0.0001"),
        D("0.000202"),
        D("0.003003"),
    ]


# --- cache, reasoning, fees ---------------------------------------------------------------------


def test_cached_tokens_bill_at_the_cache_read_rate() -> None:
    price = price_request(one(TIERED), "p:lab/m", Request(800, 0, cached_tokens=400), ON)
    assert [(line.component, line.tokens, line.rate) for line in price.lines] == [
        ("input", 400, D(1)),
        ("cache_read", 400, D("0.1")),
        ("output", 0, D(2)),
    ]
    assert price.notes == ()


def test_missing_cache_read_rate_bills_the_input_rate_with_a_note() -> None:
    price = price_request(
        one({"input": "1", "output": "2"}), "p:lab/m", Request(800, 0, cached_tokens=400), ON
    )
    assert price.total == D("0.0008")
    assert price.notes == ("no cache-read price: cached tokens billed at the input rate",)


def test_cache_writes_bill_at_the_rate_for_their_ttl() -> None:
    catalog = one({"input": "1", "output": "2", "cache_write": {"5m": "1.25", "1h": "2"}})
    five = Request(1000, 0, cache_write_tokens=1000)
    hour = Request(1000, 0, cache_write_tokens=1000, cache_ttl="1h")
    assert (total(catalog, five), total(catalog, hour)) == (D("0.00125"), D("0.002"))


def test_reasoning_bills_at_the_reasoning_rate_where_there_is_one() -> None:
    request = Request(0, 100, reasoning_tokens=1000)
    assert total(one({"input": "1", "output": "2", "reasoning": "3"}), request) == D("0.0032")
    assert total(one({"input": "1", "output": "2"}), request) == D("0.0022")
    assert total(one({"input": "1", "output": "2", "reasoning": "0"}), request) == D("0.0002")


def test_per_request_fee_is_added_once() -> None:
    catalog = one({"input": "1", "output": "2", "per_unit": {"request": "0.005"}})
    price = price_request(catalog, "p:lab/m", Request(1000, 1000), ON)
    assert price.total == D("0.008")
    assert price.lines[-1].component == "request"


def test_an_input_only_route_prices_requests_without_output() -> None:
    catalog = one({"input": "0.02"})  # an embedding model: no output price at all
    assert total(catalog, Request(1000, 0)) == D("0.00002")
    assert price_request(catalog, "p:lab/m", Request(1000, 1), ON).impossible == (
        "the route publishes no input or output token price"
    )


# --- modes and dates ----------------------------------------------------------------------------


def test_batch_uses_the_batch_schedule() -> None:
    catalog = one({"input": "2", "output": "8"}, {"mode": "batch", "input": "1", "output": "4"})
    price = price_request(catalog, "p:lab/m", Request(1000, 1000, mode=PriceMode.BATCH), ON)
    assert (price.mode, price.total, price.notes) == (PriceMode.BATCH, D("0.005"), ())


def test_batch_without_a_batch_price_falls_back_to_standard_with_a_note() -> None:
    price = price_request(
        one({"input": "2", "output": "8"}), "p:lab/m", Request(1000, 1000, mode=PriceMode.BATCH), ON
    )
    assert (price.mode, price.total) == (PriceMode.STANDARD, D("0.01"))
    assert price.notes == ("no batch price on this route: billed at the standard rate",)


def test_on_picks_the_schedule_in_effect() -> None:
    old = {"input": "4", "output": "4", "effective_from": "2026-01-01", "effective_until": "2026-06-01"}
    new = {"input": "2", "output": "2", "effective_from": "2026-06-01"}
    catalog = one(old, new)
    request = Request(1_000_000, 0)
    assert total(catalog, request, dt.date(2026, 1, 1)) == D(4)
    assert total(catalog, request, dt.date(2026, 5, 31)) == D(4)
    assert total(catalog, request, dt.date(2026, 6, 1)) == D(2)  # `effective_until` is exclusive


def test_a_date_before_any_schedule_has_no_price() -> None:
    catalog = one({"input": "2", "output": "2", "effective_from": "2026-06-01"})
    price = price_request(catalog, "p:lab/m", Request(10, 10), dt.date(2026, 5, 31))
    assert (price.total, price.impossible) == (None, "no price in effect on 2026-05-31")


# --- limits -----------------------------------------------------------------------------------


def test_limits_make_a_request_impossible() -> None:
    catalog = build(
        {"p:lab/m": route({"input": "1", "output": "1"}, max_output=100)},
        models={"lab/m": {"name": "m", "context_window": 1000, "max_output": 500}},
    )
    assert price_request(catalog, "p:lab/m", Request(1000, 100), ON).possible
    assert price_request(catalog, "p:lab/m", Request(1001, 1), ON).impossible == (
        "a prompt of 1,001 tokens is over the 1,000-token limit"
    )
    # The route's own output limit (100) is stricter than the model's (500) and wins.
    assert price_request(catalog, "p:lab/m", Request(10, 101), ON).impossible == (
        "an answer of 101 tokens is over the 100-token output limit"
    )


# --- properties -------------------------------------------------------------------------------

rates = st.decimals(min_value=0, max_value=200, places=3)
tokens = st.integers(min_value=0, max_value=2_000_000)


@given(rates, rates, rates, tokens, tokens, tokens)
def test_cost_is_monotonic_in_output_tokens(
    inp: Decimal, out: Decimal, tier_out: Decimal, prompt: int, a: int, b: int
) -> None:
    tier = {"threshold": 200_000, "input": inp, "output": tier_out}
    catalog = one({"input": inp, "output": out, "tiers": [tier]})
    low, high = sorted((a, b))
    cheap, dear = total(catalog, Request(prompt, low)), total(catalog, Request(prompt, high))
    assert cheap is not None
    assert dear is not None
    assert cheap <= dear


@given(rates, rates, rates, st.decimals(min_value=0, max_value=1, places=2), tokens, tokens, st.data())
def test_batch_never_costs_more_when_its_rates_are_lower(
    inp: Decimal,
    out: Decimal,
    cached: Decimal,
    discount: Decimal,
    prompt: int,
    answer: int,
    data: st.DataObject,
) -> None:
    standard = {"input": inp, "output": out, "cache_read": cached}
    batch = {"mode": "batch", **{k: v * discount for k, v in standard.items()}}
    catalog = one(standard, batch)
    hit = data.draw(st.integers(min_value=0, max_value=prompt))
    on_batch = total(catalog, Request(prompt, answer, cached_tokens=hit, mode=PriceMode.BATCH))
    on_standard = total(catalog, Request(prompt, answer, cached_tokens=hit))
    assert on_batch is not None
    assert on_standard is not None
    assert on_batch <= on_standard
