"""`POST /api/v1/reprice`: a usage log as the body, priced as it was and on other models.

The log is read and priced as the page does it (`pages/reprice.price_log`); nothing posted is
stored or logged, and no answer is cached.
"""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from modelvs.usage import FORMATS
from modelvs.web.api.endpoints import stamp_refreshed
from modelvs.web.http.responses import JSON, api_error, state_of
from modelvs.web.http.route_spec import Body
from modelvs.web.http.upload import TooLargeError, read_body
from modelvs.web.pages.reprice import MAX_MODELS, MAX_UPLOAD, NO_STORE, Asked, RefusedError, price_log

SUMMARY = (
    "A usage log (the body) priced as it was, at the prices of each row's day, and on other models."
    " Nothing posted is stored or logged."
)
BODY = Body(
    f"The usage log as its file's bytes, at most {MAX_UPLOAD >> 20} MiB"
    f" ({', '.join(f.name for f in FORMATS)}).",
    ("text/csv", "application/json", "application/octet-stream", "text/plain"),
)
ERRORS = (
    (404, f"An unknown model in `as` (at most {MAX_MODELS}), with suggestions."),
    (413, f"A log over {MAX_UPLOAD >> 20} MiB."),
    (422, "A log that cannot be read (the line and field at fault), or a parameter that cannot be used."),
)
_TITLES = {404: "unknown model", 413: "too large", 422: "cannot read the log"}


async def reprice_api(request: Request) -> Response:
    """`POST /api/v1/reprice?as=...`: the log as the body; the answer is a `RepriceView`."""
    return stamp_refreshed(request, await _repriced(request))


async def _repriced(request: Request) -> Response:
    web = state_of(request)
    try:
        body = await read_body(request, MAX_UPLOAD)
    except TooLargeError:
        return _refusal(
            RefusedError(413, "body", f"the log is over {MAX_UPLOAD >> 20} MiB: use the CLI or the library")
        )
    q = request.query_params
    try:
        view = await run_in_threadpool(price_log, web, body, Asked.of(q, q.getlist("as")))
    except RefusedError as err:
        return _refusal(err)
    return JSON(view, headers=NO_STORE)


def _refusal(err: RefusedError) -> Response:
    extra = {"suggestions": err.suggestions} if err.status == 404 else {}
    answer = api_error(
        err.status, _TITLES.get(err.status, "bad parameter"), err.detail, param=err.param, **extra
    )
    answer.headers.update(NO_STORE)
    return answer
