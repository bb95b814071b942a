"""The `ViewStore` interface: page views of comparisons, counted per UTC day.

Backends keep one row per (pair, day) and increment it with a single atomic UPSERT, so
concurrent writers (threads, processes, app instances) never lose a view. Argument checks
live here, once, so every backend accepts and rejects exactly the same input.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Mapping
from datetime import UTC, date, datetime
from types import TracebackType
from typing import Self
from urllib.parse import parse_qsl, unquote, unquote_plus, urlencode, urlsplit, urlunsplit

MAX_PAIR_LENGTH = 255
# A pair is a slug; rejecting whitespace and control characters keeps junk out of the table.
_PAIR = re.compile(r"[^\s\x00-\x1f\x7f]+")
_MASK = "***"


class StoreError(Exception):
    """The view store cannot be opened or used."""


class UnsupportedURLError(StoreError, ValueError):
    """A database URL whose scheme no backend accepts."""


class ViewStore(ABC):
    """Where the web app counts page views of comparisons ("popular comparisons").

    Safe to call from several threads at once. Views are bucketed by the UTC day of `at`.
    """

    def record_view(self, pair: str, at: datetime) -> None:
        """Count one view of `pair` (a canonical comparison slug) at the aware time `at`."""
        self._record(check_pair(pair), utc_day(at))

    def record_views(self, views: Mapping[tuple[str, date], int]) -> None:
        """Add `n` views of each (pair, UTC day) in one transaction: all of them are counted, or none.

        This is how the app's background writer flushes its in-memory counts.
        """
        rows = []
        for (pair, day), n in views.items():
            if n < 0:
                raise ValueError(f"a view count cannot be negative, got {n} for {pair!r}")
            if n:
                rows.append((check_pair(pair), day, n))
        if rows:
            # One order for every writer: two instances flushing the same rows cannot deadlock.
            rows.sort(key=lambda row: (row[0], row[1]))
            self._record_many(rows)

    def counts(self, limit: int, since: datetime | None = None) -> list[tuple[str, int]]:
        """The `limit` most viewed pairs, most first, ties by pair (byte order).

        `since` keeps only views on or after its UTC day (storage has day granularity).
        """
        if limit < 0:
            raise ValueError(f"limit must be >= 0, got {limit}")
        if limit == 0:
            return []
        return self._counts(limit, None if since is None else utc_day(since))

    def count(self, pair: str) -> int:
        """All-time views of `pair`."""
        return self._count(check_pair(pair))

    @abstractmethod
    def close(self) -> None:
        """Release connections; calling it again does nothing."""

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    @abstractmethod
    def _record(self, pair: str, day: date) -> None: ...

    def _record_many(self, rows: list[tuple[str, date, int]]) -> None:
        """Add each row's views. The built-in backends do it in one transaction; this fallback,
        for other subclasses, is one `_record` per view and not atomic."""
        for pair, day, n in rows:
            for _ in range(n):
                self._record(pair, day)

    @abstractmethod
    def _counts(self, limit: int, since: date | None) -> list[tuple[str, int]]: ...

    @abstractmethod
    def _count(self, pair: str) -> int: ...


def check_pair(pair: str) -> str:
    """`pair` unchanged, or ValueError if it cannot be a comparison slug."""
    if len(pair) > MAX_PAIR_LENGTH or not _PAIR.fullmatch(pair):
        raise ValueError(f"not a comparison slug: {pair[:80]!r}")
    return pair


def utc_day(at: datetime) -> date:
    """The UTC calendar day of an aware datetime; naive ones are refused (their zone is a guess)."""
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError("datetime must be timezone-aware (e.g. datetime.now(UTC))")
    return at.astimezone(UTC).date()


def redact_url(url: str) -> str:
    """`url` with any password (in the user info or a `password=` parameter) masked."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return f"{url.partition(':')[0]}://{_MASK}"
    netloc = parts.netloc
    userinfo, at, hostinfo = netloc.rpartition("@")
    if at and ":" in userinfo:
        netloc = f"{userinfo.partition(':')[0]}:{_MASK}@{hostinfo}"
    query = parts.query
    if query:
        pairs = parse_qsl(query, keep_blank_values=True)
        if any(k == "password" for k, _ in pairs):
            query = urlencode([(k, _MASK if k == "password" else v) for k, v in pairs], safe="*")
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


def url_secrets(url: str) -> list[str]:
    """The password strings in `url` (raw and percent-decoded), to scrub from error text."""
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. a broken IPv6 host: fall back to the user-info pattern
        found = re.findall(r"//[^/@:]*:([^/@]*)@", url)
        return sorted({s for f in found for s in (f, unquote(f)) if s}, key=len, reverse=True)
    # urllib leaves the user-info password percent-encoded; libpq messages would show it decoded.
    found = [parts.password, unquote(parts.password)] if parts.password else []
    for item in parts.query.split("&"):
        key, _, value = item.partition("=")
        if unquote(key) == "password":
            found += [value, unquote_plus(value)]
    return sorted({s for s in found if s}, key=len, reverse=True)


def scrub(text: str, url: str) -> str:
    """`text` with every password from `url` masked."""
    for secret in url_secrets(url):
        text = text.replace(secret, _MASK)
    return text
