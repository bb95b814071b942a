"""The `modelvs` command: thin adapters from arguments to the catalog, engine and views."""

from __future__ import annotations

import typer

from modelvs.cli import (
    build_command,
    catalog_commands,
    compare_command,
    engine_commands,
    identity_command,
    serve_command,
)

app = typer.Typer(
    name="modelvs",
    help="Which LLM, on which provider, at what cost: an open, sourced catalog.",
    no_args_is_help=True,
    add_completion=False,
)
catalog_commands.register(app)
engine_commands.register(app)
compare_command.register(app)
serve_command.register(app)
build_command.register(app)
identity_command.register(app)


def main() -> None:
    app()
