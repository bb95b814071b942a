"""The usage logs modelvs reads, and which one a file is: from its shape, or by name.

`read_log(stream)` decodes the file, looks at its start (a CSV header, or the JSON members that
name each export) and returns its format and a stream of `UsageRecord`s; `input_format=NAME`
skips the guess, and `columns` reads any CSV through a column map.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import IO

from modelvs.usage import anthropic_usage, ccusage, litellm, openai_usage, openrouter, otel, plain_csv
from modelvs.usage.csvlog import header_keys
from modelvs.usage.record import UsageFormatError, UsageRecord
from modelvs.usage.text import LogText

Reader = Callable[[LogText, set[str]], Iterator[UsageRecord]]


@dataclass(frozen=True)
class LogFormat:
    """A kind of usage log: its name (`--input-format`), title, where it is documented, how to read it."""

    name: str
    title: str
    docs: str
    read: Reader
    detect: Callable[[str, list[str] | None], bool]
    bucketed: bool
    """Whether its rows hold the totals of many requests (a usage report) rather than one each."""


FORMATS: tuple[LogFormat, ...] = (
    LogFormat(
        otel.NAME,
        "OpenTelemetry GenAI spans (OTLP/JSON)",
        "https://opentelemetry.io/docs/specs/semconv/gen-ai/gen-ai-spans/",
        otel.read,
        otel.detect,
        False,
    ),
    LogFormat(
        openai_usage.NAME,
        "OpenAI Usage API, completions",
        "https://platform.openai.com/docs/api-reference/usage/completions",
        openai_usage.read,
        openai_usage.detect,
        True,
    ),
    LogFormat(
        anthropic_usage.NAME,
        "Anthropic usage report (Admin API)",
        "https://platform.claude.com/docs/en/api/admin/usage_report/retrieve_messages",
        anthropic_usage.read,
        anthropic_usage.detect,
        True,
    ),
    LogFormat(
        openrouter.NAME,
        "OpenRouter activity (JSON or CSV export)",
        "https://openrouter.ai/docs/api/api-reference/analytics/get-user-activity",
        openrouter.read,
        openrouter.detect,
        True,
    ),
    LogFormat(
        litellm.NAME,
        "LiteLLM spend logs (CSV or JSON export)",
        "https://github.com/BerriAI/litellm/blob/main/schema.prisma",
        litellm.read,
        litellm.detect,
        False,
    ),
    LogFormat(
        ccusage.NAME,
        "ccusage daily JSON",
        "https://ccusage.com/guide/json-output",
        ccusage.read,
        ccusage.detect,
        True,
    ),
    LogFormat(
        plain_csv.NAME,
        "Usage CSV (date, provider, model, token counts, requests)",
        "the modelvs README, Re-pricing a usage log",
        plain_csv.read,
        plain_csv.detect,
        False,
    ),
)
FORMAT_BY_NAME: Mapping[str, LogFormat] = {f.name: f for f in FORMATS}
COLUMNS = "columns"
"""The name a CSV read through `--columns` reports as its format."""


def read_log(
    stream: IO[bytes] | IO[str],
    *,
    input_format: str | None = None,
    columns: Mapping[str, str] | None = None,
    notes: set[str] | None = None,
) -> tuple[str, Iterator[UsageRecord]]:
    """(format name, records) of a usage log; `UsageFormatError` for one that cannot be read.

    Records are read as they are consumed: a malformed row fails when it is reached. `notes`
    collects what the readers want said about the log (a field it lacks, rows left out).
    """
    said = notes if notes is not None else set()
    text = LogText(stream)
    if columns:
        if input_format not in (None, plain_csv.NAME, COLUMNS):
            raise UsageFormatError(
                "--columns reads a CSV: it cannot be combined with --input-format " + input_format
            )
        return COLUMNS, plain_csv.read(text, said, columns)
    if input_format is not None:
        chosen = FORMAT_BY_NAME.get(input_format)
        if chosen is None:
            raise UsageFormatError(
                f"unknown input format {input_format!r}; known: {', '.join(FORMAT_BY_NAME)}"
            )
        return chosen.name, chosen.read(text, said)
    found = detect(text.head)
    if found is None:
        if not text.head.strip():
            raise UsageFormatError("the file is empty")
        raise UsageFormatError(
            "not a usage log modelvs recognises; name its format with --input-format "
            f"({', '.join(FORMAT_BY_NAME)}) or map a CSV's columns with --columns date=...,model=...",
            line=1,
        )
    return found.name, found.read(text, said)


def detect(head: str) -> LogFormat | None:
    """The format whose shape the start of a log has, if any."""
    header = header_keys(head)
    return next((f for f in FORMATS if f.detect(head, header)), None)


def read_logs(
    streams: Sequence[tuple[str, IO[bytes] | IO[str]]],
    *,
    input_format: str | None = None,
    columns: Mapping[str, str] | None = None,
    notes: set[str] | None = None,
) -> tuple[str, Iterator[UsageRecord]]:
    """Several logs read as one (each detected on its own): the formats (joined by `+`) and every
    record, each marked with its file's name. One log reads as `read_log` (no file names)."""
    if len(streams) == 1:
        return read_log(streams[0][1], input_format=input_format, columns=columns, notes=notes)
    opened = []
    for name, stream in streams:
        try:
            opened.append((name, *read_log(stream, input_format=input_format, columns=columns, notes=notes)))
        except UsageFormatError as err:
            err.file = name
            raise
    return "+".join(dict.fromkeys(fmt for _, fmt, _ in opened)), _marked(opened)


def _marked(opened: list[tuple[str, str, Iterator[UsageRecord]]]) -> Iterator[UsageRecord]:
    for name, _, records in opened:
        try:
            for record in records:
                yield record._replace(file=name)
        except UsageFormatError as err:
            err.file = name
            raise
