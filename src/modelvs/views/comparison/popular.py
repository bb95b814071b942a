"""Popular comparisons as a page lists them: those of the compared models first, at most ten."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from modelvs.catalog import Catalog
from modelvs.views.blocks import Link

MOST = 10


def popular_links(
    catalog: Catalog,
    ranked: Iterable[tuple[str, tuple[str, str]]],
    compared: Iterable[str],
    current: str | None = None,
    linkable: Callable[[str], bool] = lambda pair: True,
) -> tuple[Link, ...]:
    """`ranked` (pair slug, its two model ids), most viewed first, as links: the pairs of a
    `compared` model first, then the rest; never the page's own pair (`current`)."""
    shown = [(p, ids) for p, ids in ranked if p != current and linkable(p)]
    mine = set(compared)
    ordered = [x for x in shown if mine & set(x[1])] + [x for x in shown if not mine & set(x[1])]
    return tuple(
        Link(f"/compare/{p}", f"{catalog.models[a].name} vs {catalog.models[b].name}")
        for p, (a, b) in ordered
    )[:MOST]
