"""The headers every response leaves with: security policy, one `Vary`, `Allow` on 405.

Scripts and styles come from the site only; no inline script or style attribute is allowed
(JSON-LD blocks are data, which a script policy does not govern). Pages may not be framed.
"""

from __future__ import annotations

from collections.abc import Iterable
from http import HTTPStatus

Headers = list[tuple[bytes, bytes]]

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "connect-src 'self'",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
REFERRER_POLICY = "strict-origin-when-cross-origin"
ALLOWED_METHODS = "GET, HEAD"
"""Every route of the site answers GET and HEAD only."""

SECURITY: Headers = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", REFERRER_POLICY.encode()),
    (b"x-frame-options", b"DENY"),  # frame-ancestors for browsers that predate CSP 2
]
_SECURITY_NAMES = {name for name, _ in SECURITY}
# Set by whoever sends the body: they depend on the coding chosen.
_BODY_NAMES = {b"content-length", b"content-encoding", b"vary"}


def _method_order(method: bytes) -> tuple[bool, bool, bytes]:
    return (method != b"GET", method != b"HEAD", method)


def header(headers: Iterable[tuple[bytes, bytes]], name: bytes) -> bytes | None:
    """The first value of header `name` (lower case), or None."""
    for key, value in headers:
        if key == name:
            return value
    return None


def private(cache_control: bytes) -> bytes:
    """`cache_control` for a browser's cache only: a body made for one host is not a shared copy."""
    kept = [
        d.strip()
        for d in cache_control.split(b",")
        if d.strip() and d.strip().lower() != b"public" and not d.strip().lower().startswith(b"s-maxage")
    ]
    return b", ".join([b"private", *kept])


def finish(app_headers: Iterable[tuple[bytes, bytes]], status: int, *, host_dependent: bool) -> Headers:
    """The app's headers with the security set added, `Vary` merged into one header that
    names Accept-Encoding, `Allow` on 405, and Cache-Control private for a host-dependent body.

    `Content-Length` and `Content-Encoding` are left out: the sender adds them per coding.
    """
    out: Headers = []
    vary = [b"Accept-Encoding"]
    has_allow = False
    for name, value in app_headers:
        key = name.lower()
        if key == b"vary":
            for token in value.split(b","):
                token = token.strip()
                if token and token.lower() not in (v.lower() for v in vary):
                    vary.append(token)
            continue
        if key in _BODY_NAMES or key in _SECURITY_NAMES:
            continue
        if key == b"allow":
            has_allow = True
            # Starlette lists a route's methods in set order: one order for every response.
            methods = sorted({m.strip() for m in value.split(b",") if m.strip()}, key=_method_order)
            value = b", ".join(methods)
        if key == b"cache-control" and host_dependent and b"public" in value.lower():
            value = private(value)
        out.append((key, value))
    if status == 405 and not has_allow:
        out.append((b"allow", ALLOWED_METHODS.encode()))
    out.append((b"vary", b", ".join(vary)))
    out.extend(SECURITY)
    return out


def wire_head(status: int, headers: Iterable[tuple[bytes, bytes]]) -> bytes:
    """The status line and header lines of a response as HTTP/1.1 writes them (no blank line)."""
    try:
        reason = HTTPStatus(status).phrase.encode()
    except ValueError:
        reason = b""
    lines = [b"HTTP/1.1 %d %s\r\n" % (status, reason)]
    lines += [name + b": " + value + b"\r\n" for name, value in headers]
    return b"".join(lines)
