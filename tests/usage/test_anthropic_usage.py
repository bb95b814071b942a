from __future__ import annotations

import datetime as dt

from modelvs.schema.vocab import PriceMode
from modelvs.usage import read_log
from tests.usage.conftest import FIXTURES


def test_uncached_reads_and_writes_by_ttl_make_the_prompt_and_the_window_is_kept() -> None:
    with (FIXTURES / "anthropic_usage.json").open("rb") as f:
        fmt, records = read_log(f)
        found = list(records)
    assert fmt == "anthropic-usage"
    first, second, third = found
    assert (first.day, first.model, first.input_tokens, first.window) == (
        dt.date(2026, 3, 2), "claude-sonnet-4-6", 300000, "200k-1M",
    )  # fmt: skip
    # 10,000 uncached + 50,000 read + 2,000 written for 5 minutes + 1,000 for an hour
    assert second.input_tokens == 63000
    assert (second.cached_tokens, second.cache_write_tokens, second.cache_write_1h_tokens) == (
        50000,
        2000,
        1000,
    )
    assert (third.model, third.mode, third.requests) == (
        "claude-opus-4-7",
        PriceMode.BATCH,
        0,
    )  # requests not counted
