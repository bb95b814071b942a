"""Static files, read once at start-up, under fingerprinted names that can be cached for good.

`/static/site.<hash>.css` is the stylesheet whose content hashes to `<hash>`: its response is
`immutable` for a year, and a new stylesheet gets a new name. Templates link assets through
`asset(name)`. The plain names (`/static/site.css`) are still served, briefly cacheable, for
old pages and for the static build, which copies the folder as it is. A fingerprinted name
whose hash is not the current one (a page from before a deploy) gets the current file,
briefly cacheable too, rather than a 404 that would leave the page unstyled.
"""

from __future__ import annotations

import hashlib
import mimetypes
import re
from dataclasses import dataclass
from pathlib import Path

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

PREFIX = "/static/"
IMMUTABLE = "public, max-age=31536000, immutable"
SHORT = "public, max-age=300"
HASH_LENGTH = 10
_FINGERPRINTED = re.compile(rf"(?P<stem>.+)\.(?P<hash>[0-9a-f]{{{HASH_LENGTH}}})(?P<suffix>\.[A-Za-z0-9]+)")
_TYPES = {".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml", ".json": "application/json"}


@dataclass(frozen=True)
class Asset:
    name: str
    body: bytes
    content_type: str
    digest: str

    @property
    def fingerprinted(self) -> str:
        stem, dot, suffix = self.name.rpartition(".")
        return f"{stem}.{self.digest}.{suffix}" if dot else f"{self.name}.{self.digest}"


def _content_type(path: Path) -> str:
    found = (
        _TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    )
    return (
        f"{found}; charset=utf-8" if found.startswith("text/") or found.endswith(("json", "xml")) else found
    )


class Assets:
    """The files of `directory`; `url(name)` is the path pages link (fingerprinted if asked)."""

    def __init__(self, directory: Path, *, fingerprint: bool) -> None:
        self.fingerprint = fingerprint
        self.files: dict[str, Asset] = {}
        for path in sorted(p for p in directory.rglob("*") if p.is_file()):
            body = path.read_bytes()
            name = path.relative_to(directory).as_posix()
            digest = hashlib.sha256(body).hexdigest()[:HASH_LENGTH]
            self.files[name] = Asset(name, body, _content_type(path), digest)
        self._by_fingerprint = {a.fingerprinted: a for a in self.files.values()}

    def url(self, name: str) -> str:
        """The URL of asset `name` (e.g. `site.css`); KeyError for a file that does not exist."""
        asset = self.files[name]
        return PREFIX + (asset.fingerprinted if self.fingerprint else asset.name)

    def find(self, name: str) -> tuple[Asset, bool] | None:
        """The asset a path under /static/ names, and whether that name is its current fingerprint."""
        asset = self._by_fingerprint.get(name)
        if asset is not None:
            return asset, True
        asset = self.files.get(name)
        if asset is not None:
            return asset, False
        match = _FINGERPRINTED.fullmatch(name)
        if match is not None:
            asset = self.files.get(match["stem"] + match["suffix"])
            if asset is not None:
                return asset, False
        return None

    def endpoint(self, request: Request) -> Response:
        """`/static/{name}`: the file, with a validator and the caching its name allows."""
        found = self.find(request.path_params["name"])
        if found is None:
            return PlainTextResponse(
                "Not Found", status_code=404, headers={"Cache-Control": "public, max-age=60"}
            )
        asset, current = found
        headers = {"Cache-Control": IMMUTABLE if current else SHORT, "ETag": f'W/"{asset.digest}"'}
        return Response(asset.body, media_type=asset.content_type, headers=headers)
