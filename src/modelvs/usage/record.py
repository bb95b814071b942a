"""One normalised usage record, and the parsing every reader shares (dates, counts, money).

Every reader turns a row of its log into `UsageRecord`s with the same meaning, whatever the
log calls its fields: `input_tokens` is the whole prompt (uncached input, cache reads and cache
writes), `reasoning_tokens` bill on top of `output_tokens` (as `engine.workload.Request`), and a
record of several `requests` holds their totals (a bucket of a usage report).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from modelvs.schema.vocab import PriceMode


class UsageFormatError(ValueError):
    """A log that cannot be read: where (file, line, field) and why."""

    def __init__(self, detail: str, *, line: int | None = None, field: str | None = None) -> None:
        self.detail = detail
        self.line = line
        self.field = field
        self.file: str | None = None
        super().__init__(detail)

    def __str__(self) -> str:
        where = [
            w
            for w in (self.file, self.line and f"line {self.line:,}", self.field and f"field {self.field}")
            if w
        ]
        return f"{', '.join(where)}: {self.detail}" if where else self.detail


class UsageRecord(NamedTuple):
    """One row of a usage log, as every reader normalises it.

    A tuple, not a dataclass: a million-row log builds a million of them, and a tuple is built
    several times faster than a frozen dataclass.
    """

    line: int
    """The line of the file the row starts on (1-based)."""
    day: dt.date
    """The UTC day the usage happened (a bucket's start)."""
    provider: str | None
    """Who served it, as the log names it (an OpenTelemetry provider name, a LiteLLM provider id,
    a modelvs provider id); None when the log does not say."""
    model: str
    """The model, as the log names it."""
    input_tokens: int
    """The whole prompt: uncached input plus `cached_tokens` plus both cache writes."""
    cached_tokens: int = 0
    """Prompt tokens read from the cache."""
    cache_write_tokens: int = 0
    """Prompt tokens written to the cache with the default time to live (5 minutes on Anthropic)."""
    cache_write_1h_tokens: int = 0
    """Prompt tokens written to the cache for an hour (Anthropic's longer time to live)."""
    output_tokens: int = 0
    """The visible answer."""
    reasoning_tokens: int = 0
    """Thinking tokens, billed on top of `output_tokens`."""
    requests: int = 1
    """How many requests the row holds; above 1, its counts are their totals."""
    mode: PriceMode = PriceMode.STANDARD
    """The service tier billed (batch, flex, priority, standard)."""
    reported_cost: Decimal | None = None
    """What the log says the row cost, in USD, where it says."""
    window: str | None = None
    """The context window the log says the tokens were billed in (Anthropic: `0-200k`, `200k-1M`)."""
    audio_tokens: int = 0
    """Audio tokens among the input and output (not priced by modelvs)."""
    file: str | None = None
    """The file the row comes from, when several are read together."""


def checked(record: UsageRecord) -> UsageRecord:
    """`record`, or a `UsageFormatError` naming the field that makes it impossible."""
    cached = record.cached_tokens + record.cache_write_tokens + record.cache_write_1h_tokens
    if record.input_tokens < cached:
        raise UsageFormatError(
            f"cached and cache-write tokens ({cached:,}) exceed the input tokens ({record.input_tokens:,})"
            " they are part of",
            line=record.line,
            field="input_tokens",
        )
    return record


def count(text: object, line: int, field: str, *, default: int | None = 0) -> int:
    """A token or request count: a whole number of at least 0 (OTLP JSON writes them as strings);
    empty or missing is `default` (a `UsageFormatError` when there is none)."""
    if text is None or text == "":
        if default is None:
            raise UsageFormatError("is missing", line=line, field=field)
        return default
    if type(text) is int:
        value = text
    elif isinstance(text, str):
        try:
            value = int(text)
        except ValueError:
            raise UsageFormatError(f"not a whole number: {text[:40]!r}", line=line, field=field) from None
    elif isinstance(text, Decimal) and text == text.to_integral_value():
        value = int(text)
    else:
        raise UsageFormatError(f"not a whole number: {str(text)[:40]!r}", line=line, field=field)
    if value < 0:
        raise UsageFormatError(f"cannot be negative: {value}", line=line, field=field)
    return value


def money(text: object, line: int, field: str) -> Decimal | None:
    """A reported cost in USD, exactly as written; empty or missing is None."""
    if text is None or text == "":
        return None
    if isinstance(text, Decimal):
        value = text
    elif isinstance(text, int) and not isinstance(text, bool):
        value = Decimal(text)
    elif isinstance(text, str):
        try:
            value = Decimal(text.strip())
        except InvalidOperation:
            raise UsageFormatError(f"not an amount: {text[:40]!r}", line=line, field=field) from None
    else:
        raise UsageFormatError(f"not an amount: {str(text)[:40]!r}", line=line, field=field)
    if not value.is_finite():
        raise UsageFormatError(f"not an amount: {str(text)[:40]!r}", line=line, field=field)
    return value


_DAYS: dict[str, dt.date] = {}
"""Days by their `YYYY-MM-DD` text: a log repeats a few hundred days a million times."""


def day(text: object, line: int, field: str) -> dt.date:
    """The UTC day of a date or timestamp: `2026-11-03`, `2026-11-03T10:00:00Z`, `2026-11-03 10:00:00`;
    a timestamp with another offset is moved to UTC first."""
    if not isinstance(text, str) or len(text) < 10:
        raise UsageFormatError(f"not a date (YYYY-MM-DD): {str(text)[:40]!r}", line=line, field=field)
    head = text[:10]
    found = _DAYS.get(head)
    if found is None:
        try:
            found = dt.date.fromisoformat(head)
        except ValueError:
            raise UsageFormatError(
                f"not a date (YYYY-MM-DD): {text[:40]!r}", line=line, field=field
            ) from None
        if len(_DAYS) < 100_000:
            _DAYS[head] = found
    if len(text) > 19 and not text.endswith(("Z", "z", "+00:00")) and ("+" in text[10:] or "-" in text[10:]):
        try:
            stamp = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            raise UsageFormatError(f"not a timestamp: {text[:40]!r}", line=line, field=field) from None
        if stamp.tzinfo is not None:
            return stamp.astimezone(dt.UTC).date()
    return found


def unix_day(seconds: object, line: int, field: str) -> dt.date:
    """The UTC day of a Unix time in seconds."""
    value = count(seconds, line, field, default=None)
    return dt.datetime.fromtimestamp(value, dt.UTC).date()


_TRUE = {"true", "1", "yes", "y", "t"}
_FALSE = {"false", "0", "no", "n", "f", "", "null", "none"}


def flag(value: object, line: int, field: str) -> bool:
    """A yes/no field: JSON booleans, or `true`/`false`/`1`/`0`/`yes`/`no` (empty is no)."""
    if value is None or isinstance(value, bool):
        return bool(value)
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise UsageFormatError(f"not true or false: {str(value)[:40]!r}", line=line, field=field)


_MODES = {
    "batch": PriceMode.BATCH,
    "flex": PriceMode.FLEX,
    "priority": PriceMode.PRIORITY,
    "priority_on_demand": PriceMode.PRIORITY,
    "flex_discount": PriceMode.FLEX,
    "scale": PriceMode.PRIORITY,
    "standard": PriceMode.STANDARD,
    "default": PriceMode.STANDARD,
    "auto": PriceMode.STANDARD,
    "on_demand": PriceMode.STANDARD,
    "": PriceMode.STANDARD,
}


def mode(service_tier: object, batch: bool, line: int, field: str) -> PriceMode:
    """The price mode of a service tier (`batch`, `flex`, `priority`, `standard`/`default`) or a
    batch flag; an unknown tier is a `UsageFormatError` rather than a guess."""
    if batch:
        return PriceMode.BATCH
    if service_tier is None:
        return PriceMode.STANDARD
    found = _MODES.get(str(service_tier).strip().lower())
    if found is None:
        known = ", ".join(k for k in _MODES if k)
        raise UsageFormatError(
            f"unknown service tier {str(service_tier)[:40]!r} (known: {known})", line=line, field=field
        )
    return found
