"""What the browsing pages (`/models`, provider pages) share: query strings, sort links and pages."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

from starlette.datastructures import QueryParams

PAGE_SIZE = 50


@dataclass(frozen=True)
class SortLink:
    """A column header that sorts the table by its column (and again, the other way)."""

    label: str
    url: str | None
    """None where sorting is not offered (a static build: one order is built)."""
    current: str | None
    """`ascending` or `descending` when the table is sorted by this column, else None."""


def query_without(q: QueryParams, *names: str) -> list[tuple[str, str]]:
    """The query's pairs, in order, without `names` and without empty values."""
    return [(k, v) for k, v in q.multi_items() if k not in names and v.strip()]


def url_with(path: str, pairs: Sequence[tuple[str, str]]) -> str:
    return f"{path}?{urlencode(pairs)}" if pairs else path


def sort_links(
    path: str,
    q: QueryParams,
    columns: Sequence[tuple[str, str]],
    sort: str,
    descending: bool,
    *,
    offered: bool = True,
) -> dict[str, SortLink]:
    """(column key, label) -> its header link: sorted by it ascending, or descending if it already is;
    with no link unless `offered` (a static build writes one order only)."""
    base = query_without(q, "sort", "page")
    links = {}
    for key, label in columns:
        on = key == sort
        flip = on and not descending
        links[key] = SortLink(
            label,
            url_with(path, [*base, ("sort", f"-{key}" if flip else key)]) if offered else None,
            ("descending" if descending else "ascending") if on else None,
        )
    return links


@dataclass(frozen=True)
class Pager:
    page: int
    pages: int
    total: int
    first: int
    """1-based number of the first row shown."""
    last: int
    prev_url: str | None
    next_url: str | None


def page_path(path: str, n: int) -> str:
    """Page `n` (from 2) of the list at `path` at its default query."""
    return f"{path}/page/{n}"


def pager(path: str, q: QueryParams, page: int, total: int, size: int = PAGE_SIZE) -> Pager:
    pages = max(1, (total + size - 1) // size)
    base = query_without(q, "page")

    def at(n: int) -> str:
        if n > 1 and not base:  # a path a static host can serve too (`route_spec.paged_twin`)
            return page_path(path, n)
        return url_with(path, [*base, ("page", str(n))] if n > 1 else base)

    first = min(total, (page - 1) * size + 1)
    return Pager(
        page,
        pages,
        total,
        first,
        min(total, page * size),
        at(page - 1) if page > 1 else None,
        at(page + 1) if page < pages else None,
    )
