"""A registered data source: a package, a file, a site, or hand curation."""

from __future__ import annotations

import datetime as dt

from modelvs.schema.base import Name, Strict, Text, Url
from modelvs.schema.vocab import SourceKind


class Source(Strict):
    """One data source; citations refer to it by id (the file name)."""

    name: Name
    """Human name (`genai-prices`)."""
    kind: SourceKind
    """How it is read."""
    package: str | None = None
    """PyPI package name, for package sources."""
    version: str | None = None
    """The package version or data snapshot read."""
    url: Url | None = None
    """Home page of the source."""
    license: Name
    """The source's license (`MIT`), or `n/a` for curated values."""
    retrieved: dt.date
    """Snapshot date: when the catalog last read this source."""
    description: Text | None = None
    """What the source is best for."""
