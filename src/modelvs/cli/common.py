"""What every command shares: output formats, the catalog, and failing with a clear message."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import os
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Any, NoReturn

import typer

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
from modelvs.cli import early, output

BUSY = 75
"""Exit code of a command refused because a sync holds the catalog's lock (EX_TEMPFAIL: try again later)."""


class Format(StrEnum):
    TEXT = "text"
    JSON = "json"
    MD = "md"


DataOption = typer.Option(
    None, "--data", metavar="DIR", help="Catalog folder (default: $MODELVS_DATA or the shipped data/)."
)
PlainOption = typer.Option(
    False, "--plain", help="Plain aligned text, as when the output is not a terminal (never a cut cell)."
)


def at_least(low: int) -> Callable[[int | None], int | None]:
    """An option's check: a whole number of at least `low` (said in words, not as `x>=1` in help)."""

    def check(value: int | None) -> int | None:
        if value is not None and value < low:
            raise typer.BadParameter(f"takes {low} or more, got {value}")
        return value

    return check


def between(low: int, high: int) -> Callable[[int], int]:
    """An option's check: a whole number from `low` to `high`."""

    def check(value: int) -> int:
        if not low <= value <= high:
            raise typer.BadParameter(f"takes {low} to {high}, got {value}")
        return value

    return check


def data_dir(path: Path | None) -> Path:
    """The catalog folder (`--data`, else the default); exits 2 if it is missing or holds no records.

    An empty folder would otherwise load as a valid catalog of nothing: "0 error(s)", every
    model unknown, a site with no pages.
    """
    folder = path or default_data_dir()
    for done in recover(folder):  # what a sync cut short: before the folder is judged missing
        output.note(f"note: {done} (left by an interrupted sync)")
        early.discard()  # what was checked before is not what is there now
    how = "Pass --data DIR or set MODELVS_DATA to a catalog folder (models/, routes/, providers/, ...)."
    if path is None and not os.environ.get("MODELVS_DATA"):
        how += " It defaults to the catalog modelvs ships (data/ in a checkout): restore or reinstall it."
    if not folder.is_dir():
        fail(f"the catalog folder {folder} does not exist. {how}")
    if not holds_records(folder):
        kinds = ", ".join(f"{kind.folder}/" for kind in KINDS)
        fail(f"the catalog folder {folder} holds no catalog files (none under {kinds}). {how}")
    return folder


def open_catalog(path: Path | None) -> Catalog:
    folder = data_dir(path)
    try:
        return load_catalog(folder, stamp_now=early.stamp_now(folder))
    except CatalogError as exc:
        catalog_failed(exc)


def catalog_failed(exc: CatalogError) -> NoReturn:
    """Exits 1 with the check's report of a catalog that cannot load (never a traceback)."""
    fail(f"{exc}\nRun `modelvs check` for every problem.", code=1)


def require_extra(extra: str, modules: tuple[str, ...], needed_by: str) -> None:
    """Exits 2 naming the extra to install when one of its modules is missing."""
    missing = [m for m in modules if importlib.util.find_spec(m) is None]
    if missing:
        fail(
            f"{needed_by} needs the `{extra}` extra, which is not installed (no {', '.join(missing)}): "
            f"pip install 'modelvs[{extra}]'"
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
        fail(str(exc))


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
    """Exits `code` after `error: message` on stderr (the message is data: printed as it is)."""
    output.error(message)
    raise typer.Exit(code)
