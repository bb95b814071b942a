"""What a route declares: its path and endpoint, whether the static build writes it, the query
parameters it reads, and for the API what `/openapi.json` documents (parameters, the record type
of its 200 answer, a posted body, its errors).

The route table (`web/routes.py`) is a tuple of these; the serving layer, the API's contract check
and the OpenAPI document all read the table and nothing else about a route.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast
from urllib.parse import urlencode

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from modelvs.catalog import Catalog

if TYPE_CHECKING:
    from modelvs.web.http.state import WebState

Endpoint = Callable[[Request], Response] | Callable[[Request], Awaitable[Response]]
Enumerate = Callable[["WebState"], Iterable[dict[str, str]]]


@dataclass(frozen=True)
class Param:
    """A query or path parameter, as the OpenAPI document describes it."""

    name: str
    description: str
    type: str = "string"
    required: bool = False
    repeated: bool = False
    where: str = "query"
    minimum: int | None = None
    maximum: int | None = None
    default: int | str | None = None
    format: str | None = None
    """A JSON Schema format (`date`)."""
    enum: tuple[str, ...] | Callable[[Catalog], tuple[str, ...]] | None = None
    """The values accepted (of each item, when repeated), or what lists them from the catalog."""
    pattern: str | None = None
    """A regular expression a value must match whole (JSON Schema `pattern`)."""
    min_length: int | None = None


@dataclass(frozen=True)
class Body:
    """What a POST route reads as its body, as the OpenAPI document describes it."""

    description: str
    media: tuple[str, ...]


@dataclass(frozen=True)
class RouteSpec:
    path: str
    endpoint: Endpoint
    name: str
    exportable: bool
    """Whether the static build writes this page (parameters from `enumerate`)."""
    enumerate: Enumerate | None = None
    api: bool = False
    summary: str = ""
    params: tuple[Param, ...] = ()
    """The documented parameters (the API's): checked against their schema before the endpoint runs."""
    query: tuple[str, ...] = ()
    """The query parameters a page reads (an API route reads its `params`); others are dropped."""
    response: type | None = None
    """The record type of a 200 JSON answer, which `/openapi.json` generates its schema from."""
    media: str = "application/json"
    """What a 200 answers: JSON, or CSV for a list's `.csv` twin."""
    csv: Endpoint | None = None
    """A list's endpoint answering the same query as CSV, served at the path with `.csv`."""
    methods: tuple[str, ...] = ("GET", "HEAD")
    body: Body | None = None
    """A POST route's body."""
    errors: tuple[tuple[int, str], ...] = ()
    """Error answers beyond those every API route documents (status, when it is given)."""

    @property
    def accepted(self) -> frozenset[str]:
        """The query parameters this route reads: those it documents (the API), else its page's."""
        if self.api or self.params:
            return frozenset(p.name for p in self.params if p.where == "query")
        return frozenset(self.query)


def csv_twin(spec: RouteSpec) -> RouteSpec:
    """The `.csv` twin of a list endpoint: the same parameters, the rows as CSV."""
    assert spec.csv is not None
    return RouteSpec(
        spec.path + ".csv",
        spec.csv,
        spec.name + "_csv",
        False,
        api=True,
        summary=spec.summary + " As CSV.",
        params=spec.params,
        media="text/csv",
    )


PageCount = Callable[["WebState", dict[str, str]], int]
"""How many pages a paged list has at its default query, for the path parameters given."""


def paged_twin(spec: RouteSpec, pages: PageCount) -> RouteSpec:
    """The pages past the first of `spec`'s list at `PATH/page/N`, the address its pager links when
    the query holds nothing else: a static host serves them as files (it cannot read `?page=N`),
    and the build writes pages 2 to `pages(...)` of each enumerated path."""
    assert spec.enumerate is not None
    assert not inspect.iscoroutinefunction(spec.endpoint)
    parent = spec.enumerate

    def every_page(web: WebState) -> Iterable[dict[str, str]]:
        for params in parent(web):
            for n in range(2, pages(web, params) + 1):
                yield {**params, "page": str(n)}

    return RouteSpec(
        spec.path + "/page/{page}",
        page_from_path(spec.endpoint),
        spec.name + "_page",
        spec.exportable,
        every_page,
        query=tuple(q for q in spec.query if q != "page"),
    )


def page_from_path(endpoint: Endpoint) -> Endpoint:
    """`endpoint` answering `.../page/N` as it answers `...?page=N` (N from 2: page 1 has no twin)."""

    def answer(request: Request) -> Response:
        number = request.path_params["page"]
        if not number.isdigit() or number.startswith("0") or int(number) < 2:
            raise HTTPException(404)
        pairs = [(k, v) for k, v in request.query_params.multi_items() if k != "page"]
        scope = {**request.scope, "query_string": urlencode([*pairs, ("page", number)]).encode()}
        return cast(Response, endpoint(Request(scope, request.receive)))

    answer.__name__ = getattr(endpoint, "__name__", "paged")
    return answer
