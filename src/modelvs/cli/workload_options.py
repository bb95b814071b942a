"""Workload flags shared by `compare`, `cost` and `rank`: the shared parsers, failing as a CLI does."""

from __future__ import annotations

from decimal import Decimal

import typer

from modelvs import params
from modelvs.cli.common import fail
from modelvs.engine.workload import DEFAULT_WORKLOAD, Profile, Workload

TOKENS_HELP = "accepts 800, 200k, 1.5M"


def parse_count(text: str, flag: str) -> int:
    """`800`, `200k`, `1.5M` -> a whole number; anything else exits 2 saying what is accepted."""
    try:
        return params.parse_count(text, flag, params.MAX_REQUESTS)
    except params.ParamError as exc:
        fail(f"{flag} {exc.detail}")


def parse_share(text: str, flag: str) -> Decimal:
    """`0.5`, `50%` -> Decimal('0.5'); must lie in 0..1."""
    try:
        return params.parse_share(text, flag)
    except params.ParamError as exc:
        fail(f"{flag} {exc.detail}")


_DEFAULT = DEFAULT_WORKLOAD.profiles[0]
Requests = typer.Option(
    str(DEFAULT_WORKLOAD.requests_per_month),
    "--requests",
    "-r",
    metavar="COUNT",
    help=f"Requests a month ({TOKENS_HELP}).",
)
Input = typer.Option(
    str(_DEFAULT.input_tokens),
    "--input",
    "-i",
    metavar="TOKENS",
    help=f"Input tokens per request, cached included ({TOKENS_HELP}).",
)
Output = typer.Option(
    str(_DEFAULT.output_tokens),
    "--output",
    "-o",
    metavar="TOKENS",
    help=f"Output tokens per request ({TOKENS_HELP}).",
)
Cached = typer.Option(
    "0",
    "--cached",
    "-c",
    metavar="TOKENS",
    help=f"Input tokens per request read from the cache ({TOKENS_HELP}).",
)
Reasoning = typer.Option(
    "0",
    "--reasoning",
    metavar="TOKENS",
    help=f"Reasoning tokens per request, billed on top of output ({TOKENS_HELP}).",
)
BatchShare = typer.Option(
    "0", "--batch-share", metavar="SHARE", help="Share of requests sent in batch mode (0.5 or 50%)."
)


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
