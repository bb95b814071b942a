"""One view per client, pair and day, with nothing personal kept: what "popular" counts.

A client is its address and user agent. Each (client, pair) is kept for the day as a keyed hash
whose key (the salt) is drawn at random each day and never written anywhere: yesterday's hashes
and salt are dropped together, so no stored value can be traced back to an address. Rotating
user agents from one address count at most `PER_ADDRESS` times per pair and day, and once a day
has `MOST_CLIENTS` distinct clients, further ones are not counted (a flood, not readers).
"""

from __future__ import annotations

import hashlib
import logging
import os
from datetime import date

log = logging.getLogger(__name__)

PER_ADDRESS = 4
"""Views of one pair from one address per day, whatever user agents it sends."""
MOST_CLIENTS = 500_000
"""Distinct (client, pair) of a day kept (about 40 MB at most); beyond, views are not counted."""


class DailyUnique:
    """Whether a view is the first of its client and pair today (see the module docstring)."""

    def __init__(self, most_clients: int = MOST_CLIENTS, per_address: int = PER_ADDRESS) -> None:
        self.most_clients = most_clients
        self.per_address = per_address
        self._day: date | None = None
        self._salt = b""
        self._clients: set[int] = set()
        self._addresses: dict[int, int] = {}
        self.refused = 0
        """Views not counted today because too many distinct clients were seen."""

    def first(self, day: date, pair: str, address: str, agent: bytes) -> bool:
        """True for the first view of `pair` by this client on `day`; False for a repeat."""
        if day != self._day:
            self._day, self._salt = day, os.urandom(16)
            self._clients.clear()
            self._addresses.clear()
            self.refused = 0
        at = self._hash(address.encode("latin-1", "replace"), pair.encode())
        client = self._hash(address.encode("latin-1", "replace"), agent, pair.encode())
        if client in self._clients:
            return False
        seen_from = self._addresses.get(at, 0)
        if seen_from >= self.per_address:
            return False
        if len(self._clients) >= self.most_clients:
            if self.refused == 0:
                log.warning(
                    "page views: %d distinct clients today; further ones are not counted", len(self._clients)
                )
            self.refused += 1
            return False
        self._clients.add(client)
        self._addresses[at] = seen_from + 1
        return True

    def _hash(self, *parts: bytes) -> int:
        digest = hashlib.blake2b(b"\0".join(parts), key=self._salt, digest_size=8)
        return int.from_bytes(digest.digest(), "big")
