"""`/reprice`: a page where a usage log is dropped or pasted, priced as it was and on other models;
`price_log` is what the page and `POST /api/v1/reprice` (`web/api/reprice.py`) both answer with.

Nothing uploaded is stored or logged: the body is read into memory (a body over `MAX_UPLOAD` is
refused with 413 before it is read whole), priced in a worker thread, and dropped with the
response; no response to a post is cached (`Cache-Control: no-store`), and the access log, when
on, names the path alone. Without JavaScript the page's form posts the file (multipart) and the
page comes back with the results; with it, `reprice.js` posts the file as the body of
`/reprice/fragment` and swaps the results in.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from modelvs.engine.reprice import AltRoutes, reprice
from modelvs.usage import FORMATS, UsageFormatError, parse_columns, read_log
from modelvs.usage.tokenizers import stated_ratios
from modelvs.views.records import as_dict
from modelvs.views.reprice import RepriceView, reprice_view
from modelvs.views.reprice import reprice_page as page_view
from modelvs.web.http.responses import conditional, html, state_of
from modelvs.web.http.state import WebState, suggest
from modelvs.web.http.upload import TooLargeError, parse_form, read_body
from modelvs.web.pages.render import page

MAX_UPLOAD = 32 << 20
"""The largest log the site prices (bytes): the CLI and the library have no limit."""
MAX_FORM = MAX_UPLOAD + (64 << 10)
"""A form's body: the file and the other fields."""
MAX_MODELS = 10
NO_STORE = {"Cache-Control": "no-store"}
PRIVACY = (
    "Nothing you upload is stored or logged: the file is read in memory, priced, and dropped when the"
    " answer is sent."
)
TITLE = "Re-price your usage log"
DESCRIPTION = (
    "What your real LLM traffic cost at each day's prices, and what it would cost on other models:"
    " drop a usage log (OpenTelemetry, OpenAI, Anthropic, OpenRouter, LiteLLM, ccusage or CSV)."
)


class RefusedError(Exception):
    """A request answered with an error: status, the parameter at fault, what is wrong."""

    def __init__(self, status: int, param: str, detail: str, suggestions: list[str] | None = None) -> None:
        super().__init__(detail)
        self.status = status
        self.param = param
        self.detail = detail
        self.suggestions = suggestions or []


@dataclass(frozen=True)
class Asked:
    """What to price a log on."""

    models: tuple[str, ...] = ()
    """As typed (names, slugs, ids), before they are resolved."""
    routes: str = AltRoutes.LAB.value
    input_format: str = ""
    columns: str = ""

    @classmethod
    def of(cls, values: Mapping[str, Any], models: list[str]) -> Asked:
        names = tuple(n.strip() for text in models for n in text.split(",") if n.strip())
        return cls(
            names,
            (values.get("routes") or AltRoutes.LAB.value).strip().lower(),
            (values.get("input_format") or "").strip(),
            (values.get("columns") or "").strip(),
        )


def price_log(web: WebState, content: bytes, asked: Asked) -> RepriceView:
    """The JSON record of `content` re-priced as `asked` (`RefusedError` for what cannot be used)."""
    try:
        routes = AltRoutes(asked.routes)
    except ValueError:
        raise RefusedError(422, "routes", f"takes lab or vetted, got {asked.routes[:40]!r}") from None
    if len(asked.models) > MAX_MODELS:
        raise RefusedError(422, "as", f"takes at most {MAX_MODELS} models, got {len(asked.models)}")
    wanted = []
    for name in asked.models:
        found = web.resolve(name)
        if found is None:
            raise RefusedError(404, "as", f"no model matches {name[:200]!r}", suggest(web, name))
        wanted.append(found)
    notes: set[str] = set()
    try:
        columns = parse_columns(asked.columns) if asked.columns else None
        fmt, records = read_log(
            io.BytesIO(content), input_format=asked.input_format or None, columns=columns, notes=notes
        )
        result = reprice(
            web.catalog, records, log_format=fmt, alternatives=wanted, routes=routes, ratios=stated_ratios(),
            notes=notes,
        )  # fmt: skip
    except UsageFormatError as err:
        raise RefusedError(422, err.field or "file", str(err)) from None
    return reprice_view(result)


def _query(request: Request) -> Asked:
    q = request.query_params
    return Asked.of(q, q.getlist("as"))


async def reprice_page(request: Request) -> Response:
    """The page: the form (GET), or the form with the results of a posted log (POST)."""
    web = state_of(request)
    if request.method != "POST":
        return conditional(request, lambda: _page(request, web, Asked(), None, None))
    try:
        body = await read_body(request, MAX_FORM)
    except TooLargeError:
        return _page(request, web, Asked(), None, _too_large(), status=413)
    form = parse_form(request.headers.get("content-type", ""), body)
    asked = Asked.of(form.fields, [form.fields.get("as", "")])
    content = form.files.get("file") or form.fields.get("text", "").encode("utf-8")
    if not content.strip():
        error = RefusedError(422, "file", "choose a usage log, or paste one")
        return _page(request, web, asked, None, error, status=422)
    try:
        view = await run_in_threadpool(price_log, web, content, asked)
    except RefusedError as err:
        return _page(request, web, asked, None, err, status=err.status)
    return _page(request, web, asked, as_dict(view), None)


async def reprice_fragment(request: Request) -> Response:
    """The results of a log posted as the body, as an HTML fragment (for the page's script)."""
    from modelvs.web.pages.compare_pages import fragment_error

    web = state_of(request)
    try:
        body = await read_body(request, MAX_UPLOAD)
        view = await run_in_threadpool(price_log, web, body, _query(request))
    except TooLargeError:
        err = _too_large()
        return _no_store(fragment_error(413, err.param, err.detail))
    except RefusedError as err:
        return _no_store(fragment_error(err.status, err.param, err.detail))
    body_html = web.render("reprice_results.html", results=page_view(as_dict(view)))
    response = html(body_html)
    response.headers["X-Robots-Tag"] = "noindex"
    return _no_store(response)


def _too_large() -> RefusedError:
    return RefusedError(
        413,
        "file",
        f"is over {MAX_UPLOAD >> 20} MiB: use `modelvs reprice FILE` or the library for a larger log",
    )


def _no_store(response: Response) -> Response:
    response.headers.update(NO_STORE)
    return response


def _page(
    request: Request,
    web: WebState,
    asked: Asked,
    view: dict[str, Any] | None,
    error: RefusedError | None,
    *,
    status: int = 200,
) -> Response:
    response = page(
        request,
        "reprice.html",
        status=status,
        title=TITLE,
        description=DESCRIPTION,
        path="/reprice",
        noindex=request.method == "POST",
        privacy=PRIVACY,
        formats=[{"name": f.name, "title": f.title, "docs": f.docs} for f in FORMATS],
        asked=asked,
        models_text=", ".join(asked.models),
        max_mb=MAX_UPLOAD >> 20,
        live=not web.static,
        results=page_view(view) if view is not None else None,
        error=error,
    )
    if request.method == "POST":
        response.headers.update(NO_STORE)
    return response
