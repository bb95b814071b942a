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
from modelvs.catalog.problems import Problem, Severity


@dataclass
class Loaded:
    """Validated records by kind and id, plus the problems met on the way."""

    records: dict[str, dict[str, BaseModel]] = field(default_factory=lambda: {k.name: {} for k in KINDS})
    files: dict[tuple[str, str], str] = field(default_factory=dict)
    """(kind, id) -> path relative to the data directory, for problem reports."""
    raw: dict[str, dict[str, dict[str, Any]]] = field(default_factory=lambda: {k.name: {} for k in KINDS})
    """The parsed TOML of every valid record, by kind and id: what the compiled cache keeps."""
    problems: list[Problem] = field(default_factory=list)
    broken: set[tuple[str, str]] = field(default_factory=set)
    """(kind, id) of the files that did not parse or validate: what refers to them is not reported
    again (one syntax error in a lab file is one error, not one per model of the lab)."""


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
        rid = record_id(kind, inner)
        if record is not None and parsed is not None:
            loaded.records[kind.name][rid] = record
            loaded.raw[kind.name][rid] = parsed
            loaded.files[(kind.name, rid)] = shown
            loaded.problems += text_problems(shown, text, parsed)
        else:
            loaded.broken.add((kind.name, rid))
    return loaded


_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""Control characters (but tab and newline) and the bidirectional controls, which reorder what a
reader sees (a name that displays as another): refused in any text."""
_BIDI = re.compile(r"[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_NAME_BREAKS = re.compile(r"[\n\u2028\u2029]")
"""Refused in names too: a name is one line (headings, table cells, titles, feed entries)."""
_NAME_TABS = re.compile(r"\t")
"""A warning in names: harmless in every output, but no name means it (sources pad names with one)."""
_NAMES = frozenset({"name", "provider_model_id", "family", "aliases"})
"""Fields that are names: shown in one line, in titles, links and feeds."""


def text_problems(shown: str, text: str, raw: dict[str, Any]) -> list[Problem]:
    """A problem for every string (and key) holding a control or bidirectional character, and
    every name holding a line break (an error) or a tab (a warning): with the field and its line."""
    found: list[tuple[str, str, Severity]] = []
    _walk_text(raw, "", False, found)
    if not found:
        return []
    lines = tomlio.key_lines(text)
    return [Problem(shown, tomlio.line_of(lines, where), where, what, level) for where, what, level in found]


def _walk_text(value: Any, where: str, name: bool, found: list[tuple[str, str, Severity]]) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            path = f"{where}.{key}" if where else str(key)
            _check_text(str(key), path, False, found)
            _walk_text(item, path, name or key in _NAMES, found)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _walk_text(item, f"{where}.{i}", name, found)
    elif isinstance(value, str):
        _check_text(value, where, name, found)


def _check_text(value: str, where: str, name: bool, found: list[tuple[str, str, Severity]]) -> None:
    bad = _UNPRINTABLE.search(value) or (_NAME_BREAKS.search(value) if name else None)
    level = Severity.ERROR
    if bad is None and name:
        bad, level = _NAME_TABS.search(value), Severity.WARNING
    if bad is None:
        return
    char = bad.group()
    if level is Severity.WARNING:
        what = "a name holds a tab"
    elif _BIDI.match(char):
        what = "text holds a bidirectional control, which reorders what a reader sees"
    elif name and _NAME_BREAKS.match(char):
        what = "a name holds a line break"
    else:
        what = "text holds a control character"
    found.append((where, f"{what} (U+{ord(char):04X}): write it as plain text", level))


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
    """The 1-based line of a field (`loc`: keys and item numbers), else of what holds it."""
    return tomlio.line_of(tomlio.key_lines(text), ".".join(str(p) for p in loc))
