"""One comparison page, three formats: the renderer table the app and the static build share.

`/compare/<pair>` is HTML, `/compare/<pair>.md` Markdown and `/compare/<pair>.json` the page's
JSON; each renders the same `ComparisonPage`, built once per request by `build_page`.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup
from starlette.requests import Request

from modelvs.engine.compare import compare
from modelvs.engine.workload import Workload
from modelvs.views.blocks import Link
from modelvs.views.comparison import ComparisonPage, Shell, comparison_page
from modelvs.views.comparison.markdown import comparison_markdown
from modelvs.views.comparison.page import Faq, Section
from modelvs.views.comparison.plain import page_json
from modelvs.web.http.responses import dumps, state_of
from modelvs.web.http.state import WebState
from modelvs.web.pages.compare_html import section
from modelvs.web.pages.render import page_body


@dataclass(frozen=True)
class Format:
    """How one format of a comparison page is addressed and rendered."""

    suffix: str
    """Appended to the pair's path: `` (HTML), `.md`, `.json`."""
    media_type: str
    render: Callable[[Request, ComparisonPage], bytes]


def faq_json_ld(faq: Faq) -> dict[str, object]:
    """The page's FAQ as schema.org FAQPage structured data (the questions as shown)."""
    return {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": [
            {"@type": "Question", "name": q.question, "acceptedAnswer": {"@type": "Answer", "text": q.answer}}
            for q in faq.questions
        ],
    }


_KEPT = 2048
"""Rendered sections kept; past it the memo starts again."""
_rendered: dict[int, tuple[weakref.ref[object], Markup]] = {}
_EQUAL_KEPT = 64
"""Sections kept by value (the popular list is built anew for each page, a few per pair); past it,
start again."""
_equal: dict[Section, Markup] = {}


def prerendered(web: WebState, page: ComparisonPage) -> dict[str, Markup]:
    """The HTML of the page's sections that no workload changes, each rendered once per section
    body (the views build those bodies once per pair and host) or, for a body built anew, once per
    equal section: a new workload renders only the live sections."""
    out = {}
    for s in page.sections:
        if s.live:
            continue
        kept = _rendered.get(id(s.body))
        if kept is None or kept[0]() is not s.body:
            html = _equal.get(s)  # a section holds only text: equal sections print the same
            if html is None:
                html = section(s)
                if len(_equal) >= _EQUAL_KEPT:
                    _equal.clear()
                _equal[s] = html
            if len(_rendered) >= _KEPT:
                _rendered.clear()
            kept = _rendered[id(s.body)] = (weakref.ref(s.body), html)
        out[s.id] = kept[1]
    return out


def html_page(request: Request, page: ComparisonPage) -> bytes:
    faq = page.body("faq")
    body = page_body(
        request,
        "compare.html",
        title=page.title,
        description=page.description,
        path=page.path,
        structured=[faq_json_ld(faq)] if isinstance(faq, Faq) and faq.questions else [],
        page=page,
        prerendered=prerendered(state_of(request), page),
    )
    return body.encode("utf-8")


def markdown_page(request: Request, page: ComparisonPage) -> bytes:
    return comparison_markdown(page).encode("utf-8")


def json_page(request: Request, page: ComparisonPage) -> bytes:
    return dumps(page_json(page))


FORMATS: tuple[Format, ...] = (
    Format("", "text/html; charset=utf-8", html_page),
    Format(".md", "text/markdown; charset=utf-8", markdown_page),
    Format(".json", "application/json", json_page),
)
"""Every format of a pair page; the static build writes each one."""


def split_format(pair: str) -> tuple[str, Format]:
    """`a-vs-b.md` as (`a-vs-b`, the Markdown format); no known suffix is HTML."""
    for fmt in FORMATS:
        if fmt.suffix and pair.endswith(fmt.suffix):
            return pair[: -len(fmt.suffix)], fmt
    return pair, FORMATS[0]


def build_page(
    web: WebState, ids: list[str], workload: Workload, pair: str | None, popular: tuple[Link, ...] = ()
) -> ComparisonPage:
    """The comparison page of `ids` at `workload`, hosted by this app (or the static build)."""
    slugs = [web.catalog.slugs[m] for m in ids]
    path = f"/compare/{pair}" if pair else f"/compare?models={','.join(slugs)}"
    live = not web.static
    shell = Shell(
        path=path,
        action=f"/compare/{pair}" if pair else "/compare",
        fragment=(f"/compare/{pair}/fragment" if pair else "/compare/fragment") if live else None,
        hidden=() if pair else (("models", ",".join(slugs)),),
        linkable=web.linkable,
        popular=popular,
    )
    c = compare(web.catalog, ids, workload, web.today())
    return comparison_page(web.catalog, c, workload, shell)
