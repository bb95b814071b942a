"""The `modelvs` command: thin adapters from arguments to the catalog, engine and views."""

from __future__ import annotations

import typer
from rich.markup import escape

from modelvs import __version__
from modelvs.catalog.lifecycle import NotYetReleasedError
from modelvs.cli import (
    build_command,
    catalog_commands,
    compare_command,
    engine_commands,
    identity_command,
    models_command,
    reprice_command,
    serve_command,
)
from modelvs.cli.common import errors

app = typer.Typer(
    name="modelvs",
    help="Which LLM, on which provider, at what cost: an open, sourced catalog.",
    no_args_is_help=True,
    add_completion=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"modelvs {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Which LLM, on which provider, at what cost: an open, sourced catalog."""


catalog_commands.register(app)
models_command.register(app)
engine_commands.register(app)
compare_command.register(app)
serve_command.register(app)
build_command.register(app)
identity_command.register(app)
reprice_command.register(app)


def main() -> None:
    try:
        app()
    except NotYetReleasedError as exc:  # a command that prices a date before a model existed
        errors.print(f"[bold red]error:[/] {escape(str(exc))}", highlight=False)
        raise SystemExit(2) from None
