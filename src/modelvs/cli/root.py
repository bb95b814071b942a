"""The root `modelvs` command (a Typer app): each command's module is imported when that command is looked up.

`modelvs cost` does not import the web app, the comparison views or the importers. `modelvs --help`
lists them all, and so imports them all.
"""

from __future__ import annotations

import importlib

import typer
from typer.core import TyperGroup

from modelvs import __version__
from modelvs.cli import COMMANDS


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
        # Only the asked command is built: a module's other commands' options cost time to convert.
        sub.registered_commands = [c for c in sub.registered_commands if _name(c) == cmd_name]
        return typer.main.get_group(sub).commands.get(cmd_name)


def _name(command: typer.models.CommandInfo) -> str:
    """A registered command's name, as Typer derives it from its function when not given."""
    if command.name:
        return command.name
    callback = command.callback
    return typer.main.get_command_name(callback.__name__) if callback is not None else ""


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
