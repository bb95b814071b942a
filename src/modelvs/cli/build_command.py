"""`build OUT`: the static site (pages, JSON, Markdown, sitemap, search index) as files, in shards."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from modelvs.cli.common import DataOption, PlainOption, at_least, fail, open_catalog, parse_on, require_extra
from modelvs.cli.output import Output

if TYPE_CHECKING:
    from modelvs.staticsite import BuildOptions, BuildResult


def register(app: typer.Typer) -> None:
    app.command("build")(build)


def build(
    out: Path = typer.Argument(..., metavar="OUT", hidden=True),
    pairs: str = typer.Option(
        "related",
        "--pairs",
        metavar="popular:N|related|all",
        help="Comparisons to write: popular:N, related (every model's related) or all.",
    ),
    shard: str = typer.Option(
        "1/1", "--shard", metavar="I/N", help="Write shard i of n (every n-th file of the sorted list)."
    ),
    base_url: str | None = typer.Option(
        None,
        "--base-url",
        envvar="MODELVS_BASE_URL",
        metavar="URL",
        help="Public root URL for canonical links and the sitemap (default http://localhost:8000).",
    ),
    jobs: int | None = typer.Option(
        None,
        "--jobs",
        "-j",
        metavar="N",
        callback=at_least(1),
        help="Worker processes (default: every core).",
    ),
    on: str | None = typer.Option(
        None, "--on", metavar="DATE", help="Price date of every page (YYYY-MM-DD; default today UTC)."
    ),
    force: bool = typer.Option(False, "--force", help=f"Build even above {200_000:,} files."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
    plain: bool = PlainOption,
    data: Path | None = DataOption,
) -> None:
    """Build the static site into OUT: every page `serve` exports, byte for byte, plus JSON and Markdown.

    OUT: the folder to write the site into (replaced only when the build succeeds).
    """
    require_extra("web", ("starlette", "jinja2"), "`modelvs build`")
    from modelvs.staticsite import (
        DEFAULT_BASE_URL,
        BuildError,
        BuildOptions,
        PairSelection,
        PlanError,
        Shard,
        build_site,
    )

    try:
        options = BuildOptions(
            out=out,
            pairs=PairSelection.parse(pairs),
            shard=Shard.parse(shard),
            base_url=base_url or DEFAULT_BASE_URL,
            jobs=jobs or os.cpu_count() or 1,
            on=parse_on(on),
            data=data,
            force=force,
        )
    except PlanError as err:
        fail(str(err), code=2)
    catalog = open_catalog(data)
    show = not quiet and sys.stderr.isatty()
    bar = Progress(
        TextColumn("building"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        disable=not show,
        transient=True,
    )
    task = bar.add_task("build", total=None)
    try:
        with bar:
            result = build_site(
                options, catalog, lambda done, total: bar.update(task, completed=done, total=total)
            )
    except PlanError as err:
        fail(str(err), code=2)
    except BuildError as err:
        fail(f"{err.url} failed: {err.detail}\nNothing was written to {out}.", code=1)
    _summary(Output.of(plain), result, options, base_url is None)


def _summary(out: Output, result: BuildResult, options: BuildOptions, defaulted: bool) -> None:
    kinds = ", ".join(f"{n:,} {k}" for k, n in sorted(result.kinds.items()))
    shard = f" (shard {options.shard} of {result.planned:,})" if options.shard.count > 1 else ""
    out.line(
        f"Built {result.files:,} files{shard}: {kinds}; {result.bytes / 1e6:,.1f} MB "
        f"in {result.seconds:.1f} s, {result.per_second:,.0f} pages/s with {result.jobs} jobs; "
        f"{result.pairs:,} comparisons ({options.pairs}) -> {result.out}"
    )
    out.lines(result.notes)
    if defaulted:
        out.line(f"Canonical URLs use {options.base_url}; pass --base-url for a public site.")
