"""ccusage's daily JSON (`ccusage daily --json`): per day, one record per model.

Documented at https://ccusage.com/guide/json-output: `daily[]` with `date` (YYYY-MM-DD) and
`modelBreakdowns[]`, each with `modelName`, `inputTokens`, `outputTokens`,
`cacheCreationTokens`, `cacheReadTokens` and `cost` (USD). Claude Code's usage counts input
apart from cache reads and writes (Anthropic's convention), so the prompt is their sum. The report
counts no requests and names no provider: a record is a day's totals, priced on the lab's own API.
"""

from __future__ import annotations

from collections.abc import Iterator

from modelvs.usage.jsonstream import items
from modelvs.usage.record import UsageFormatError, UsageRecord, count, day, money
from modelvs.usage.text import LogText

NAME = "ccusage"
WRITES = (
    "ccusage does not split cache writes by time to live: they are priced at the 5-minute (default) rate."
)


def detect(head: str, header: list[str] | None) -> bool:
    return header is None and '"modelBreakdowns"' in head


def read(text: LogText, notes: set[str]) -> Iterator[UsageRecord]:
    for line, daily in items(text.chunks(), ("daily",)):
        if not isinstance(daily, dict) or not isinstance(daily.get("modelBreakdowns"), list):
            raise UsageFormatError("a day has no modelBreakdowns list", line=line, field="modelBreakdowns")
        when = day(daily.get("date") or daily.get("period"), line, "date")
        for part in daily["modelBreakdowns"]:
            if not isinstance(part, dict) or not part.get("modelName"):
                raise UsageFormatError("a model breakdown names no model", line=line, field="modelName")
            cache_read = count(part.get("cacheReadTokens"), line, "cacheReadTokens")
            written = count(part.get("cacheCreationTokens"), line, "cacheCreationTokens")
            if written:
                notes.add(WRITES)
            yield UsageRecord(
                line,
                when,
                None,
                str(part["modelName"]),
                count(part.get("inputTokens"), line, "inputTokens") + cache_read + written,
                cache_read,
                written,
                0,
                count(part.get("outputTokens"), line, "outputTokens"),
                0,
                0,
                reported_cost=money(part.get("cost"), line, "cost"),
            )
