"""Which of two cited values speaks for a model: the one rule the merge and the agreement pass share.

Lab first: a reviewer's value wins; then a value read from the lab's own listing, in any source,
before any other provider's listing (Azure's copy of Grok 4.1 Fast does not set its context
window); then the source's rank for facts; then the listing that speaks for the model in its
source before that source's further listings (`models-dev~3`).
"""

from __future__ import annotations

from typing import Any

from modelvs.sources.providers import FIRST_PARTY
from modelvs.sources.registry import FACT_PRIORITY, IMPORTED

FACT_RULE = (
    "Lab first: a model's facts (context window, output limit, release date, knowledge cutoff,"
    " modalities, capabilities, open weights) come from the lab's own listing, in any source, before"
    " other providers' listings, then by source rank; a provider's own limits stay on its route, and"
    " the value not chosen is kept beside the chosen one with its source."
)

Rank = tuple[int, int, int, int]


def source_rank(order: tuple[str, ...], citation_key: str) -> int:
    """A citation key's place in `order` (`models-dev~2` ranks as `models-dev`); unknown last."""
    source = citation_key.split("~", 1)[0]
    return order.index(source) if source in order else len(order)


def is_curated(raw: dict[str, Any], citation_key: str) -> bool:
    """Whether the citation is a reviewer's (its source is not an importer)."""
    citation = raw.get("citations", {}).get(citation_key, {})
    return citation.get("source", citation_key) not in IMPORTED


def is_lab_listing(raw: dict[str, Any], citation_key: str, lab: str) -> bool:
    """Whether the citation's values were read from the lab's own API listing."""
    listing = raw.get("citations", {}).get(citation_key, {}).get("listing")
    return listing is not None and FIRST_PARTY.get(listing) == lab


def fact_rank(raw: dict[str, Any], citation_key: str, lab: str) -> Rank:
    """Lower speaks first: (curated, the lab's own listing, source rank, the speaking listing)."""
    citation = raw.get("citations", {}).get(citation_key, {})
    source = citation.get("source", citation_key.split("~", 1)[0])
    return (
        int(not is_curated(raw, citation_key)),
        int(not is_lab_listing(raw, citation_key, lab)),
        source_rank(FACT_PRIORITY, source),
        int("~" in citation_key),
    )
