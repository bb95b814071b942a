"""`show`: one model's facts, routes and prices, each with its source."""

from __future__ import annotations

from pathlib import Path

import typer

from modelvs.cli.common import (
    DataOption,
    Format,
    console,
    open_catalog,
    parse_on,
    print_json,
    require_released,
    resolve_model,
)


def register(app: typer.Typer) -> None:
    app.command()(show)


def show(
    model: str = typer.Argument(..., help="Canonical id, slug, name or any alias."),
    fmt: Format = typer.Option(Format.TEXT, "--format", "-f", help="text, json or md."),
    on: str | None = typer.Option(None, "--on", help="Show the prices in effect on this date (YYYY-MM-DD)."),
    data: Path | None = DataOption,
) -> None:
    """A model's facts, routes and prices (with tiers and modes), each with its source and date."""
    catalog = open_catalog(data)
    model_id = resolve_model(catalog, model)
    day = parse_on(on)
    require_released(catalog, model_id, day)
    from modelvs.views.model import model_view

    view = model_view(catalog, model_id, day)
    if fmt is Format.JSON:
        print_json(view)
        return
    from modelvs.views.text import render_model_text

    render_model_text(console, view, markdown=fmt is Format.MD)
