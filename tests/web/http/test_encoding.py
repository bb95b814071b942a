"""Accept-Encoding negotiation and the codings we compress with."""

from __future__ import annotations

import gzip

import brotli
import pytest

from modelvs.web.http.encoding import BROTLI, GZIP, IDENTITY, compress, compressible, negotiate

ALL = (BROTLI, GZIP, IDENTITY)


@pytest.mark.parametrize(
    ("header", "available", "chosen"),
    [
        (None, ALL, IDENTITY),
        (b"", ALL, IDENTITY),
        (b"gzip", ALL, GZIP),
        (b"GZIP", ALL, GZIP),
        (b"gzip, deflate, br, zstd", ALL, BROTLI),
        (b"br;q=0.5, gzip", ALL, GZIP),
        (b"br;q=0.5, gzip;q=0.5", ALL, BROTLI),  # a tie: the smaller
        (b"br;q=0, gzip;q=0", ALL, IDENTITY),
        (b"gzip;q=0", (GZIP, IDENTITY), IDENTITY),
        (b"*", ALL, BROTLI),
        (b"*;q=0.2, gzip", ALL, GZIP),
        (b"*;q=0", ALL, IDENTITY),  # nothing acceptable: plain rather than a 406
        (b"identity;q=0, gzip;q=0.1", ALL, GZIP),
        (b"gzip;q=bogus, br", ALL, BROTLI),
        (b"gzip;q=bogus", ALL, IDENTITY),
        (b"x-gzip", ALL, GZIP),
        (b" gzip ; q=0.8 , br ; q=0.9 ", ALL, BROTLI),
        (b"br", (IDENTITY,), IDENTITY),
        (b"gzip", (GZIP, IDENTITY), GZIP),
    ],
)
def test_negotiate(header: bytes | None, available: tuple[str, ...], chosen: str) -> None:
    assert negotiate(header, available) == chosen
    assert negotiate(header, available) == chosen  # the remembered answer is the same


def test_compress_round_trips_and_is_deterministic() -> None:
    body = ("<p>Gemini vs GPT-4o</p>" * 400).encode()
    assert gzip.decompress(compress(body, GZIP)) == body
    assert brotli.decompress(compress(body, BROTLI)) == body
    assert compress(body, GZIP) == compress(body, GZIP)
    assert compress(body, IDENTITY) is body


@pytest.mark.parametrize(
    ("content_type", "expected"),
    [
        ("text/html; charset=utf-8", True),
        ("application/json", True),
        ("application/atom+xml; charset=utf-8", True),
        ("text/javascript; charset=utf-8", True),
        ("image/png", False),
        ("application/octet-stream", False),
    ],
)
def test_compressible(content_type: str, expected: bool) -> None:
    assert compressible(content_type) is expected
