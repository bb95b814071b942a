"""Shared value types of a comparison: figures as displayed, and the catalog values behind them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from modelvs.catalog.sourcing import SourceRef


@dataclass(frozen=True)
class Figure:
    """A computed or catalog number and the one way the page prints it."""

    value: Decimal
    text: str


@dataclass(frozen=True)
class Basis:
    """A catalog value a fact rests on: whose, which field, as shown, and where it came from."""

    model: str
    """Model id the value belongs to."""
    field: str
    """Dotted field path (`context_window`, `prices.standard.input`, `capabilities.vision`)."""
    value: str
    """The value as displayed."""
    source: SourceRef | None
    """Its citation resolved (source, URL, retrieved and checked dates); None when uncited."""
    route: str | None = None
    """The route id, for route values (prices, fees)."""


@dataclass(frozen=True)
class ModelRef:
    """One compared model, as the page names it."""

    id: str
    slug: str
    name: str
    lab: str
    """Lab display name."""


Names = Mapping[str, str]
"""Model id -> display name, as sentence functions receive it."""


def join(items: list[str] | tuple[str, ...]) -> str:
    """`a`, `a and b`, `a, b and c`: full lists, never cut short."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"
