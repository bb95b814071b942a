from __future__ import annotations

import datetime as dt

from modelvs.schema.vocab import PriceMode
from modelvs.usage import read_log
from tests.usage.conftest import FIXTURES


def test_each_result_of_each_bucket_is_a_record_of_its_requests() -> None:
    with (FIXTURES / "openai_usage.json").open("rb") as f:
        fmt, records = read_log(f)
        found = list(records)
    assert fmt == "openai-usage"
    assert [
        (r.day, r.provider, r.model, r.input_tokens, r.cached_tokens, r.output_tokens, r.requests, r.mode)
        for r in found
    ] == [
        (dt.date(2026, 11, 1), "openai", "gpt-4o-2024-11-20", 1000, 800, 500, 5, PriceMode.STANDARD),
        (dt.date(2026, 11, 1), "openai", "gpt-4o-2024-11-20", 2000, 0, 1000, 10, PriceMode.BATCH),
    ]
    assert {r.line for r in found} == {4}  # the bucket's line
