"""Which query parameters each route reads; every other one is dropped before the app sees it.

A parameter no page reads (`?utm_source=`, `?junk=<30 kB>`) can then neither change what a page
says nor make a new entry of the response cache: `/compare/a-vs-b?junk=1` is answered from the
entry of `/compare/a-vs-b`. API routes take the parameters `/openapi.json` documents, pages those
their spec lists (`RouteSpec.accepted`; a test checks that no form or link of a page uses a
parameter its target drops).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode

from starlette.routing import compile_path

from modelvs.web.http.route_spec import RouteSpec


@dataclass(frozen=True)
class _Route:
    name: str
    pattern: re.Pattern[str]
    names: frozenset[str]


class QueryPolicy:
    """The routes' paths (as Starlette matches them) and the parameters each one reads."""

    def __init__(self, routes: Iterable[RouteSpec], extra: Iterable[tuple[str, str]] = ()) -> None:
        """`extra`: (path, name) of routes outside the table that read no query (static files)."""
        found = [(spec.path, spec.name, spec.accepted) for spec in routes]
        found += [(path, name, frozenset()) for path, name in extra]
        self._routes = tuple(_Route(name, compile_path(path)[0], names) for path, name, names in found)

    def route(self, path: str) -> tuple[str, frozenset[str]] | None:
        """(route name, the parameters it reads) of the first route matching `path`, else None."""
        for route in self._routes:
            if route.pattern.match(path):
                return route.name, route.names
        return None

    @staticmethod
    def normal(raw: bytes, names: frozenset[str]) -> bytes:
        """The query string with only `names`, in name order (values of one name keep their order)
        and re-encoded: equivalent URLs share one cache entry, and the app parses it to the same
        parameters (decoded as Starlette decodes them)."""
        if not raw:
            return raw
        items = [
            item for item in parse_qsl(raw.decode("latin-1"), keep_blank_values=True) if item[0] in names
        ]
        items.sort(key=lambda item: item[0])
        return urlencode(items).encode("ascii")
