"""Cache misses and first rankings, CPU time: `python -m bench.miss [--rounds N] [--only KIND] [--tiny]`.

miss: each page asked with a workload no request has asked before (`requests=<random>`), and each
  search with a query no request has asked before (a random prefix of a random model's id), through
  the whole app (the response cache and serving layer included, identity coding; the static
  build's in-process client), after one warm-up request of the same page; median CPU ms
  (`time.process_time`: every thread of the process) per page. The engine's share of the
  comparison page miss is `compare()` + `comparison_to_dict()` for the same kind of workload.
served: the same pages asked of a running `modelvs serve` (one worker) over one keep-alive
  connection, gzip accepted, as a browser asks: the server process's CPU time (user + system, all
  its threads, from /proc) over a batch of misses, divided by the batch. It counts what the
  in-process figure does not: HTTP parsing, the event loop, the hop to the handler thread and gzip.
rank: `rank()` of every model at the default needs: cold (the first ranking of a fresh process,
  which builds every route's record and assessment), a workload not ranked before (records,
  plans and assessments built), and the same workload again (memoised).

It uses only the public API, so it runs on older commits too (`PYTHONPATH=<old checkout>/src`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import quote

from bench import add_tiny, is_tiny, served
from modelvs.catalog import load_catalog
from modelvs.engine.compare import compare, comparison_to_dict
from modelvs.engine.rank import Needs, rank
from modelvs.engine.workload import Profile, Workload

ON = dt.date(2026, 5, 1)
PAIR = ("gemini-3.1-pro-preview", "gpt-4o-2024-11-20")
PAGES = {
    "comparison page": f"/compare/{PAIR[0]}-vs-{PAIR[1]}",
    "3-model comparison": "/compare?models=claude-sonnet-4-6,gemini-3.1-pro-preview,gpt-4o-2024-11-20",
    "calculator page": "/calculator",
    "API compare": f"/api/v1/compare?models={PAIR[0]},{PAIR[1]}",
    "API rank": "/api/v1/rank",
}
SEARCHES = {"search page (/models?q=)": "/models?q=", "API search": "/api/v1/search?q="}


def fresh_terms(ids: list[str], rng: random.Random) -> Iterator[str]:
    """Search terms no request has asked before: prefixes (3 letters or more) of model ids' tails."""
    seen: set[str] = set()
    while True:
        tail = rng.choice(ids).split("/", 1)[1]
        term = tail[: rng.randint(min(3, len(tail)), len(tail))]
        if term not in seen:
            seen.add(term)
            yield term


def cpu_ms(fn: Callable[[], object]) -> float:
    start = time.process_time()
    fn()
    return (time.process_time() - start) * 1000


def misses(rounds: int, rng: random.Random) -> None:
    from modelvs.staticsite.render import Renderer  # the static build's in-process client

    catalog = load_catalog()
    app = Renderer(catalog, ON, "https://modelvs.example", Path(tempfile.mkdtemp()))
    try:
        print(f"cache miss, median CPU ms of {rounds} (a new workload each):")
        for name, url in PAGES.items():
            joiner = "&" if "?" in url else "?"
            status = app.get(url).status  # warm-up: the first request of a page builds what later ones reuse
            assert status == 200, (url, status)
            runs = []
            for _ in range(rounds):
                asked = f"{url}{joiner}requests={rng.randint(1, 10**9)}"
                runs.append(cpu_ms(lambda asked=asked: app.get(asked)))  # type: ignore[misc]
            print(f"  {name:<26} {statistics.median(runs):7.2f} ms  (min {min(runs):.2f})")
        terms = fresh_terms(sorted(catalog.models), rng)
        for name, url in SEARCHES.items():
            assert app.get(url + next(terms)).status == 200, url  # warm-up
            runs = []
            for _ in range(rounds):
                asked = url + quote(next(terms))
                runs.append(cpu_ms(lambda asked=asked: app.get(asked)))  # type: ignore[misc]
            print(f"  {name:<26} {statistics.median(runs):7.2f} ms  (min {min(runs):.2f})")
    finally:
        app.close()
    engine = []
    for _ in range(rounds):
        workload = Workload(rng.randint(1, 10**9))
        engine.append(cpu_ms(lambda w=workload: comparison_to_dict(compare(catalog, list(PAIR), w, ON))))  # type: ignore[misc]
    share = statistics.median(engine)
    print(f"  engine share of the comparison page (compare + comparison_to_dict): {share:.2f} ms")


def process_cpu_seconds(pid: int) -> float:
    """User + system CPU time of process `pid`, every thread it has run (Linux: /proc/PID/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def served_misses(rounds: int, rng: random.Random) -> None:
    with served() as (port, pid):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

        def get(url: str) -> int:
            conn.request("GET", url, headers={"Accept-Encoding": "gzip"})
            response = conn.getresponse()
            response.read()
            return response.status

        print(f"served miss, server CPU ms per miss, mean of {rounds} (a new workload each, gzip):")
        for name, url in PAGES.items():
            joiner = "&" if "?" in url else "?"
            for _ in range(3):  # warm-up, as in-process
                assert get(f"{url}{joiner}requests={rng.randint(1, 10**9)}") == 200, url
            asked = [f"{url}{joiner}requests={rng.randint(1, 10**9)}" for _ in range(rounds)]
            start = process_cpu_seconds(pid)
            statuses = {get(a) for a in asked}
            spent = process_cpu_seconds(pid) - start
            assert statuses == {200}, (url, statuses)
            print(f"  {name:<26} {spent * 1000 / rounds:7.2f} ms")
        conn.close()


def rankings(rounds: int, rng: random.Random) -> None:
    catalog = load_catalog()
    cold = cpu_ms(lambda: rank(catalog, Needs(), Workload(1_000_001), ON))
    new = []
    for i in range(rounds):
        workload = Workload(rng.randint(1, 10**9), (Profile(rng.randint(1, 20_000), 250 + i),))
        new.append(cpu_ms(lambda w=workload: rank(catalog, Needs(), w, ON)))  # type: ignore[misc]
    same = [cpu_ms(lambda: rank(catalog, Needs(), Workload(1_000_001), ON)) for _ in range(rounds)]
    count = len(rank(catalog, Needs(), Workload(1_000_001), ON))
    print(
        f"rank() every model ({count:,} ranked of {len(catalog.models):,}; {len(catalog.routes):,} routes):"
    )
    print(f"  cold (first ranking of the process):  {cold:8.1f} ms")
    median = statistics.median(new)
    print(f"  a new workload, median of {rounds}:       {median:8.2f} ms  (max {max(new):.2f})")
    print(f"  the same workload again, median:      {statistics.median(same):8.3f} ms")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--only", choices=("miss", "rank", "served"))
    add_tiny(parser)
    args = parser.parse_args()
    if is_tiny(args):
        args.rounds = 3
    if args.only in (None, "rank"):
        rankings(args.rounds, random.Random(5))
    if args.only in (None, "miss"):
        misses(args.rounds, random.Random(7))
    if args.only in (None, "served"):
        # Clock ticks are 10 ms: a batch of at least 200 misses keeps the mean within 5%.
        served_misses(args.rounds if is_tiny(args) else max(args.rounds, 200), random.Random(11))


if __name__ == "__main__":
    main()
