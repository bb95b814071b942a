"""Anthropic's usage report (Admin API): buckets of token totals, one record per result.

`GET /v1/organizations/usage_report/messages`
(https://platform.claude.com/docs/en/api/admin/usage_report/retrieve_messages; the Usage and Cost
API guide: https://platform.claude.com/docs/en/build-with-claude/usage-cost-api): each bucket
`data[]` has `starting_at` (RFC 3339) and `results[]`, each with `uncached_input_tokens`,
`cache_read_input_tokens`, `cache_creation.ephemeral_5m_input_tokens`,
`cache_creation.ephemeral_1h_input_tokens`, `output_tokens`, `server_tool_use.web_search_requests`,
and, when grouped by them, `model`, `service_tier` and `context_window` (`0-200k`, `200k-1M`: the
window the tokens were billed in, which decides the long-context tier). The report counts no
requests: a result is a bucket of unknown size. A record's line is its bucket's.
"""

from __future__ import annotations

from collections.abc import Iterator

from modelvs.usage.jsonstream import items
from modelvs.usage.record import UsageFormatError, UsageRecord, count, day, mode
from modelvs.usage.text import LogText

NAME = "anthropic-usage"
WINDOWS = ("0-200k", "200k-1M")


def detect(head: str, header: list[str] | None) -> bool:
    return header is None and '"uncached_input_tokens"' in head


def read(text: LogText, notes: set[str]) -> Iterator[UsageRecord]:
    for line, bucket in items(text.chunks(), ("data",)):
        if not isinstance(bucket, dict) or not isinstance(bucket.get("results"), list):
            raise UsageFormatError("a bucket has no results list", line=line, field="results")
        started = day(bucket.get("starting_at"), line, "starting_at")
        for result in bucket["results"]:
            if not isinstance(result, dict):
                raise UsageFormatError("a result is not a JSON object", line=line, field="results")
            created = result.get("cache_creation") or {}
            if not isinstance(created, dict):
                raise UsageFormatError("cache_creation is not an object", line=line, field="cache_creation")
            uncached = count(result.get("uncached_input_tokens"), line, "uncached_input_tokens")
            cache_read = count(result.get("cache_read_input_tokens"), line, "cache_read_input_tokens")
            five = count(
                created.get("ephemeral_5m_input_tokens"), line, "cache_creation.ephemeral_5m_input_tokens"
            )
            hour = count(
                created.get("ephemeral_1h_input_tokens"), line, "cache_creation.ephemeral_1h_input_tokens"
            )
            window = result.get("context_window")
            if window is not None and window not in WINDOWS:
                raise UsageFormatError(
                    f"unknown context window {str(window)[:40]!r} (known: {', '.join(WINDOWS)})",
                    line=line,
                    field="context_window",
                )
            tools = result.get("server_tool_use") or {}
            if isinstance(tools, dict) and count(
                tools.get("web_search_requests"), line, "web_search_requests"
            ):
                notes.add("Web searches (server tool use) are not priced: only tokens are.")
            model = result.get("model")
            if not model:
                notes.add("Results without a model (a report not grouped by model) cannot be priced.")
            yield UsageRecord(
                line,
                started,
                "anthropic",
                str(model or ""),
                uncached + cache_read + five + hour,
                cache_read,
                five,
                hour,
                count(result.get("output_tokens"), line, "output_tokens"),
                0,
                0,
                mode(result.get("service_tier"), False, line, "service_tier"),
                window=window,
            )
