"""Content codings: which one a client accepts (`Accept-Encoding`, q-values included), and compressing.

A cached entry is compressed once per coding, when a client first asks for it, at settings that
keep that first request cheap; responses that are not cached are compressed once on their way out.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterable

import brotli

IDENTITY = "identity"
GZIP = "gzip"
BROTLI = "br"
PREFERENCE = (BROTLI, GZIP, IDENTITY)
"""Among codings the client likes equally, the smallest first."""
MIN_SIZE = 500
"""Bodies smaller than this are sent as they are: compression would not pay for its headers."""
GZIP_LEVEL = 6
BROTLI_QUALITY = 5
"""Brotli at 5 compresses a comparison page about as well as 11 does gzip, in about a millisecond."""
COMPRESSIBLE = (
    "text/",
    "application/json",
    "application/xml",
    "application/atom+xml",
    "application/javascript",
    "image/svg+xml",
)
IMPLIED_IDENTITY_Q = 0.001
"""The weight of identity when the client names codings but not identity (below any it names)."""
_MEMO_SIZE = 256
_MEMO_HEADER = 256
_memo: dict[tuple[bytes | None, tuple[str, ...]], str] = {}


def compressible(content_type: str) -> bool:
    return content_type.lower().startswith(COMPRESSIBLE)


def compress(body: bytes, coding: str) -> bytes:
    if coding == GZIP:
        # mtime=0: the same body always gives the same bytes (and the same length).
        return gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0)
    if coding == BROTLI:
        return brotli.compress(body, mode=brotli.MODE_TEXT, quality=BROTLI_QUALITY)
    return body


def _weights(header: str) -> dict[str, float]:
    weights: dict[str, float] = {}
    for item in header.split(","):
        name, _, params = item.partition(";")
        name = name.strip().lower()
        if not name:
            continue
        q = 1.0
        for param in params.split(";"):
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = min(1.0, max(0.0, float(value.strip())))
                except ValueError:
                    q = 0.0  # a q-value we cannot read is not a yes
        if name == "x-gzip":  # the old name of gzip (RFC 9110 8.4.1.3)
            weights.setdefault(GZIP, q)
        else:
            weights[name] = q
    return weights


def _choose(header: bytes | None, available: tuple[str, ...]) -> str:
    if header is None:
        return IDENTITY  # no header: any coding would do (RFC 9110), and identity is safest
    weights = _weights(header.decode("latin-1"))
    star = weights.get("*")

    def q(coding: str) -> float:
        if coding in weights:
            return weights[coding]
        if star is not None:
            return star
        # Identity is acceptable unless refused, but a client that names codings wants one of them.
        return IMPLIED_IDENTITY_Q if coding == IDENTITY else 0.0

    best, best_q = IDENTITY, -1.0
    for coding in PREFERENCE:
        if coding in available and q(coding) > best_q and q(coding) > 0.0:
            best, best_q = coding, q(coding)
    # Nothing acceptable (e.g. `identity;q=0` for a body we only have plain): send it plain,
    # as most servers do, rather than a 406 nobody handles.
    return best


def negotiate(header: bytes | None, available: Iterable[str]) -> str:
    """The coding to send: the client's highest q-value among `available`, the smallest on ties."""
    have = tuple(available)
    key = (header, have)
    found = _memo.get(key)
    if found is None:
        found = _choose(header, have)
        if header is not None and len(header) > _MEMO_HEADER:
            return found  # an odd, long header is judged each time, never kept
        if len(_memo) >= _MEMO_SIZE:
            _memo.clear()  # distinct headers are few; a flood of them cannot grow the memo
        _memo[key] = found
    return found
