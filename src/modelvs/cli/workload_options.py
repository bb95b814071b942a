"""Workload flags shared by `compare`, `cost` and `rank`, and their parsing."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

import typer

from modelvs.cli.common import fail
from modelvs.engine.workload import DEFAULT_WORKLOAD, Profile, Workload

_COUNT = re.compile(r"^(\d+(?:\.\d+)?)\s*([kKmMbB]?)$")
_SCALE = {"": 1, "k": 1_000, "m": 1_000_000, "b": 1_000_000_000}
TOKENS_HELP = "accepts 800, 200k, 1.5M"


def parse_count(text: str, flag: str) -> int:
    """`800`, `200k`, `1.5M` -> a whole number; anything else exits 2 saying what is accepted."""
    match = _COUNT.match(text.strip())
    if match is None:
        fail(f"{flag} takes a count like 800, 200k or 1.5M, got {text!r}")
    value = Decimal(match.group(1)) * _SCALE[match.group(2).lower()]
    if value != value.to_integral_value():
        fail(f"{flag} must come to a whole number, got {text!r}")
    return int(value)


def parse_share(text: str, flag: str) -> Decimal:
    """`0.5`, `50%` -> Decimal('0.5'); must lie in 0..1."""
    raw = text.strip()
    try:
        value = Decimal(raw[:-1]) / 100 if raw.endswith("%") else Decimal(raw)
    except InvalidOperation:
        fail(f"{flag} takes a share like 0.5 or 50%, got {text!r}")
    if not 0 <= value <= 1:
        fail(f"{flag} must be between 0 and 1 (or 0% and 100%), got {text!r}")
    return value


_DEFAULT = DEFAULT_WORKLOAD.profiles[0]
Requests = typer.Option(
    f"{DEFAULT_WORKLOAD.requests_per_month:,}".replace(",", ""),
    "--requests",
    help=f"Requests a month ({TOKENS_HELP}).",
)
Input = typer.Option(
    str(_DEFAULT.input_tokens), "--input", help=f"Input tokens per request, cached included ({TOKENS_HELP})."
)
Output = typer.Option(
    str(_DEFAULT.output_tokens), "--output", help=f"Output tokens per request ({TOKENS_HELP})."
)
Cached = typer.Option("0", "--cached", help=f"Input tokens per request read from the cache ({TOKENS_HELP}).")
Reasoning = typer.Option(
    "0", "--reasoning", help=f"Reasoning tokens per request, billed on top of output ({TOKENS_HELP})."
)
BatchShare = typer.Option("0", "--batch-share", help="Share of requests sent in batch mode (0.5 or 50%).")


def build_workload(
    requests: str, input_: str, output: str, cached: str, reasoning: str, batch_share: str
) -> Workload:
    profile = Profile(
        parse_count(input_, "--input"),
        parse_count(output, "--output"),
        cached_tokens=parse_count(cached, "--cached"),
        reasoning_tokens=parse_count(reasoning, "--reasoning"),
    )
    if profile.cached_tokens > profile.input_tokens:
        fail("--cached is part of --input and cannot exceed it")
    return Workload(
        parse_count(requests, "--requests"), (profile,), parse_share(batch_share, "--batch-share")
    )


def describe(workload: Workload) -> str:
    """The workload in one sentence, always shown with a cost."""
    parts = []
    for p in workload.profiles:
        extra = []
        if p.cached_tokens:
            extra.append(f"{p.cached_tokens:,} of them cached")
        if p.reasoning_tokens:
            extra.append(f"{p.reasoning_tokens:,} reasoning tokens")
        tail = f" ({', '.join(extra)})" if extra else ""
        parts.append(f"{p.input_tokens:,} input and {p.output_tokens:,} output tokens{tail}")
    batch = f"; {workload.batch_share * 100:g}% in batch mode" if workload.batch_share else ""
    return f"{workload.requests_per_month:,} requests a month of {' / '.join(parts)}{batch}"
