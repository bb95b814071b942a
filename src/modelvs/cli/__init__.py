"""The `modelvs` command: thin adapters from arguments to the catalog, engine and views.

Each command's module is imported only when that command runs (`_Commands`): `modelvs cost` does
not import the web app, the comparison views or the importers. `modelvs --help` lists them all, and
so imports them all.
"""

from __future__ import annotations

import importlib
import sys

import typer
from typer.core import TyperGroup

from modelvs import __version__

COMMANDS: dict[str, str] = {
    "check": "catalog_commands",
    "show": "show_command",
    "sync": "sync_command",
    "export": "catalog_commands",
    "review": "catalog_commands",
    "models": "models_command",
    "cost": "engine_commands",
    "rank": "engine_commands",
    "compare": "compare_command",
    "reprice": "reprice_command",
    "serve": "serve_command",
    "build": "build_command",
    "identity": "identity_command",
}
"""Command name -> the module of `modelvs.cli` whose `register(app)` defines it, in help order."""


class _Commands(TyperGroup):
    """The top-level group: a command's module is imported when the command is looked up."""

    def list_commands(self, ctx: typer.Context) -> list[str]:  # type: ignore[override]
        return list(COMMANDS)

    def get_command(self, ctx: typer.Context, cmd_name: str):  # type: ignore[no-untyped-def, override]
        module = COMMANDS.get(cmd_name)
        if module is None:
            return None
        sub = typer.Typer()
        importlib.import_module(f"modelvs.cli.{module}").register(sub)
        return typer.main.get_group(sub).commands.get(cmd_name)


app = typer.Typer(
    name="modelvs",
    help="Which LLM, on which provider, at what cost: an open, sourced catalog.",
    no_args_is_help=True,
    add_completion=False,
    cls=_Commands,
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


def main() -> None:
    try:
        app()
    except Exception as exc:
        # A command that priced a date before a model existed (the module is loaded if it did).
        lifecycle = sys.modules.get("modelvs.catalog.lifecycle")
        if lifecycle is None or not isinstance(exc, lifecycle.NotYetReleasedError):
            raise
        from modelvs.cli.output import error

        error(str(exc))
        raise SystemExit(2) from None
