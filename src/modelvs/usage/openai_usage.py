"""OpenAI's Usage API, completions: pages of daily (or hourly) buckets, one record per result.

`GET /v1/organization/usage/completions`
(https://platform.openai.com/docs/api-reference/usage/completions, object
`organization.usage.completions.result`): each bucket has `start_time` (Unix seconds) and
`results[]`, each with `model` (when grouped by model), `input_tokens` (cached and cache-write
tokens included), `input_cached_tokens`, `input_cache_write_tokens` (30-minute retention) and
`input_cache_write_12h_tokens` where present, `output_tokens`, `input_audio_tokens`,
`output_audio_tokens`, `num_model_requests`, `batch` and `service_tier` (when grouped by them).
A result holds the totals of `num_model_requests` requests. Pages saved one per line (JSON Lines)
read the same way. A record's line is its bucket's.
"""

from __future__ import annotations

from collections.abc import Iterator

from modelvs.usage.jsonstream import items
from modelvs.usage.record import UsageFormatError, UsageRecord, checked, count, flag, mode, unix_day
from modelvs.usage.text import LogText

NAME = "openai-usage"


def detect(head: str, header: list[str] | None) -> bool:
    return header is None and (
        "organization.usage.completions.result" in head or '"num_model_requests"' in head
    )


def read(text: LogText, notes: set[str]) -> Iterator[UsageRecord]:
    for line, bucket in items(text.chunks(), ("data",)):
        if not isinstance(bucket, dict) or not isinstance(bucket.get("results"), list):
            raise UsageFormatError("a bucket has no results list", line=line, field="results")
        day = unix_day(bucket.get("start_time"), line, "start_time")
        for result in bucket["results"]:
            if not isinstance(result, dict):
                raise UsageFormatError("a result is not a JSON object", line=line, field="results")
            model = result.get("model")
            if not model:
                notes.add("Results without a model (an export not grouped by model) cannot be priced.")
            written_12h = count(
                result.get("input_cache_write_12h_tokens"), line, "input_cache_write_12h_tokens"
            )
            if written_12h:
                notes.add("12-hour cache writes are priced at the route's default cache-write rate.")
            audio = count(result.get("input_audio_tokens"), line, "input_audio_tokens") + count(
                result.get("output_audio_tokens"), line, "output_audio_tokens"
            )
            yield checked(
                UsageRecord(
                    line,
                    day,
                    "openai",
                    str(model or ""),
                    count(result.get("input_tokens"), line, "input_tokens"),
                    count(result.get("input_cached_tokens"), line, "input_cached_tokens"),
                    count(result.get("input_cache_write_tokens"), line, "input_cache_write_tokens")
                    + written_12h,
                    0,
                    count(result.get("output_tokens"), line, "output_tokens"),
                    0,
                    count(result.get("num_model_requests"), line, "num_model_requests"),
                    mode(
                        result.get("service_tier"),
                        flag(result.get("batch"), line, "batch"),
                        line,
                        "service_tier",
                    ),
                    audio_tokens=audio,
                )
            )
