"""`compare A B [C ...]`: a side-by-side comparison of 2 to 10 models at a workload."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from modelvs.catalog import Catalog
from modelvs.catalog.pairs import pair_slug
from modelvs.cli import workload_options as wo
from modelvs.cli.common import (
    DataOption,
    Format,
    console,
    fail,
    open_catalog,
    parse_on,
    print_json,
    resolve_model,
)
from modelvs.engine.compare import Comparison, comparison_to_dict
from modelvs.engine.compare import compare as compare_models
from modelvs.engine.compare.comparison import model_count_problem
from modelvs.engine.monthly import RouteSet
from modelvs.engine.workload import Workload

if TYPE_CHECKING:
    from modelvs.views.comparison import ComparisonPage

On = typer.Option(None, "--on", help="Compare the prices in effect on this date (YYYY-MM-DD; default today).")
FormatOption = typer.Option(Format.TEXT, "--format", "-f", help="text, json or md.")


def register(app: typer.Typer) -> None:
    app.command()(compare)


def compare(
    models: list[str] = typer.Argument(..., help="2 to 10 models: canonical ids, slugs, names or aliases."),
    requests: str = wo.Requests,
    input_: str = wo.Input,
    output: str = wo.Output,
    cached: str = wo.Cached,
    reasoning: str = wo.Reasoning,
    batch_share: str = wo.BatchShare,
    on: str | None = On,
    routes: RouteSet = typer.Option(
        RouteSet.VETTED, "--routes", help="vetted (the default) or all: which routes may price a model."
    ),
    fmt: Format = FormatOption,
    brief: bool = typer.Option(
        False, "--brief", "-b", help="Only the verdict, the headline costs and the scorecard (text, md)."
    ),
    data: Path | None = DataOption,
) -> None:
    """Compare models side by side: verdict, cost at your traffic, prices, capabilities, sources."""
    if (problem := model_count_problem(len(models))) is not None:
        fail(f"compare {problem}")
    workload = wo.build_workload(requests, input_, output, cached, reasoning, batch_share)
    day = parse_on(on)
    catalog = open_catalog(data)
    ids = [resolve_model(catalog, m) for m in models]
    twice = sorted({m for m in ids if ids.count(m) > 1})
    if twice:
        fail(f"a model appears twice: {', '.join(twice)} (names and aliases resolve to the same id)")
    if brief and fmt is Format.JSON:
        fail("--brief is for text and md; --format json is always the whole comparison")
    result = compare_models(catalog, ids, workload, day, routes)
    if fmt is Format.JSON:
        print_json(comparison_to_dict(result))
        return
    page = _page(catalog, result, workload)
    if fmt is Format.MD:
        from modelvs.views.comparison.markdown import comparison_markdown

        # Straight to stdout: rich would wrap long table rows and break the Markdown.
        sys.stdout.write(comparison_markdown(page, brief=brief))
        return
    from modelvs.views.comparison.text import render_comparison_text

    render_comparison_text(console, page, brief=brief)


def _page(catalog: Catalog, result: Comparison, workload: Workload) -> ComparisonPage:
    from modelvs.views.comparison import Shell, comparison_page

    ids = [m.id for m in result.models]
    path = (
        f"/compare/{pair_slug(catalog, *ids)}"
        if len(ids) == 2
        else "/compare?models=" + ",".join(sorted(m.slug for m in result.models))
    )
    # No site computes another workload here: the page says how the CLI does.
    return comparison_page(catalog, result, workload, Shell(path, path, None))
