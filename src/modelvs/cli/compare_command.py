"""`compare A B [C ...]`: a side-by-side comparison of 2 to 10 models at a workload."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from modelvs.catalog import Catalog
from modelvs.catalog.pairs import pair_slug
from modelvs.cli import workload_options as wo
from modelvs.cli.common import (
    DataOption,
    Format,
    PlainOption,
    fail,
    open_catalog,
    parse_on,
    print_json,
    resolve_model,
)
from modelvs.cli.output import Output
from modelvs.engine.compare import Comparison, comparison_to_dict
from modelvs.engine.compare import compare as compare_models
from modelvs.engine.compare.comparison import model_count_problem
from modelvs.engine.monthly import RouteSet
from modelvs.engine.workload import Workload

if TYPE_CHECKING:
    from modelvs.views.comparison import ComparisonPage

On = typer.Option(
    None,
    "--on",
    metavar="DATE",
    help="Compare the prices in effect on this date (YYYY-MM-DD; default today).",
)
FormatOption = typer.Option(Format.TEXT, "--format", "-f", help="text, json or md.")


def register(app: typer.Typer) -> None:
    app.command()(compare)


def compare(
    models: list[str] = typer.Argument(..., metavar="MODEL...", hidden=True),
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
    full: bool = typer.Option(
        False,
        "--full",
        help="The whole comparison (text, md): tradeoffs, costs by scenario, switching, specs,"
        " capabilities, benchmarks, prices by route, FAQ, sources. Without it: the answer first"
        " (verdict, headline costs, scorecard).",
    ),
    plain: bool = PlainOption,
    data: Path | None = DataOption,
) -> None:
    """Compare models side by side: the verdict, the cost at your traffic and the scorecard (--full: all).

    MODEL...: 2 to 10 models, each a canonical id, slug, display name or alias.
    """
    if (problem := model_count_problem(len(models))) is not None:
        fail(f"compare {problem}")
    workload = wo.build_workload(requests, input_, output, cached, reasoning, batch_share)
    day = parse_on(on)
    catalog = open_catalog(data)
    ids = [resolve_model(catalog, m) for m in models]
    twice = sorted({m for m in ids if ids.count(m) > 1})
    if twice:
        fail(f"a model appears twice: {', '.join(twice)} (names and aliases resolve to the same id)")
    result = compare_models(catalog, ids, workload, day, routes)
    if fmt is Format.JSON:
        print_json(comparison_to_dict(result))
        return
    page = _page(catalog, result, workload)
    out = Output.of(plain)
    if fmt is Format.MD:
        from modelvs.views.comparison.markdown import comparison_markdown

        out.raw(comparison_markdown(page, brief=not full))
        return
    if full:
        from modelvs.cli.page_text import print_page

        print_page(out, page)
        return
    from modelvs.views.comparison.markdown import BRIEF
    from modelvs.views.text import comparison_answer

    out.blocks(comparison_answer(page))
    rest = [h.title for h in page.sections if h.id not in BRIEF and h.id != "popular"]
    if rest:
        out.line()
        out.line(f"With --full: {', '.join(rest)}.")


def _page(catalog: Catalog, result: Comparison, workload: Workload) -> ComparisonPage:
    from modelvs.views.comparison import Shell, comparison_page

    ids = [m.id for m in result.models]
    path = (
        f"/compare/{pair_slug(catalog, *ids)}"
        if len(ids) == 2
        else "/compare?models=" + ",".join(sorted(m.slug for m in result.models))
    )
    # No site computes another workload here: the page says how the CLI does. No views are
    # counted here either: the popular list is the site's seed list.
    from modelvs.storage.popular import SEED_PAIRS
    from modelvs.views.comparison.popular import popular_links

    known = [
        sorted((a, b), key=catalog.slugs.__getitem__)
        for a, b in SEED_PAIRS
        if {a, b} <= catalog.models.keys()
    ]
    seeds = [(pair_slug(catalog, a, b), (a, b)) for a, b in known]
    popular = popular_links(catalog, seeds, ids, path.removeprefix("/compare/"))
    return comparison_page(catalog, result, workload, Shell(path, path, None, popular=popular))
