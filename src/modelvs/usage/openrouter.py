"""OpenRouter activity: per day, model and endpoint, as the API answers it or as its CSV export.

`GET /api/v1/activity` (https://openrouter.ai/docs/api/api-reference/analytics/get-user-activity):
`data[]` items with `date` (YYYY-MM-DD), `model`, `model_permaslug`, `endpoint_id`,
`provider_name` (the upstream provider that served it), `usage` (USD spent on OpenRouter),
`byok_usage_inference`, `requests`, `prompt_tokens`, `completion_tokens` and `reasoning_tokens`.
The activity CSV export is read by the same names (compared without case or separators, so
`Prompt Tokens` and `promptTokens` match too).

OpenRouter billed the usage, so it is priced on OpenRouter's route of the model; the upstream
provider is not a price. Completion tokens include reasoning tokens (OpenAI's usage convention,
which OpenRouter follows), so the visible output is their difference. Activity has no cache counts.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from modelvs.usage.csvlog import Columns, rows
from modelvs.usage.jsonstream import items
from modelvs.usage.record import UsageFormatError, UsageRecord, count, day, money
from modelvs.usage.text import LogText

NAME = "openrouter-activity"
PROVIDER = "openrouter"
FIELDS: Mapping[str, tuple[str, ...]] = {
    "date": ("date",),
    "model": ("model", "model_permaslug"),
    "provider_name": ("provider_name",),
    "usage": ("usage", "cost"),
    "requests": ("requests",),
    "prompt_tokens": ("prompt_tokens",),
    "completion_tokens": ("completion_tokens",),
    "reasoning_tokens": ("reasoning_tokens",),
}
REQUIRED = ("date", "model", "prompt_tokens", "completion_tokens")
NO_CACHE = "OpenRouter activity has no cache counts: cached input is priced as uncached input."


def detect(head: str, header: list[str] | None) -> bool:
    if header is None:
        return ('"provider_name"' in head or '"providerName"' in head) and (
            '"prompt_tokens"' in head or '"promptTokens"' in head
        )
    return {"date", "model", "providername", "prompttokens", "completiontokens"} <= set(header)


def read(text: LogText, notes: set[str]) -> Iterator[UsageRecord]:
    notes.add(NO_CACHE)
    if text.head.lstrip().startswith(("{", "[")):
        for line, item in items(text.chunks(), ("data",)):
            if not isinstance(item, dict):
                raise UsageFormatError("an activity item is not a JSON object", line=line, field="data")
            yield _record(line, {_key(k): v for k, v in item.items()})
        return
    found = rows(text.lines())
    first = next(found, None)
    if first is None:
        return
    cols = Columns(first[1], FIELDS, REQUIRED)
    for line, cells in found:
        yield _record(line, {f: cells[i] if i < len(cells) else None for f, i in cols.index.items()})


_CAMEL = {
    "modelPermaslug": "model_permaslug",
    "providerName": "provider_name",
    "promptTokens": "prompt_tokens",
    "completionTokens": "completion_tokens",
    "reasoningTokens": "reasoning_tokens",
}


def _key(name: str) -> str:
    return _CAMEL.get(name, name)


def _record(line: int, item: Mapping[str, Any]) -> UsageRecord:
    completion = count(item.get("completion_tokens"), line, "completion_tokens", default=None)
    reasoning = count(item.get("reasoning_tokens"), line, "reasoning_tokens")
    visible = completion - reasoning if reasoning <= completion else completion
    model = item.get("model") or item.get("model_permaslug")
    if not model:
        raise UsageFormatError("names no model", line=line, field="model")
    return UsageRecord(
        line,
        day(item.get("date"), line, "date"),
        PROVIDER,
        str(model),
        count(item.get("prompt_tokens"), line, "prompt_tokens", default=None),
        0,
        0,
        0,
        visible,
        reasoning,
        count(item.get("requests"), line, "requests", default=1),
        reported_cost=money(item.get("usage"), line, "usage"),
    )
