"""OpenTelemetry GenAI spans in OTLP/JSON: one record per model-call span.

The span attributes of the GenAI semantic conventions
(https://opentelemetry.io/docs/specs/semconv/gen-ai/gen-ai-spans/, now maintained at
https://github.com/open-telemetry/semantic-conventions-genai):
`gen_ai.provider.name` (older exporters: `gen_ai.system`), `gen_ai.response.model` (the model
that answered; else `gen_ai.request.model`), `gen_ai.usage.input_tokens`,
`gen_ai.usage.output_tokens`, `gen_ai.usage.cache_read.input_tokens` and
`gen_ai.usage.cache_creation.input_tokens` (both SHOULD be counted in `input_tokens`). The day
is the span's `startTimeUnixNano`. The OTLP/JSON encoding
(https://opentelemetry.io/docs/specs/otlp/#json-protobuf-encoding) nests spans as
`resourceSpans[].scopeSpans[].spans[]`, each attribute `{key, value: {stringValue | intValue |
...}}`, and writes 64-bit integers as strings. A file of several export requests, one per line
(the OpenTelemetry Collector's file exporter), reads the same way.

Spans without token usage (tool calls, HTTP spans) are skipped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from modelvs.usage.jsonstream import items
from modelvs.usage.record import UsageFormatError, UsageRecord, count
from modelvs.usage.text import LogText

NAME = "otel"
PATH = ("resourceSpans", "scopeSpans", "spans")
PROVIDER = ("gen_ai.provider.name", "gen_ai.system")
MODEL = ("gen_ai.response.model", "gen_ai.request.model")
INPUT = "gen_ai.usage.input_tokens"
OUTPUT = "gen_ai.usage.output_tokens"
CACHE_READ = "gen_ai.usage.cache_read.input_tokens"
CACHE_WRITE = "gen_ai.usage.cache_creation.input_tokens"
_VALUE_KINDS = ("stringValue", "intValue", "doubleValue", "boolValue")


def detect(head: str, header: list[str] | None) -> bool:
    return header is None and '"resourceSpans"' in head


def read(text: LogText, notes: set[str]) -> Iterator[UsageRecord]:
    for line, span in items(text.chunks(), PATH):
        if not isinstance(span, dict):
            raise UsageFormatError("a span is not a JSON object", line=line, field="spans")
        found = _attributes(span.get("attributes"), line)
        if INPUT not in found and OUTPUT not in found:
            continue
        model = next((found[k] for k in MODEL if found.get(k)), None)
        if not isinstance(model, str):
            raise UsageFormatError("a span with token usage names no model", line=line, field=MODEL[0])
        provider = next((found[k] for k in PROVIDER if found.get(k)), None)
        prompt = count(found.get(INPUT), line, INPUT)
        read_ = count(found.get(CACHE_READ), line, CACHE_READ)
        written = count(found.get(CACHE_WRITE), line, CACHE_WRITE)
        if read_ + written > prompt:
            # The conventions say input_tokens SHOULD include cached tokens; an exporter that
            # copies Anthropic's usage object counts them apart.
            notes.add(
                "Some spans count cache reads and writes apart from gen_ai.usage.input_tokens"
                " (as Anthropic's API does): they were added to the prompt."
            )
            prompt += read_ + written
        started = count(span.get("startTimeUnixNano"), line, "startTimeUnixNano", default=None)
        yield UsageRecord(
            line,
            dt.datetime.fromtimestamp(started // 1_000_000_000, dt.UTC).date(),
            str(provider) if provider is not None else None,
            model,
            prompt,
            read_,
            written,
            0,
            count(found.get(OUTPUT), line, OUTPUT),
        )


def _attributes(raw: Any, line: int) -> dict[str, Any]:
    """A span's attributes as {key: value} (the first value kind each holds)."""
    found: dict[str, Any] = {}
    if raw is None:
        return found
    if not isinstance(raw, list):
        raise UsageFormatError("attributes is not a list", line=line, field="attributes")
    for attribute in raw:
        if not isinstance(attribute, dict) or not isinstance(attribute.get("key"), str):
            raise UsageFormatError("an attribute is not {key, value}", line=line, field="attributes")
        value = attribute.get("value")
        if isinstance(value, dict):
            for kind in _VALUE_KINDS:
                if kind in value:
                    found[attribute["key"]] = value[kind]
                    break
    return found
