"""What the web app writes: page views of comparisons, for "popular comparisons".

One interface, `ViewStore` (`base.py`): SQLite in the state directory by default, PostgreSQL when a
database URL says so (so several app instances share the counts), or `MemoryStore`. The web app
calls only `ViewCounter` (`counter.py`), which counts in memory, one view per client, pair and day
(`dedupe.py`), and writes to the store off the request path; known bots are skipped (`is_bot`).
The popular list is the views plus a stated seed (`popular.py`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path

from modelvs.storage.base import StoreError, UnsupportedURLError, ViewStore, redact_url
from modelvs.storage.bots import is_bot
from modelvs.storage.counter import Snapshot, ViewCounter, watch_views
from modelvs.storage.memory import MemoryStore, NullStore
from modelvs.storage.popular import SEED_RULE, popular_pairs, seed_pairs

__all__ = [
    "ENV_VAR",
    "SEED_RULE",
    "MemoryStore",
    "NullStore",
    "Snapshot",
    "StoreError",
    "UnsupportedURLError",
    "ViewCounter",
    "ViewStore",
    "database_url_from_env",
    "is_bot",
    "open_store",
    "popular_pairs",
    "redact_url",
    "seed_pairs",
    "watch_views",
]

ENV_VAR = "MODELVS_DATABASE_URL"
POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def database_url_from_env(environ: Mapping[str, str] | None = None) -> str | None:
    """The database URL from MODELVS_DATABASE_URL, or None (meaning SQLite) when unset or blank."""
    value = (os.environ if environ is None else environ).get(ENV_VAR, "").strip()
    return value or None


def open_store(url: str | None, data_dir: Path) -> ViewStore:
    """Open (and migrate) the view store: PostgreSQL for a postgres URL, else SQLite in `data_dir`."""
    if not url:
        from modelvs.storage.sqlite import FILENAME, SQLiteViewStore

        return SQLiteViewStore(data_dir / FILENAME)
    if url.lower().startswith(POSTGRES_SCHEMES):
        # Imported here so SQLite-only use never loads the PostgreSQL driver.
        from modelvs.storage.postgres import PostgresViewStore

        return PostgresViewStore(url)
    # Only the scheme is echoed: whatever else was passed may hold a password.
    scheme = re.match(r"[A-Za-z][A-Za-z0-9+.-]*(?=://)", url)
    shown = f"scheme {scheme.group()!r}" if scheme else "a value that is not a URL"
    raise UnsupportedURLError(
        f"unsupported database URL ({shown}): use postgresql://... or postgres://..., "
        f"or leave {ENV_VAR} unset for SQLite in the data directory"
    )
