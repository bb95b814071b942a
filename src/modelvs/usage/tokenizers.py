"""Tokenizer ratios labs state, as reviewed data (`data/tokenizers.toml`).

Tokens do not transfer one to one between model families. Where a lab states how many more (or
fewer) tokens a model counts for the same text, re-pricing shows that range beside the model's
cost, with its source. The file sits beside the catalog's records (not a record kind of its own:
the catalog loader never reads it, and a sync leaves it alone).
"""

from __future__ import annotations

import datetime as dt
import functools
import tomllib
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

FILE = "tokenizers.toml"


@dataclass(frozen=True)
class StatedRatio:
    """A lab's statement that `model` counts `low`x to `high`x the tokens of its earlier models."""

    model: str
    """The canonical id of the model the statement is about."""
    versus_lab: str
    """The lab whose other models it is stated against."""
    versus: str
    """Which models, in words."""
    low: Decimal
    high: Decimal
    statement: str
    url: str
    checked: dt.date
    measured: tuple[tuple[str, str, dt.date], ...] = ()
    """Independent measurements: (what was found, url, checked)."""


def stated_ratios(data_dir: Path | None = None) -> tuple[StatedRatio, ...]:
    """The reviewed ratios in `data_dir` (default: the shipped catalog's folder); none if it has no file."""
    if data_dir is None:
        from modelvs.catalog import default_data_dir

        data_dir = default_data_dir()
    path = data_dir / FILE
    try:
        changed = path.stat().st_mtime_ns
    except FileNotFoundError:
        return ()
    return _read(path, changed)


@functools.lru_cache(maxsize=8)
def _read(path: Path, changed: int) -> tuple[StatedRatio, ...]:
    """The file's ratios (memoised per path and modification time)."""
    with path.open("rb") as f:
        raw = tomllib.load(f, parse_float=Decimal)
    found = []
    for entry in raw.get("ratio", []):
        try:
            found.append(
                StatedRatio(
                    model=str(entry["model"]),
                    versus_lab=str(entry["versus_lab"]),
                    versus=str(entry["versus"]),
                    low=Decimal(entry["low"]),
                    high=Decimal(entry["high"]),
                    statement=str(entry["statement"]),
                    url=str(entry["url"]),
                    checked=entry["checked"],
                    measured=tuple(
                        (str(m["text"]), str(m["url"]), m["checked"]) for m in entry.get("measured", [])
                    ),
                )
            )
        except (KeyError, TypeError, ArithmeticError) as err:
            raise ValueError(f"{path}: a ratio lacks or mistypes {err}") from None
    return tuple(found)
