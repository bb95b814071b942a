"""Citations on raw records: whose a citation key is, the citation an offer carries, and pruning."""

from __future__ import annotations

from typing import Any

from modelvs.sources.proposal import ProposedRecord
from modelvs.sources.registry import IMPORTED


def owned_by(citation_key: str, source: str) -> bool:
    """Whether a citation key is one of `source`'s: its own id, or `source~N` for a further listing."""
    return citation_key == source or citation_key.startswith(source + "~")


def offer_citation(source: str, offer: ProposedRecord) -> dict[str, Any]:
    """The citation of `source` for the values `offer` states: where in the source, and its page."""
    citation: dict[str, Any] = {"source": source, "locator": offer.locator}
    if offer.url:
        citation["url"] = offer.url
    if offer.checked:
        citation["checked"] = offer.checked
    if offer.kind == "model" and offer.listing:
        citation["listing"] = offer.listing
    return citation


def _used_citations(raw: dict[str, Any]) -> set[str]:
    used = set(raw.get("provenance", {}).values())
    used |= {a["citation"] for a in raw.get("alternatives", [])}
    used |= {p["citation"] for p in raw.get("prices", [])}
    used |= {b["citation"] for b in raw.get("benchmarks", [])}
    used |= {f["citation"] for f in raw.get("fees", [])}
    if raw.get("price_check"):
        used.add(raw["price_check"]["citation"])
    return used


def prune_citations(raw: dict[str, Any]) -> None:
    """Drop imported citations nothing refers to any more (curated ones are kept as written)."""
    used = _used_citations(raw)
    for key in [k for k, c in raw.get("citations", {}).items() if k not in used]:
        if raw["citations"][key].get("source") in IMPORTED:
            del raw["citations"][key]
    if "citations" in raw and not raw["citations"]:
        del raw["citations"]
