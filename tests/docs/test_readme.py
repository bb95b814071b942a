"""The README cannot drift: every command, API route and page is named in it."""

from __future__ import annotations

from pathlib import Path

import typer.main

from modelvs.cli import app
from modelvs.web.routes import ROUTES

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def test_every_cli_command_is_documented() -> None:
    commands = typer.main.get_command(app).commands  # type: ignore[attr-defined]
    missing = [name for name in commands if f"modelvs {name}" not in README]
    assert missing == []


def test_every_page_and_api_route_is_documented() -> None:
    missing = []
    for route in ROUTES:
        path = route.path.replace("{pair}", "<a>-vs-<b>").replace("{slug}", "<slug>")
        path = path.replace("{provider}", "<id>").replace("{a}/{b}", "<a>/<b>")
        short = path.removeprefix("/api/v1/")
        if path not in README and f"`{short}`" not in README:
            missing.append(route.path)
    assert missing == []
