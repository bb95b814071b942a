"""LiteLLM proxy spend logs: one record per request, from the CSV or JSON export of `LiteLLM_SpendLogs`.

The table's columns (BerriAI/litellm `schema.prisma`, model `LiteLLM_SpendLogs`:
https://github.com/BerriAI/litellm/blob/main/schema.prisma; spend tracking:
https://docs.litellm.ai/docs/proxy/cost_tracking): `request_id`, `startTime`, `model`,
`model_group`, `custom_llm_provider`, `prompt_tokens`, `completion_tokens`, `total_tokens`,
`spend` (USD), `cache_hit` and `metadata` (JSON). The table has no cache-token columns; where
`metadata.usage_object` holds the provider's usage, its `prompt_tokens_details.cached_tokens` or
`cache_read_input_tokens` and `cache_creation_input_tokens` are read. `prompt_tokens` follows
OpenAI's convention (cached tokens included).

A row served from LiteLLM's own response cache (`cache_hit`) called no provider: it is left out.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

from modelvs.usage.csvlog import Columns, rows
from modelvs.usage.jsonstream import items
from modelvs.usage.record import UsageFormatError, UsageRecord, count, day, flag, money
from modelvs.usage.text import LogText

NAME = "litellm-spend"
FIELDS: Mapping[str, tuple[str, ...]] = {
    "startTime": ("startTime", "start_time"),
    "model": ("model",),
    "custom_llm_provider": ("custom_llm_provider",),
    "prompt_tokens": ("prompt_tokens",),
    "completion_tokens": ("completion_tokens",),
    "spend": ("spend",),
    "cache_hit": ("cache_hit",),
    "metadata": ("metadata",),
}
REQUIRED = ("startTime", "model", "prompt_tokens", "completion_tokens")
NO_CACHE = (
    "LiteLLM spend logs have no cache columns: rows whose metadata lacks a usage object are priced"
    " without cached input."
)
SKIPPED = "Rows served from LiteLLM's own response cache (cache_hit) called no provider and are left out."


def detect(head: str, header: list[str] | None) -> bool:
    if header is None:
        return '"custom_llm_provider"' in head or ('"spend"' in head and '"startTime"' in head)
    return {"starttime", "model", "prompttokens", "completiontokens"} <= set(header)


def read(text: LogText, notes: set[str]) -> Iterator[UsageRecord]:
    if text.head.lstrip().startswith(("{", "[")):
        for line, row in items(text.chunks(), ()):
            if isinstance(row, dict) and isinstance(row.get("data"), list) and "startTime" not in row:
                for inner in row["data"]:
                    found = _record(line, inner, notes)
                    if found is not None:
                        yield found
                continue
            found = _record(line, row, notes)
            if found is not None:
                yield found
        return
    lines = rows(text.lines())
    first = next(lines, None)
    if first is None:
        return
    cols = Columns(first[1], FIELDS, REQUIRED)
    for line, cells in lines:
        found = _record(line, {f: cells[i] if i < len(cells) else None for f, i in cols.index.items()}, notes)
        if found is not None:
            yield found


def _record(line: int, row: Any, notes: set[str]) -> UsageRecord | None:
    if not isinstance(row, Mapping):
        raise UsageFormatError("a spend log row is not a JSON object", line=line)
    if flag(row.get("cache_hit"), line, "cache_hit"):
        notes.add(SKIPPED)
        return None
    prompt = count(row.get("prompt_tokens"), line, "prompt_tokens", default=None)
    cached, written = _cache(row.get("metadata"), line)
    if cached is None:
        notes.add(NO_CACHE)
        cached = written = 0
    if cached + written > prompt:
        prompt += cached + written  # a provider that counts them apart (Anthropic)
    model = row.get("model")
    if not model:
        raise UsageFormatError("names no model", line=line, field="model")
    provider = row.get("custom_llm_provider")
    return UsageRecord(
        line,
        day(row.get("startTime"), line, "startTime"),
        str(provider) if provider else None,
        str(model),
        prompt,
        cached,
        written,
        0,
        count(row.get("completion_tokens"), line, "completion_tokens", default=None),
        reported_cost=money(row.get("spend"), line, "spend"),
    )


def _cache(metadata: Any, line: int) -> tuple[int | None, int]:
    """(cache reads, cache writes) from `metadata.usage_object`, or (None, 0) when it has none."""
    if isinstance(metadata, str):
        if "usage_object" not in metadata:
            return None, 0
        try:
            metadata = json.loads(metadata)
        except json.JSONDecodeError:
            raise UsageFormatError("metadata is not valid JSON", line=line, field="metadata") from None
    usage = metadata.get("usage_object") if isinstance(metadata, Mapping) else None
    if not isinstance(usage, Mapping):
        return None, 0
    details = usage.get("prompt_tokens_details")
    cached = usage.get("cache_read_input_tokens")
    if cached is None and isinstance(details, Mapping):
        cached = details.get("cached_tokens")
    reads = count(cached, line, "metadata.usage_object.cache_read_input_tokens")
    writes = count(
        usage.get("cache_creation_input_tokens"), line, "metadata.usage_object.cache_creation_input_tokens"
    )
    return reads, writes
