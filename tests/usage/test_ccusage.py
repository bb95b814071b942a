from __future__ import annotations

from decimal import Decimal

from modelvs.usage import read_log
from tests.usage.conftest import FIXTURES


def test_each_model_of_each_day_is_a_record_with_cache_added_to_the_prompt() -> None:
    with (FIXTURES / "ccusage.json").open("rb") as f:
        fmt, records = read_log(f)
        found = list(records)
    assert fmt == "ccusage"
    opus, sonnet = found
    assert (opus.provider, opus.model, opus.requests) == (None, "claude-opus-4-1-20250805", 0)
    # 100 input + 256 written + 512 read
    assert (opus.input_tokens, opus.cached_tokens, opus.cache_write_tokens, opus.output_tokens) == (
        868,
        512,
        256,
        15000,
    )
    assert (opus.reported_cost, sonnet.reported_cost) == (Decimal("10.25"), Decimal("7.33"))
