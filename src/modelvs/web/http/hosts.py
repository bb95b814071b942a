"""Which origin absolute links (canonical, og:url, sitemap, feed, robots.txt) are written with.

A configured base URL decides every absolute link. Without one, the request's Host is used
only when it names a trusted host; any other Host gets links to the first trusted host. The
scheme is the connection's own: `X-Forwarded-Proto` and other proxy headers are never read
(behind a TLS proxy, configure the base URL).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping, MutableMapping
from dataclasses import dataclass, field
from typing import Any

BASE_URL_ENV = "MODELVS_BASE_URL"
TRUSTED_HOSTS_ENV = "MODELVS_TRUSTED_HOSTS"
DEFAULT_TRUSTED_HOSTS = ("localhost", "127.0.0.1")
HOST_LINKED_TYPES = (b"text/html", b"application/xml", b"application/atom+xml", b"text/plain")
ORIGIN = "modelvs.origin"
"""Scope key caching the origin of the request, once computed."""

_HOST = re.compile(r"(?P<name>\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(?P<port>[0-9]{1,5}))?")
_DEFAULT_PORTS = {"http": 80, "https": 443}
_MEMO_SIZE = 256
_MEMO_HOST = 255
"""A Host header longer than a DNS name is never remembered."""


class HostConfigError(ValueError):
    """A base URL or trusted host that cannot be used."""


def check_base_url(url: str) -> str:
    """`url` without its trailing slash, or HostConfigError if it is not a plain http(s) origin."""
    if not re.fullmatch(r"https?://[^\s\"'<>?#/]+(/[^\s\"'<>?#]*)?", url):
        raise HostConfigError(
            f"the base URL takes an http(s) URL such as https://modelvs.example, got {url!r}"
        )
    return url.rstrip("/")


def parse_trusted_hosts(value: str | Iterable[str] | None) -> tuple[str, ...]:
    """Host names from a comma-separated string or a list; `*.example.com` trusts subdomains."""
    items = value.split(",") if isinstance(value, str) else list(value or ())
    hosts = tuple(h.strip().lower() for h in items if h.strip())
    for host in hosts:
        match = _HOST.fullmatch(host.removeprefix("*."))
        if match is None or match["port"]:
            raise HostConfigError(f"not a host name: {host!r} (give names without scheme or port)")
    return hosts or DEFAULT_TRUSTED_HOSTS


def hosts_from_env(environ: Mapping[str, str] | None = None) -> tuple[str | None, tuple[str, ...]]:
    """The base URL and trusted hosts from MODELVS_BASE_URL and MODELVS_TRUSTED_HOSTS."""
    env = os.environ if environ is None else environ
    base = env.get(BASE_URL_ENV, "").strip() or None
    return (check_base_url(base) if base else None), parse_trusted_hosts(env.get(TRUSTED_HOSTS_ENV))


@dataclass
class SiteHosts:
    """The origin policy of one app."""

    base_url: str | None = None
    trusted: tuple[str, ...] = DEFAULT_TRUSTED_HOSTS
    _memo: dict[tuple[str, bytes, int | None], str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.base_url is not None:
            self.base_url = check_base_url(self.base_url)
        self.trusted = parse_trusted_hosts(self.trusted)

    def is_trusted(self, name: str) -> bool:
        for host in self.trusted:
            if host.startswith("*."):
                if name.endswith(host[1:]) and len(name) > len(host) - 1:
                    return True
            elif name == host:
                return True
        return False

    def origin(self, scope: MutableMapping[str, Any]) -> str:
        """The scheme, host and port links are written with for this request (no trailing slash)."""
        found: str | None = scope.get(ORIGIN)
        if found is not None:
            return found
        if self.base_url is not None:
            origin = self.base_url
        else:
            scheme = str(scope.get("scheme", "http"))
            host = b""
            for name, value in scope.get("headers", ()):
                if name == b"host":
                    host = value
                    break
            server = scope.get("server")
            port = int(server[1]) if server and server[1] is not None else None
            origin = self._origin_of(scheme, host, port)
        scope[ORIGIN] = origin
        return origin

    def origin_for(self, scheme: str, host: bytes | None, server_port: int | None) -> str:
        """The origin of links in a page answered to `host` (see `origin`), on our `server_port`."""
        return self._origin_of(scheme, host or b"", server_port)

    def origin_of_host(self, scope: MutableMapping[str, Any], host: bytes | None) -> str:
        """`origin(scope)` for a request whose Host header (`host`) was read already."""
        server = scope.get("server")
        port = int(server[1]) if server and server[1] is not None else None
        origin = self._origin_of(str(scope.get("scheme", "http")), host or b"", port)
        scope[ORIGIN] = origin
        return origin

    def _origin_of(self, scheme: str, host: bytes, server_port: int | None) -> str:
        key = (scheme, host, server_port)
        found = self._memo.get(key)
        if found is not None:
            return found
        match = _HOST.fullmatch(host.decode("latin-1").strip().lower())
        if match is not None and self.is_trusted(match["name"]) and int(match["port"] or 0) < 65536:
            origin = f"{scheme}://{match.group(0)}"
        else:
            # Another host's name never reaches a link: the first trusted host, on our own port.
            default = _DEFAULT_PORTS.get(scheme)
            port = f":{server_port}" if server_port is not None and server_port != default else ""
            origin = f"{scheme}://{self.trusted[0].removeprefix('*.')}{port}"
        if len(host) > _MEMO_HOST:
            return origin  # a long Host is judged each time, never kept
        if len(self._memo) >= _MEMO_SIZE:
            self._memo.clear()  # a flood of distinct Host headers cannot grow it
        self._memo[key] = origin
        return origin

    def names_host(self, content_type: bytes) -> bool:
        """Whether a body of this type may hold links made from the request's host.

        Only without a base URL, and only the types the site writes absolute links into: pages,
        the sitemap, the feed and robots.txt (JSON, scripts and styles link relatively). Such a
        body is kept out of shared caches, which might hand one host's links to another's readers.
        """
        return self.base_url is None and content_type.lower().startswith(HOST_LINKED_TYPES)
