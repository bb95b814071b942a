from __future__ import annotations

import datetime as dt
import io
import json

from modelvs.usage import read_log
from modelvs.usage.record import UsageRecord
from tests.usage.conftest import FIXTURES


def test_each_model_call_span_is_a_record_and_other_spans_are_skipped() -> None:
    with (FIXTURES / "otel.json").open("rb") as f:
        fmt, records = read_log(f)
        found = list(records)
    assert fmt == "otel"
    day = dt.date(2026, 11, 2)
    assert found == [
        UsageRecord(13, day, "openai", "gpt-4o-2024-11-20", 1200, 200, 0, 0, 300),
        UsageRecord(49, day, "gcp.gemini", "gemini-3.1-pro-preview", 250000, 0, 0, 0, 2000),
        UsageRecord(65, day, "anthropic", "claude-opus-4-7", 10000, 8000, 1000, 0, 500),
    ]


def test_cache_counts_left_out_of_input_tokens_are_added_back() -> None:
    span = {
        "startTimeUnixNano": "1793613600000000000",
        "attributes": [
            {"key": "gen_ai.provider.name", "value": {"stringValue": "anthropic"}},
            {"key": "gen_ai.request.model", "value": {"stringValue": "claude-opus-4-7"}},
            {"key": "gen_ai.usage.input_tokens", "value": {"intValue": "100"}},
            {"key": "gen_ai.usage.cache_read.input_tokens", "value": {"intValue": "900"}},
            {"key": "gen_ai.usage.output_tokens", "value": {"intValue": "5"}},
        ],
    }
    text = json.dumps({"resourceSpans": [{"scopeSpans": [{"spans": [span]}]}]})
    notes: set[str] = set()
    _, records = read_log(io.StringIO(text), notes=notes)
    (record,) = records
    assert (record.input_tokens, record.cached_tokens) == (1000, 900)
    assert any("added to the prompt" in n for n in notes)
