"""Downloading a source's published data over HTTP (httpx2).

`get` makes one conditional GET (ETag, Last-Modified) with a timeout, bounded retries with
exponential backoff (timeouts, dropped connections, truncated bodies, 5xx, 408 and 429) and a size
limit checked on the header and while reading. What is downloaded is kept by `sources.snapshots`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import httpx2

from modelvs import __version__

USER_AGENT = f"modelvs/{__version__} (catalog refresh)"
RETRY_STATUS = frozenset({408, 429, 500, 502, 503, 504})


@dataclass(frozen=True)
class Policy:
    """How patiently a source is read."""

    timeout: float = 30.0
    """Seconds for connecting and for each read."""
    retries: int = 3
    """Tries after the first, for failures that may pass."""
    backoff: float = 1.0
    """Seconds before the first retry, doubled before each next one."""
    max_bytes: int = 64 * 2**20
    """The largest answer accepted (the biggest source today is about 4 MB)."""


class FetchError(Exception):
    """A download that failed for good; the message says why in a phrase."""


@dataclass(frozen=True)
class Answer:
    """A 200 with its body, or a 304 (the copy named by the validators sent is current)."""

    status: int
    body: bytes
    etag: str | None
    last_modified: str | None


def client(policy: Policy) -> httpx2.Client:
    """An HTTP client with the policy's timeouts (redirects followed: raw file hosts use them)."""
    return httpx2.Client(
        timeout=httpx2.Timeout(policy.timeout),
        follow_redirects=True,
        headers={"User-Agent": USER_AGENT},
    )


def get(
    http: httpx2.Client,
    url: str,
    policy: Policy,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> Answer:
    """GET `url`, conditionally when validators are given; raises `FetchError` once retries are spent."""
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    tries = policy.retries + 1
    for attempt in range(tries):
        try:
            return _once(http, url, headers, policy)
        except _TransientError as exc:
            if attempt + 1 == tries:
                raise FetchError(f"{exc} (after {tries} tries)") from None
            sleep(policy.backoff * 2**attempt)
    raise AssertionError("unreachable")


class _TransientError(Exception):
    """A failure worth another try."""


def _once(http: httpx2.Client, url: str, headers: dict[str, str], policy: Policy) -> Answer:
    try:
        with http.stream("GET", url, headers=headers) as response:
            if response.status_code == 304:
                return Answer(304, b"", _header(response, "etag"), _header(response, "last-modified"))
            if response.status_code in RETRY_STATUS:
                raise _TransientError(f"HTTP {response.status_code}")
            if response.status_code != 200:
                raise FetchError(f"HTTP {response.status_code}")
            declared = _length(response)
            if declared is not None and declared > policy.max_bytes:
                raise FetchError(_too_big(declared, policy))
            body = bytearray()
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > policy.max_bytes:
                    raise FetchError(_too_big(len(body), policy, more=True))
            got = response.num_bytes_downloaded
            if declared is not None and "content-encoding" not in response.headers and got != declared:
                raise _TransientError(f"truncated body: {got:,} of {declared:,} bytes")
            return Answer(200, bytes(body), _header(response, "etag"), _header(response, "last-modified"))
    except httpx2.TimeoutException:
        raise _TransientError(f"timed out (limit {policy.timeout:g} s)") from None
    except httpx2.RemoteProtocolError as exc:
        raise _TransientError(f"truncated or malformed answer: {exc}") from None
    except httpx2.TransportError as exc:
        raise _TransientError(f"network error: {exc}") from None


def _header(response: httpx2.Response, name: str) -> str | None:
    return response.headers.get(name) or None


def _length(response: httpx2.Response) -> int | None:
    text = response.headers.get("content-length", "")
    return int(text) if text.isdigit() else None


def _too_big(size: int, policy: Policy, more: bool = False) -> str:
    return (
        f"answer of {'more than ' if more else ''}{size:,} bytes is over the {policy.max_bytes:,}-byte limit"
    )
