"""CORS for the read-only API: any origin may GET it from a browser.

Every answer under `/api/` and `/openapi.json` says `Access-Control-Allow-Origin: *` (the API takes
no credentials and writes nothing, so any origin may read it); a preflight (`OPTIONS` naming an
origin and a method) is answered with the methods and the one request header a client may send
(`If-None-Match`). The header does not depend on the request, so a cached answer carries it for
every client.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

ALLOW = [
    (b"access-control-allow-origin", b"*"),
    (b"access-control-expose-headers", b"ETag, Last-Modified"),
]
PREFLIGHT = [
    *ALLOW,
    (b"access-control-allow-methods", b"GET, HEAD, OPTIONS"),
    (b"access-control-allow-headers", b"If-None-Match"),
    (b"access-control-max-age", b"86400"),
    (b"content-length", b"0"),
]


def _is_preflight(scope: Scope) -> bool:
    """A browser's CORS preflight: OPTIONS with `Origin` and `Access-Control-Request-Method`."""
    names = {name for name, _ in scope["headers"]}
    return b"origin" in names and b"access-control-request-method" in names


def is_api(path: str) -> bool:
    return path.startswith("/api/") or path == "/openapi.json"


class ApiCors:
    """Adds the CORS headers to API answers and answers their preflight requests."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not is_api(scope["path"]):
            await self.app(scope, receive, send)
            return
        if scope["method"] == "OPTIONS" and _is_preflight(scope):
            await send({"type": "http.response.start", "status": 204, "headers": PREFLIGHT})
            await send({"type": "http.response.body", "body": b""})
            return

        async def with_cors(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *ALLOW]
            await send(message)

        await self.app(scope, receive, with_cors)
