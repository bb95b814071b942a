"""What a static build writes: the pair selection, the sorted work list and its shards.

Every file of the site is one `WorkItem`, keyed by its output path; the list is sorted by that
path and shard i/n takes every n-th item from the i-th (strided, so heavy comparison pages spread
evenly), which makes n shards disjoint and their union the whole build.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import combinations
from typing import TypeVar
from xml.sax.saxutils import escape

from modelvs.catalog.names import name_key
from modelvs.catalog.notability import notability
from modelvs.catalog.pairs import pair_slug
from modelvs.storage import NullStore, popular_pairs
from modelvs.web.api.endpoints import API_VERSION
from modelvs.web.http.responses import dumps
from modelvs.web.http.state import STATIC_DIR, WebState
from modelvs.web.pages.compare_formats import FORMATS
from modelvs.web.pages.seo import related_pairs
from modelvs.web.routes import ROUTES, RouteSpec

MAX_FILES = 200_000
"""A build larger than this is refused without `--force`."""
"""The input share the model pages and the sitemap rank related models at."""
SITEMAP_URLS = 50_000
"""The sitemap protocol's limit per file."""
FILES_PER_PAIR = 2 + len(FORMATS)
"""Every format of the page, the API's JSON and the reverse-order redirect."""
T = TypeVar("T")


class PlanError(ValueError):
    """Options or a catalog the build cannot use (the CLI exits 2)."""


class Kind(StrEnum):
    PAGE = "page"
    API = "api"
    COMPARE_JSON = "compare-json"
    REDIRECT = "redirect"
    NOT_FOUND = "404"
    ASSET = "asset"
    DATA = "data"
    """Content the planner already has (sitemap, search index): written by the parent."""


@dataclass(frozen=True, order=True)
class WorkItem:
    out: str
    """Output path relative to the site root (POSIX); the sort key, unique in a plan."""
    kind: Kind
    url: str
    """The URL rendered (the pair for Markdown, the source file for an asset)."""


@dataclass(frozen=True)
class PairSelection:
    """Which comparison pages to write: `popular:N`, `related` or `all`."""

    kind: str
    limit: int = 0

    @classmethod
    def parse(cls, text: str) -> PairSelection:
        if text in ("related", "all"):
            return cls(text)
        match = re.fullmatch(r"popular:(\d{1,7})", text)
        if match is None:
            raise PlanError(f"--pairs takes popular:N, related or all, got {text!r}")
        return cls("popular", int(match.group(1)))

    def __str__(self) -> str:
        return f"popular:{self.limit}" if self.kind == "popular" else self.kind


@dataclass(frozen=True)
class Shard:
    """Shard `index` of `count` (1-based): every `count`-th item of the sorted work list."""

    index: int = 1
    count: int = 1

    @classmethod
    def parse(cls, text: str) -> Shard:
        match = re.fullmatch(r"(\d{1,6})/(\d{1,6})", text.strip())
        if match is None or not 1 <= int(match.group(1)) <= int(match.group(2)):
            raise PlanError(f"--shard takes i/n with 1 <= i <= n (e.g. 2/8), got {text!r}")
        return cls(int(match.group(1)), int(match.group(2)))

    def take(self, items: Sequence[T]) -> list[T]:
        return list(items[self.index - 1 :: self.count])

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"


@dataclass
class BuildPlan:
    """The whole build (before sharding): items sorted by output path, and what the site lists."""

    items: list[WorkItem]
    pairs: list[str]
    html_paths: list[str]
    """Canonical HTML pages, in route-table order: exactly what the sitemap lists."""
    data: dict[str, bytes] = field(default_factory=dict)
    """Output path -> content of the DATA items."""
    notes: list[str] = field(default_factory=list)
    """What the build could not do as asked, and why (printed with its summary)."""


def popular_prior(web: WebState) -> list[tuple[str, int]]:
    """The stated prior: the seed pairs, pseudo-counts falling by one so their order is kept."""
    return [(p, len(web.seeds) - i) for i, p in enumerate(web.seeds)]


def all_pairs_count(web: WebState) -> int:
    n = len(web.catalog.models)
    return n * (n - 1) // 2


def select_pairs(web: WebState, selection: PairSelection) -> list[str]:
    """Canonical pair slugs for `selection` (popular: the prior alone, no view store)."""
    if selection.kind == "popular":
        ranked = [p for p, _ in popular_pairs(NullStore(), popular_prior(web), selection.limit)]
        # The prior is only the seed pairs: the live sitemap's order (every model's related
        # pairs, as model pages link them) ranks the rest, so popular:N builds N when it can.
        return list(dict.fromkeys([*ranked, *related_pairs(web)]))[: selection.limit]
    if selection.kind == "related":
        # The popular prior too: the home page links those pairs (as the live sitemap lists them).
        return list(dict.fromkeys([*web.seeds, *related_pairs(web)]))
    cat = web.catalog
    ids = sorted(cat.models, key=cat.slugs.__getitem__)  # pairs in slug order, as the pages name them
    return [pair_slug(cat, a, b) for a, b in combinations(ids, 2)]


def _out_path(spec: RouteSpec, path: str) -> str:
    last = spec.path.rsplit("/", 1)[-1]
    if spec.api:
        return path.lstrip("/") + ".json"
    if "{" not in last and "." in last:
        return path.lstrip("/")
    return f"{path.strip('/')}/index.html".lstrip("/")


def _fill(spec: RouteSpec, params: dict[str, str]) -> str:
    for value in params.values():
        if not value or "/" in value or value in (".", "..") or value.startswith("."):
            raise PlanError(f"{spec.name}: parameter {value!r} cannot be a folder name")
    return spec.path.format(**params)


def _route_params(spec: RouteSpec, web: WebState, pairs: list[str]) -> Iterable[dict[str, str]]:
    if "{pair}" in spec.path:
        return ({"pair": p} for p in pairs)
    return spec.enumerate(web) if spec.enumerate is not None else [{}]


def plan_build(web: WebState, selection: PairSelection, base_url: str, *, force: bool = False) -> BuildPlan:
    """Every file of the site for `selection`; refuses more than `MAX_FILES` unless `force`."""
    if selection.kind == "all" and not force:
        n = all_pairs_count(web)
        if n * FILES_PER_PAIR > MAX_FILES:
            raise PlanError(
                f"--pairs all is {n:,} comparisons ({n * FILES_PER_PAIR:,} files); the limit is "
                f"{MAX_FILES:,} files without --force"
            )
    pairs = select_pairs(web, selection)
    notes = []
    if selection.kind == "popular" and len(pairs) < selection.limit:
        notes.append(
            f"--pairs {selection} asked for {selection.limit:,} comparisons; the popular list and every"
            f" model's related comparisons hold {len(pairs):,}, and the build has those."
        )
    items: dict[str, WorkItem] = {}
    html_paths: list[str] = []

    def add(item: WorkItem) -> None:
        if item.out in items:
            raise PlanError(f"two files at {item.out}: {items[item.out].url} and {item.url}")
        items[item.out] = item

    for spec in ROUTES:
        if not spec.exportable or spec.name == "sitemap":  # the sitemap lists this build's pages
            continue
        for params in _route_params(spec, web, pairs):
            path = _fill(spec, params)
            out = _out_path(spec, path)
            add(WorkItem(out, Kind.API if spec.api else Kind.PAGE, path))
            if spec.csv is not None:  # the list's CSV twin, which `/models` links beside the JSON
                add(WorkItem(f"{path.lstrip('/')}.csv", Kind.API, f"{path}.csv"))
            if out.endswith("index.html"):
                html_paths.append(path)
    for pair in pairs:
        add(WorkItem(f"api/v1/compare/{pair}.json", Kind.COMPARE_JSON, pair))
        for fmt in FORMATS:
            if fmt.suffix:  # the HTML page is the route table's own
                add(WorkItem(f"compare/{pair}{fmt.suffix}", Kind.PAGE, f"/compare/{pair}{fmt.suffix}"))
    for pair in pairs:
        reverse = _reverse(web, pair)
        if reverse is not None and f"compare/{reverse}/index.html" not in items:
            add(WorkItem(f"compare/{reverse}/index.html", Kind.REDIRECT, f"/compare/{reverse}"))
    add(WorkItem("404.html", Kind.NOT_FOUND, "/404.html"))
    for asset in sorted(p for p in STATIC_DIR.rglob("*") if p.is_file()):
        rel = asset.relative_to(STATIC_DIR).as_posix()
        add(WorkItem(f"static/{rel}", Kind.ASSET, rel))
    if len(items) > MAX_FILES and not force:
        raise PlanError(f"the build is {len(items):,} files; the limit is {MAX_FILES:,} without --force")
    data = {**sitemaps(web, html_paths, base_url), "search-index.json": search_index(web, pairs)}
    for name in data:
        add(WorkItem(name, Kind.DATA, f"/{name}"))
    return BuildPlan(sorted(items.values()), pairs, html_paths, data, notes)


def _reverse(web: WebState, pair: str) -> str | None:
    ids = web.pair_ids(pair)
    if ids is None:
        raise PlanError(f"{pair!r} is not a comparison of two catalog models")
    slugs = web.catalog.slugs
    return f"{slugs[ids[1]]}-vs-{slugs[ids[0]]}" if ids[0] != ids[1] else None


def sitemaps(web: WebState, paths: list[str], base_url: str) -> dict[str, bytes]:
    """`sitemap.xml` listing `paths` in the live format; past 50,000 URLs, an index of `sitemaps/N.xml`."""
    mod = f"<lastmod>{web.newest_source.isoformat()}</lastmod>" if web.newest_source else ""
    root = base_url.rstrip("/")
    urls = [f"<url><loc>{escape(root + path)}</loc>{mod}</url>" for path in paths]
    if len(urls) <= SITEMAP_URLS:
        return {"sitemap.xml": _xml("urlset", urls)}
    files = {
        f"sitemaps/{i // SITEMAP_URLS + 1}.xml": _xml("urlset", urls[i : i + SITEMAP_URLS])
        for i in range(0, len(urls), SITEMAP_URLS)
    }
    index = [f"<sitemap><loc>{escape(f'{root}/{name}')}</loc>{mod}</sitemap>" for name in files]
    return {"sitemap.xml": _xml("sitemapindex", index), **files}


def _xml(tag: str, rows: list[str]) -> bytes:
    head = f'<?xml version="1.0" encoding="UTF-8"?>\n<{tag} xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
    return (head + "\n".join(rows) + f"\n</{tag}>\n").encode("utf-8")


def search_index(web: WebState, pairs: Sequence[str]) -> bytes:
    """What the search box needs offline: id, slug, name, lab, the aliases the name does not cover
    and the notability (`n`; `retired` when retired) of every model, so it orders matches as the
    server does (`catalog.search`), and the comparison pages this build wrote (it links no other)."""
    cat = web.catalog
    known = notability(cat, web.today())
    rows = []
    for entry in web.search:
        model = cat.models[entry.id]
        names = {a for aliases in model.aliases.values() for a in aliases}
        names.update(cat.routes[r].provider_model_id for r in cat.routes_by_model.get(entry.id, ()))
        seen = {name_key(n) for n in (entry.id, entry.id.split("/", 1)[1], entry.slug, entry.name)}
        aliases = []
        for alias in sorted(names):
            if (key := name_key(alias)) not in seen:
                seen.add(key)
                aliases.append(alias)
        row: dict[str, object] = {"id": entry.id, "slug": entry.slug, "name": entry.name, "lab": entry.lab}
        if aliases:
            row["aliases"] = aliases
        row["n"] = round(known[entry.id].score, 3)
        if not known[entry.id].listed:
            row["retired"] = True
        rows.append(row)
    return dumps({"version": API_VERSION, "catalog": cat.version, "models": rows, "pairs": sorted(pairs)})


def chunk(items: Sequence[T], jobs: int) -> list[list[T]]:
    """Chunks small enough that every worker gets several (load balance), at most 50 items."""
    size = max(1, min(50, math.ceil(len(items) / (jobs * 8)) if items else 1))
    return [list(items[i : i + size]) for i in range(0, len(items), size)]
