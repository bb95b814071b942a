"""The README cannot drift: every command, API route and page is named in it."""

from __future__ import annotations

import re
from pathlib import Path

import typer.main

from modelvs.cli import app
from modelvs.web.routes import ROUTES

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def library_example(readme: str = README) -> str:
    """The Python code blocks of the README's "Library" section, in order, as one program."""
    section = readme.split("\n## Library\n", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```python\n(.*?)```", section, re.DOTALL)
    assert blocks, "the Library section has no python example"
    return "\n".join(blocks)


def test_the_library_example_runs() -> None:
    exec(compile(library_example(), "README.md (Library)", "exec"), {"__name__": "readme"})


def test_every_public_name_is_documented() -> None:
    import modelvs

    section = README.split("\n## Library\n", 1)[1].split("\n## ", 1)[0]
    for name in ("load_catalog", "price", "compare", "rank", "Workload"):
        assert name in modelvs.__all__
        assert f"modelvs.{name}" in section, name


def test_every_cli_command_is_documented() -> None:
    commands = typer.main.get_command(app).commands  # type: ignore[attr-defined]
    missing = [name for name in commands if f"modelvs {name}" not in README]
    assert missing == []


def test_every_page_and_api_route_is_documented() -> None:
    missing = []
    for route in ROUTES:
        path = route.path.replace("{pair}", "<a>-vs-<b>").replace("{slug}", "<slug>")
        path = path.replace("{provider}", "<id>").replace("{a}/{b}", "<a>/<b>").replace("{page}", "<n>")
        short = path.removeprefix("/api/v1/")
        if path not in README and f"`{short}`" not in README:
            missing.append(route.path)
    assert missing == []
