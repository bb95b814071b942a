"""Read every data file into validated records, collecting every problem instead of stopping."""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from pydantic import BaseModel, ValidationError

from modelvs.catalog import tomlio
from modelvs.catalog.layout import KINDS, Kind, record_id
from modelvs.catalog.problems import Problem


@dataclass
class Loaded:
    """Validated records by kind and id, plus the problems met on the way."""

    records: dict[str, dict[str, BaseModel]] = field(default_factory=lambda: {k.name: {} for k in KINDS})
    files: dict[tuple[str, str], str] = field(default_factory=dict)
    """(kind, id) -> path relative to the data directory, for problem reports."""
    raw: dict[str, dict[str, dict[str, Any]]] = field(default_factory=lambda: {k.name: {} for k in KINDS})
    """The parsed TOML of every valid record, by kind and id: what the compiled cache keeps."""
    problems: list[Problem] = field(default_factory=list)


def data_files(data_dir: Path) -> list[tuple[Kind, Path]]:
    """Every catalog file, in a stable order."""
    return [(kind, Path(path)) for kind, path in data_paths(data_dir)]


def data_paths(data_dir: Path) -> list[tuple[Kind, str]]:
    """Every catalog file as a string path (os.walk: much faster than Path.rglob here)."""
    found: list[tuple[Kind, str]] = []
    for kind in KINDS:
        paths: list[str] = []
        for folder, dirs, names in os.walk(data_dir / kind.folder):
            dirs.sort()
            paths.extend(f"{folder}/{name}" for name in names if name.endswith(".toml"))
        found.extend((kind, p) for p in sorted(paths))
    return found


def load_dir(data_dir: Path) -> Loaded:
    """Load and validate every file under `data_dir`; never raises on bad data."""
    loaded = Loaded()
    for kind, path in data_files(data_dir):
        relative = PurePosixPath(path.relative_to(data_dir).as_posix())
        inner = relative.relative_to(kind.folder)
        shown = str(relative)
        if len(inner.parts) != kind.depth:
            loaded.problems.append(
                Problem(shown, None, "", f"a {kind.name} file must sit {kind.depth} folder(s) deep")
            )
            continue
        text = path.read_text(encoding="utf-8")
        parsed = parse_toml(shown, text, loaded.problems)
        record = validate_record(kind, shown, text, parsed, loaded.problems) if parsed is not None else None
        if record is not None and parsed is not None:
            rid = record_id(kind, inner)
            loaded.records[kind.name][rid] = record
            loaded.raw[kind.name][rid] = parsed
            loaded.files[(kind.name, rid)] = shown
    return loaded


def parse_record(kind: Kind, shown: str, text: str, problems: list[Problem]) -> BaseModel | None:
    """Parse and validate one file's text; append problems and return None when invalid."""
    raw = parse_toml(shown, text, problems)
    return None if raw is None else validate_record(kind, shown, text, raw, problems)


def parse_toml(shown: str, text: str, problems: list[Problem]) -> dict[str, Any] | None:
    """One file's TOML, or None with the problem (and its line) recorded."""
    try:
        return tomlio.loads(text)
    except tomllib.TOMLDecodeError as exc:
        problems.append(Problem(shown, _toml_error_line(exc), "", f"invalid TOML: {exc}"))
        return None


def validate_record(
    kind: Kind, shown: str, text: str, raw: dict[str, Any], problems: list[Problem]
) -> BaseModel | None:
    """One record checked against its schema; problems name the field and its line in `text`."""
    try:
        return kind.schema.model_validate(raw)
    except ValidationError as exc:
        for error in exc.errors():
            loc = ".".join(str(part) for part in error["loc"])
            problems.append(Problem(shown, locate(text, error["loc"]), loc, error["msg"]))
        return None


def _toml_error_line(exc: tomllib.TOMLDecodeError) -> int | None:
    match = re.search(r"line (\d+)", str(exc))
    return int(match.group(1)) if match else None


def locate(text: str, loc: tuple[Any, ...]) -> int | None:
    """Best-effort 1-based line of a field: the last named key of `loc` in the file."""
    names = [str(p) for p in loc if isinstance(p, str)]
    if not names:
        return None
    key = re.escape(names[-1])
    pattern = re.compile(rf'^\s*("?{key}"?\s*=|\[+[^\]]*\b{key}\]+)', re.MULTILINE)
    match = pattern.search(text)
    if match is None and len(names) > 1:
        return locate(text, tuple(names[:-1]))
    return text.count("\n", 0, match.start()) + 1 if match else None
