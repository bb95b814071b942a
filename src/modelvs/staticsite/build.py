"""The static build: every exportable page of the route table, its JSON and Markdown, as files.

`build_site` plans the whole site (`plan`), keeps its shard, renders the items with a pool
of forked workers (each loads the catalog and builds its own app; `render`), writes into
`OUT.tmp-<pid>` and only then swaps it in for OUT, so a failed build leaves OUT as it was.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import shutil
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from modelvs.catalog import Catalog, load_catalog
from modelvs.staticsite.plan import (
    BuildPlan,
    Kind,
    PairSelection,
    PlanError,
    Shard,
    WorkItem,
    chunk,
    plan_build,
)
from modelvs.staticsite.render import ChunkResult, Renderer, init_worker, run_chunk

MARKER = ".modelvs-build"
"""Written by every build (same bytes in every shard): OUT is only ever replaced if it has one."""
MARKER_TEXT = b"A static build of modelvs: `modelvs build` replaces this folder.\n"
DEFAULT_BASE_URL = "http://localhost:8000"

Progress = Callable[[int, int], None]
"""Called with (items done, items in this shard)."""


class BuildError(Exception):
    """A page failed: the build wrote nothing (the CLI exits 1)."""

    def __init__(self, url: str, detail: str) -> None:
        super().__init__(f"{url}: {detail}")
        self.url = url
        self.detail = detail


@dataclass(frozen=True)
class BuildOptions:
    out: Path
    pairs: PairSelection = field(default_factory=lambda: PairSelection("related"))
    shard: Shard = field(default_factory=Shard)
    base_url: str = DEFAULT_BASE_URL
    jobs: int = 1
    on: dt.date = field(default_factory=lambda: dt.datetime.now(dt.UTC).date())
    """The pricing date of every page (fixed, so shards run on different days still agree)."""
    data: Path | None = None
    force: bool = False


@dataclass
class BuildResult:
    out: Path
    files: int
    bytes: int
    seconds: float
    kinds: Counter[str]
    pairs: int
    planned: int
    """Files in the whole (unsharded) build."""
    jobs: int
    """Worker processes used (small builds run in-process)."""
    notes: list[str] = field(default_factory=list)
    """What the build could not do as asked, and why."""

    @property
    def per_second(self) -> float:
        return self.files / self.seconds if self.seconds > 0 else 0.0


def check_out(out: Path) -> None:
    """Refuse an OUT that is a file, or a non-empty folder no build made."""
    if out.exists() and not out.is_dir():
        raise PlanError(f"{out} exists and is not a folder")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise PlanError(f"{out} is not empty and was not written by `modelvs build`; choose another folder")


def check_base_url(url: str) -> str:
    if not url.startswith(("http://", "https://")) or any(c in url for c in " \"'<>?#"):
        raise PlanError(f"--base-url takes an http(s) URL such as https://modelvs.example, got {url!r}")
    return url.rstrip("/")


def build_site(
    options: BuildOptions, catalog: Catalog | None = None, progress: Progress | None = None
) -> BuildResult:
    """Build shard `options.shard` of the site into `options.out`; BuildError names a failed URL."""
    start = time.perf_counter()
    base_url = check_base_url(options.base_url)
    out = options.out.absolute()
    check_out(out)
    if catalog is None:
        catalog = load_catalog(options.data) if options.data is not None else load_catalog()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.parent / f"{out.name}.tmp-{os.getpid()}"
    planner = Renderer(catalog, options.on, base_url, tmp)
    try:
        plan = plan_build(planner.web, options.pairs, base_url, force=options.force)
        planner.web.built_pairs = frozenset(plan.pairs)  # pages link only what this build writes
        mine = options.shard.take(plan.items)
        if tmp.exists():
            shutil.rmtree(tmp)
        tmp.mkdir()
        (tmp / MARKER).write_bytes(MARKER_TEXT)
        sizes = _write_data(plan, mine, tmp)
        rendered = [i for i in mine if i.kind is not Kind.DATA]
        jobs = max(1, min(options.jobs, len(rendered) // 20 or 1))  # a fork for < 20 files is a loss
        done = len(sizes)
        if progress:
            progress(done, len(mine))
        if jobs == 1:
            inline = (planner.write(c) for c in chunk(rendered, 1))
            done = _collect(inline, sizes, done, len(mine), progress)
        else:
            ctx = multiprocessing.get_context("fork")
            args = (options.data, catalog.version, options.on, base_url, tmp, plan.pairs)
            with ctx.Pool(jobs, initializer=init_worker, initargs=args) as pool:
                results = pool.imap_unordered(run_chunk, chunk(rendered, jobs))
                done = _collect(results, sizes, done, len(mine), progress)
        _swap(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    finally:
        planner.close()
    kinds = Counter(_kind_label(i) for i in mine)
    seconds = time.perf_counter() - start
    return BuildResult(
        out, done, sum(sizes.values()), seconds, kinds, len(plan.pairs), len(plan.items), jobs, plan.notes
    )


def _write_data(plan: BuildPlan, mine: list[WorkItem], root: Path) -> dict[str, int]:
    sizes = {}
    for item in mine:
        if item.kind is Kind.DATA:
            (root / item.out).parent.mkdir(parents=True, exist_ok=True)
            (root / item.out).write_bytes(plan.data[item.out])
            sizes[item.out] = len(plan.data[item.out])
    return sizes


def _collect(
    results: Iterable[ChunkResult], sizes: dict[str, int], done: int, total: int, progress: Progress | None
) -> int:
    for result in results:
        sizes.update(result.written)
        done += len(result.written)
        if result.error is not None:
            raise BuildError(*result.error)
        if progress:
            progress(done, total)
    return done


def _swap(tmp: Path, out: Path) -> None:
    """Put the finished build at `out`; an old build there is moved aside first, then removed."""
    old = out.parent / f"{out.name}.old-{os.getpid()}"
    if out.exists():
        out.rename(old)
    tmp.rename(out)
    shutil.rmtree(old, ignore_errors=True)


def _kind_label(item: WorkItem) -> str:
    if item.out.endswith(".html"):
        return "redirect" if item.kind is Kind.REDIRECT else "html"
    if item.out.endswith(".json"):
        return "json"
    return "markdown" if item.out.endswith(".md") else "other"
