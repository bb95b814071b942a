"""`show`: one model's facts, routes and prices, each with its source."""

from __future__ import annotations

from pathlib import Path

import typer

from modelvs.cli.common import (
    DataOption,
    Format,
    PlainOption,
    open_catalog,
    parse_on,
    print_json,
    require_released,
    resolve_model,
)
from modelvs.cli.output import Output


def register(app: typer.Typer) -> None:
    app.command()(show)


def show(
    model: str = typer.Argument(..., metavar="MODEL", hidden=True),
    fmt: Format = typer.Option(Format.TEXT, "--format", "-f", help="text, json or md."),
    on: str | None = typer.Option(
        None, "--on", metavar="DATE", help="Show the prices in effect on this date (YYYY-MM-DD)."
    ),
    plain: bool = PlainOption,
    data: Path | None = DataOption,
) -> None:
    """A model's facts, routes and prices (with tiers and modes), each with its source and date.

    MODEL: a canonical id, slug, display name or any alias.
    """
    catalog = open_catalog(data)
    model_id = resolve_model(catalog, model)
    day = parse_on(on)
    require_released(catalog, model_id, day)
    from modelvs.views.model import model_view

    view = model_view(catalog, model_id, day)
    if fmt is Format.JSON:
        print_json(view)
        return
    from modelvs.views.text import model_markdown, model_text

    out = Output.of(plain)
    if fmt is Format.MD:
        out.raw(model_markdown(view))
        return
    out.blocks(model_text(view))
