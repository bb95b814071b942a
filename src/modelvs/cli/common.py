"""What every command shares: output formats, the catalog, and failing with a clear message."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Any, NoReturn

import typer
from rich.console import Console
from rich.markup import escape

from modelvs.catalog import (
    Catalog,
    CatalogError,
    UnknownModelError,
    default_data_dir,
    lifecycle,
    load_catalog,
)
from modelvs.catalog.layout import KINDS, holds_records
from modelvs.catalog.leftovers import recover

console = Console()
errors = Console(stderr=True)

BUSY = 75
"""Exit code of a command refused because a sync holds the catalog's lock (EX_TEMPFAIL: try again later)."""


class Format(StrEnum):
    TEXT = "text"
    JSON = "json"
    MD = "md"


DataOption = typer.Option(
    None, "--data", help="Catalog folder (default: $MODELVS_DATA or the shipped data/)."
)


def data_dir(path: Path | None) -> Path:
    """The catalog folder (`--data`, else the default); exits 2 if it is missing or holds no records.

    An empty folder would otherwise load as a valid catalog of nothing: "0 error(s)", every
    model unknown, a site with no pages.
    """
    folder = path or default_data_dir()
    for done in recover(folder):  # what a sync cut short: before the folder is judged missing
        errors.print(escape(f"note: {done} (left by an interrupted sync)"), highlight=False)
    how = "Pass --data DIR or set MODELVS_DATA to a catalog folder (models/, routes/, providers/, ...)."
    if path is None and not os.environ.get("MODELVS_DATA"):
        how += " It defaults to the catalog modelvs ships (data/ in a checkout): restore or reinstall it."
    if not folder.is_dir():
        fail(escape(f"the catalog folder {folder} does not exist. {how}"))
    if not holds_records(folder):
        kinds = ", ".join(f"{kind.folder}/" for kind in KINDS)
        fail(escape(f"the catalog folder {folder} holds no catalog files (none under {kinds}). {how}"))
    return folder


def open_catalog(path: Path | None) -> Catalog:
    try:
        return load_catalog(data_dir(path))
    except CatalogError as exc:
        catalog_failed(exc)


def catalog_failed(exc: CatalogError) -> NoReturn:
    """Exits 1 with the check's report of a catalog that cannot load (never a traceback)."""
    fail(escape(f"{exc}\nRun `modelvs check` for every problem."), code=1)


def require_extra(extra: str, modules: tuple[str, ...], needed_by: str) -> None:
    """Exits 2 naming the extra to install when one of its modules is missing."""
    missing = [m for m in modules if importlib.util.find_spec(m) is None]
    if missing:
        # Escaped: `fail` prints rich markup, which would swallow "[web]".
        fail(
            escape(
                f"{needed_by} needs the `{extra}` extra, which is not installed (no {', '.join(missing)}): "
                f"pip install 'modelvs[{extra}]'"
            )
        )


def resolve_model(catalog: Catalog, name: str) -> str:
    try:
        return catalog.resolve(name)
    except UnknownModelError as exc:
        fail(str(exc), code=2)


def require_released(catalog: Catalog, model_id: str, day: dt.date) -> None:
    """Exits 2 when `day` is before the model's release: there was no price to show then."""
    try:
        lifecycle.require_released(model_id, catalog.models[model_id], day)
    except lifecycle.NotYetReleasedError as exc:
        fail(escape(str(exc)))


def today() -> dt.date:
    return dt.date.today()


def parse_on(text: str | None) -> dt.date:
    """`--on YYYY-MM-DD`, or today; anything else exits 2 saying what is accepted."""
    if text is None:
        return today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        fail(f"--on takes a date as YYYY-MM-DD, got {text!r}")


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def fail(message: str, code: int = 2) -> NoReturn:
    errors.print(f"[bold red]error:[/] {message}", highlight=False, markup=True)
    raise typer.Exit(code)
