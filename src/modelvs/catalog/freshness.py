"""Whether a compiled catalog still matches its data files: asked on every load, so it is cheap.

A compiled catalog keeps the manifest of what it was built from: every folder and every file of
the data, with their sizes and modification times (`stamp`). Loading stats exactly those paths
(no directory listing): a changed file changes its own size or time, and a file added, removed or
renamed changes its folder's time. The code's part: the schema's and the catalog's source files
(the compiled file holds records laid out as the schema's classes, checked by the catalog's rules) are
part of its name; the whole package's source keys the derived values, which its rules compute.
"""

from __future__ import annotations

import functools
import hashlib
import os
from array import array
from dataclasses import dataclass
from pathlib import Path

from modelvs.catalog.layout import KINDS

PACKAGE = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Manifest:
    """The folders and data files of a catalog, relative to its data folder, in a stable order."""

    folders: tuple[str, ...]
    files: tuple[str, ...]


def manifest(data_dir: Path) -> Manifest:
    """What `data_dir` holds now: the data folder, each kind's folder and everything under them."""
    folders = [""]
    files: list[str] = []
    root = str(data_dir)
    for kind in KINDS:
        _walk(root, kind.folder, folders, files)
    return Manifest(tuple(folders), tuple(files))


def _walk(root: str, relative: str, folders: list[str], files: list[str]) -> None:
    folders.append(relative)
    try:
        entries = sorted(os.scandir(f"{root}/{relative}"), key=lambda e: e.name)
    except (FileNotFoundError, NotADirectoryError):
        return
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            _walk(root, f"{relative}/{entry.name}", folders, files)
        elif entry.name.endswith(".toml"):
            files.append(f"{relative}/{entry.name}")


def stamp(data_dir: Path, found: Manifest) -> str:
    """A digest of the sizes and modification times of `found`'s folders and files as they are now
    (a missing one counts as -1)."""
    root = str(data_dir)
    numbers = array("q")
    for relative in (*found.folders, *found.files):
        try:
            stat = os.stat(f"{root}/{relative}")  # noqa: PTH116 - plain strings: ten thousand stats per load
        except OSError:
            numbers.extend((-1, -1))
            continue
        numbers.extend((stat.st_size, stat.st_mtime_ns))
    return hashlib.blake2b(numbers.tobytes(), digest_size=16).hexdigest()


def slot(data_dir: Path) -> str:
    """The compiled catalog's name for `data_dir`: its absolute path, and the code of the schema
    (whose instances it holds) and of the catalog (how it is loaded, checked and compiled)."""
    digest = hashlib.blake2b(str(data_dir.resolve()).encode(), digest_size=16)
    digest.update(code_digest("schema").encode())
    digest.update(code_digest("catalog").encode())
    return digest.hexdigest()


@functools.cache
def code_digest(part: str = "") -> str:
    """A digest of the path, size and time of every Python file of the package (or of `part`)."""
    found: list[str] = []
    for folder, dirs, names in os.walk(PACKAGE / part):
        dirs.sort()
        for name in sorted(names):
            if name.endswith(".py"):
                stat = os.stat(f"{folder}/{name}")  # noqa: PTH116
                found.append(f"{folder}/{name}\0{stat.st_size}\0{stat.st_mtime_ns}")
    return hashlib.blake2b("\n".join(found).encode(), digest_size=8).hexdigest()
