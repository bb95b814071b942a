"""The `modelvs` command: thin adapters from arguments to the catalog, engine and views.

This module is the console script's entry point and stays light: `main` starts checking that the
compiled catalog is fresh (`early`) before the command's imports, then runs the Typer app
(`modelvs.cli.root.app`, also `modelvs.cli.app`).
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from modelvs.cli.root import app

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

OPEN_THE_CATALOG = frozenset({"show", "models", "cost", "rank", "compare", "reprice", "export"})
"""One-shot commands that open the compiled catalog first thing: worth checking it early."""

__all__ = ["COMMANDS", "app", "main"]


def __getattr__(name: str) -> Any:
    if name == "app":
        from modelvs.cli.root import app

        return app
    raise AttributeError(f"module 'modelvs.cli' has no attribute {name!r}")


def main() -> None:
    args = sys.argv[1:]
    if args and args[0] in OPEN_THE_CATALOG and "--help" not in args:
        from modelvs.cli import early

        early.start(args)
    from modelvs.cli.root import app

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
