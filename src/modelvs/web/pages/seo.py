"""`/sitemap.xml` and `/robots.txt`, and the lists of canonical URLs they (and the static build) use."""

from __future__ import annotations

from xml.sax.saxutils import escape

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from modelvs.engine.compare.related import related
from modelvs.web.http.responses import conditional, state_of
from modelvs.web.http.state import WebState
from modelvs.web.pages.render import canonical_url

STATIC_PAGES = ("/", "/calculator", "/changes", "/methodology")


def related_pairs(web: WebState) -> list[str]:
    """Every model's related pairs (as its model page links them), first seen first; cached per version."""
    on = web.today()

    def build() -> list[str]:
        pairs: dict[str, None] = {}
        for mid in sorted(web.catalog.models):
            for group in related(web.catalog, [mid], on):
                pairs.update((c.pair, None) for c in group.candidates)
        return list(pairs)

    found: list[str] = web.pages.get_or_make(("related-pairs", web.catalog.version, on), build)
    return found


def sitemap_pairs(web: WebState) -> list[str]:
    """Pairs worth a URL: popular (views and seeds), then every model's related pairs; never all n² pairs."""
    popular = [p for p, _ in web.popular()]
    return list(dict.fromkeys([*popular, *related_pairs(web)]))


def sitemap_paths(web: WebState) -> list[str]:
    """Every canonical path the sitemap lists."""
    cat = web.catalog
    paths = list(STATIC_PAGES)
    paths += [f"/models/{cat.slugs[m]}" for m in sorted(cat.models)]
    paths += [f"/providers/{p}" for p in sorted(cat.providers)]
    paths += [f"/compare/{p}" for p in sitemap_pairs(web)]
    return paths


def sitemap(request: Request) -> Response:
    web = state_of(request)
    lastmod = web.newest_source.isoformat() if web.newest_source else None

    def make() -> Response:
        urls = []
        for path in sitemap_paths(web):
            mod = f"<lastmod>{lastmod}</lastmod>" if lastmod else ""
            urls.append(f"<url><loc>{escape(canonical_url(request, path))}</loc>{mod}</url>")
        body = (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            + "\n".join(urls)
            + "\n</urlset>\n"
        )
        return Response(body, media_type="application/xml")

    return conditional(request, make)


def robots(request: Request) -> Response:
    def make() -> Response:
        body = "\n".join(
            [
                "User-agent: *",
                "Allow: /",
                "Disallow: /api/",
                "Disallow: /compare?",
                "Disallow: /calculator?",
                f"Sitemap: {canonical_url(request, '/sitemap.xml')}",
                "",
            ]
        )
        return PlainTextResponse(body)

    return conditional(request, make)
