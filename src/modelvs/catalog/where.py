"""Where a catalog's data folder and its compiled file are.

Light on purpose (the standard library and `freshness`): the CLI's early check imports only this,
`compiled` and `freshness`, in a child it forks before the command's own imports.
"""

from __future__ import annotations

import os
from pathlib import Path

from modelvs.catalog import freshness

CACHE_FORMAT = "10"


def default_data_dir() -> Path:
    """`$MODELVS_DATA`; else the checkout's `data/` when running from a source tree (an editable
    install); else the copy of it that the wheel ships as `modelvs/_catalog/`."""
    env = os.environ.get("MODELVS_DATA")
    if env:
        return Path(env)
    package = Path(__file__).resolve().parents[1]
    checkout = package.parents[1]
    if package.parent.name == "src" and (checkout / "pyproject.toml").is_file():
        return checkout / "data"
    # The catalog is read as plain files (os.walk, stat for the cache key), so the installed
    # package's folder is used as it is rather than through importlib.resources.
    return package / "_catalog"


def cache_folder() -> Path:
    return Path(os.environ.get("MODELVS_CACHE", Path.home() / ".cache" / "modelvs"))


def compiled_path(data_dir: Path) -> Path:
    """Where the compiled catalog of `data_dir` (as it is read by this code) is kept."""
    return cache_folder() / f"catalog-{CACHE_FORMAT}-{freshness.slot(data_dir)}.bin"
