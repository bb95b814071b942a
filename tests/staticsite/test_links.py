"""A `popular:50` build of the shipped catalog holds together on a plain static file host: every
internal link of every HTML page (`href`, `src`) and of every Markdown file names a file the build
wrote (the path itself, or `path/index.html`), and none carries a query string, which such a host
ignores (`/models?page=2` would be `/models` again).

The build takes some 20 to 40 seconds on one core, so it runs once for this module.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from modelvs.catalog import load_catalog
from modelvs.staticsite.build import BuildOptions, PairSelection, build_site
from tests.web.conftest import TODAY

BASE = "https://modelvs.example"
MARKDOWN_LINK = re.compile(r"\]\(([^)\s]+)")
ATTRIBUTE_LINK = re.compile(r'\s(?:href|src)="([^"]*)"')
OTHER_QUOTING = re.compile(r"\s(?:href|src)=[^\"]")
"""A link attribute the pattern above would miss: the pages quote every attribute with `"`."""


def links_of(file: Path) -> list[str]:
    text = file.read_text(encoding="utf-8")
    if file.suffix == ".md":
        return MARKDOWN_LINK.findall(text)
    assert OTHER_QUOTING.search(text) is None, file
    return [html.unescape(v) for v in ATTRIBUTE_LINK.findall(text)]


def internal_target(link: str, page: str) -> str | None:
    """The site path (with its query, if any) `link` on `page` asks for; None for another site,
    a fragment of the page itself, mail and the like."""
    parts = urlsplit(link)
    if parts.scheme not in ("", "http", "https") or (parts.netloc and f"https://{parts.netloc}" != BASE):
        return None
    if not parts.path and not parts.query:
        return None
    path = parts.path or page
    if not path.startswith("/"):
        path = page.rsplit("/", 1)[0] + "/" + path
    return path + (f"?{parts.query}" if parts.query else "")


def served(root: Path, target: str) -> bool:
    """Whether a plain static host answers `target` with a file of its own."""
    if "?" in target:
        return False
    file = root / unquote(target).lstrip("/")
    return file.is_file() or (file / "index.html").is_file()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("popular50") / "site"
    options = BuildOptions(out=out, pairs=PairSelection("popular", 50), base_url=BASE, on=TODAY, jobs=2)
    build_site(options, load_catalog())
    return out


def test_every_internal_link_of_a_popular_50_build_resolves(site: Path) -> None:
    checked = 0
    broken: Counter[tuple[str, str]] = Counter()
    targets: set[str] = set()
    for file in sorted(site.rglob("*")):
        if file.suffix not in (".html", ".md") or not file.is_file():
            continue
        page = "/" + file.relative_to(site).as_posix()
        for link in links_of(file):
            target = internal_target(link, page)
            if target is None:
                continue
            checked += 1
            targets.add(target)
            if not served(site, target):
                broken[(page, target)] += 1
    assert sorted(broken)[:20] == []
    assert checked > 20_000  # every page's header, footer and table links were read
    # The links the issue found broken now name files the build wrote.
    assert {"/models/page/2", "/api/v1/models.json", "/api/v1/models.csv", "/calculator/page/2"} <= targets


def test_the_crawler_finds_what_a_static_host_cannot_serve(site: Path) -> None:
    assert internal_target("/models?page=2", "/models/index.html") == "/models?page=2"
    assert not served(site, "/models?page=2")
    assert not served(site, "/api/v1/models.csv?offset=0&limit=50")
    assert not served(site, "/models/page/99999")
    assert served(site, "/models/page/2")
    assert served(site, "/static/site.css")
    assert internal_target("https://example.org/x", "/index.html") is None
    assert internal_target("#faq", "/compare/a-vs-b/index.html") is None
    assert internal_target("b.md", "/compare/a-vs-b.md") == "/compare/b.md"
    assert internal_target(f"{BASE}/models", "/index.html") == "/models"
