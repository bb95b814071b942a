"""Requests and workloads: token arithmetic and the validation that keeps them meaningful."""

from __future__ import annotations

from decimal import Decimal

import pytest

from modelvs.engine.workload import DEFAULT_WORKLOAD, Profile, Request, Workload
from modelvs.schema.vocab import PriceMode

D = Decimal


def test_default_workload_is_800m_in_and_250m_out() -> None:
    assert DEFAULT_WORKLOAD.requests_per_month == 1_000_000
    assert (DEFAULT_WORKLOAD.input_tokens, DEFAULT_WORKLOAD.output_tokens) == (D(800_000_000), D(250_000_000))
    assert DEFAULT_WORKLOAD.batch_share == 0


def test_workload_totals_weigh_profiles_and_count_reasoning_as_output() -> None:
    workload = Workload(
        1000,
        (
            Profile(100, 10, share=Decimal("0.25")),
            Profile(200, 20, reasoning_tokens=5, share=Decimal("0.75")),
        ),
    )
    assert workload.input_tokens == 250 * 100 + 750 * 200
    assert workload.output_tokens == 250 * 10 + 750 * 25


def test_cached_tokens_are_part_of_the_input() -> None:
    request = Request(800, 250, cached_tokens=400, cache_write_tokens=100)
    assert (request.prompt_tokens, request.uncached_tokens) == (800, 300)


def test_profile_request_carries_every_count_and_the_mode() -> None:
    request = Profile(800, 250, cached_tokens=400, reasoning_tokens=7).request(PriceMode.BATCH)
    assert request == Request(800, 250, cached_tokens=400, reasoning_tokens=7, mode=PriceMode.BATCH)


@pytest.mark.parametrize(
    ("profiles", "message"),
    [
        ((Profile(800, 250, share=Decimal("0.5")),), "profile shares must add up to 1"),
        (
            (Profile(1, 1, share=Decimal("0.6")), Profile(1, 1, share=Decimal("0.6"))),
            "profile shares must add up to 1",
        ),
        (
            (Profile(1, 1, share=Decimal("1.5")), Profile(1, 1, share=Decimal("-0.5"))),
            "a profile's share must be between 0 and 1",
        ),
        ((), "a workload needs at least one request profile"),
        ((Profile(800, 250, cached_tokens=801),), "cached and cache-write tokens are part of the input"),
        ((Profile(800, -1),), "token counts cannot be negative"),
    ],
)
def test_workload_rejects_bad_profiles(profiles: tuple[Profile, ...], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Workload(1000, profiles)


@pytest.mark.parametrize("share", [Decimal("-0.01"), Decimal("1.01")])
def test_batch_share_must_be_between_0_and_1(share: Decimal) -> None:
    with pytest.raises(ValueError, match="batch share must be between 0 and 1"):
        Workload(1000, batch_share=share)


@pytest.mark.parametrize("share", [Decimal(0), Decimal("0.5"), Decimal(1)])
def test_batch_share_bounds_are_allowed(share: Decimal) -> None:
    assert Workload(1000, batch_share=share).batch_share == share


def test_requests_per_month_cannot_be_negative() -> None:
    with pytest.raises(ValueError, match="requests per month cannot be negative"):
        Workload(-1)


@pytest.mark.parametrize(("cached", "written"), [(11, 0), (6, 5)])
def test_request_cache_cannot_exceed_the_input(cached: int, written: int) -> None:
    with pytest.raises(ValueError, match="cannot exceed it"):
        Request(10, 0, cached_tokens=cached, cache_write_tokens=written)


def test_request_rejects_negative_counts() -> None:
    with pytest.raises(ValueError, match="cannot be negative"):
        Request(10, 10, reasoning_tokens=-1)
