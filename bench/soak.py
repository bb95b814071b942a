"""Memory under abuse: `python -m bench.soak [--names N] [--junk N] [--workloads N] [--tiny]`.

Starts `modelvs serve` (one worker, a response cache of `--cache-mb`) on a free loopback port and
sends, from 4 client threads over keep-alive connections:
1. `--names` requests for models that do not exist (model pages, comparisons, API calls);
2. `--junk` comparison pages with an unknown query parameter and 30 KB of padding each;
3. `--workloads` comparison pages, each at a workload no request asked before.
It prints the server's resident memory (VmRSS) as each phase goes: a line that stays flat once
the caches are full is the goal; one that keeps climbing is a leak.
"""

from __future__ import annotations

import argparse
import http.client
import random
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from bench import add_tiny, is_tiny, served

PAIR = "gemini-3.1-pro-preview-vs-gpt-4o-2024-11-20"
THREADS = 4
SAMPLES = 5


def rss_mb(pid: int) -> float:
    """The resident memory of process `pid` in MB (Linux: /proc/PID/status)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise SystemExit("no VmRSS in /proc: the soak reads memory the Linux way")


def unknown_names(count: int, seed: int = 3) -> Iterator[str]:
    rng = random.Random(seed)
    shapes: tuple[Callable[[str], str], ...] = (
        lambda n: f"/models/{n}",
        lambda n: f"/compare/{n}-vs-gpt-4o-2024-11-20",
        lambda n: f"/api/v1/models/{n}",
        lambda n: f"/api/v1/cost?model={n}",
    )
    for i in range(count):
        name = f"nomodel-{i}-{rng.getrandbits(40):x}"
        yield shapes[i % len(shapes)](name)


def junk_queries(count: int, pad: int) -> Iterator[str]:
    padding = "x" * pad
    for i in range(count):
        yield f"/compare/{PAIR}?junk={i}&pad={padding}"


def workloads(count: int) -> Iterator[str]:
    for i in range(count):
        yield f"/compare/{PAIR}?requests={1_000_003 + i}"


def drive(port: int, paths: list[str], on_progress: Callable[[int], None]) -> dict[int, int]:
    """GET every path (from `THREADS` keep-alive connections); the count of each status."""
    statuses: dict[int, int] = {}
    lock = threading.Lock()
    done = [0]
    step = max(1, len(paths) // SAMPLES)

    def worker(share: list[str]) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        for path in share:
            for attempt in range(3):
                try:
                    conn.request("GET", path, headers={"Accept-Encoding": "gzip"})
                    response = conn.getresponse()
                    response.read()
                    break
                except (http.client.HTTPException, OSError):
                    conn.close()
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
                    if attempt == 2:
                        raise
            with lock:
                statuses[response.status] = statuses.get(response.status, 0) + 1
                done[0] += 1
                if done[0] % step == 0:
                    on_progress(done[0])
        conn.close()

    threads = [threading.Thread(target=worker, args=(paths[i::THREADS],)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--names", type=int, default=20_000, help="Requests for unknown models.")
    parser.add_argument("--junk", type=int, default=5_000, help="Pages with junk query strings.")
    parser.add_argument("--workloads", type=int, default=5_000, help="Pages at distinct workloads.")
    parser.add_argument("--pad", type=int, default=30_000, help="Bytes of padding per junk query.")
    parser.add_argument("--cache-mb", type=int, default=32, help="The server's response cache.")
    add_tiny(parser)
    args = parser.parse_args()
    if is_tiny(args):
        args.names, args.junk, args.workloads, args.pad = 40, 12, 12, 2_000
    with served(extra_env={"MODELVS_RESPONSE_CACHE_MB": str(args.cache_mb)}) as (port, pid):
        for path in (f"/compare/{PAIR}", "/models/gpt-4o-2024-11-20", "/api/v1/models/nope"):
            drive(port, [path] * 8, lambda _: None)  # warm-up: what every later request reuses
        start = rss_mb(pid)
        print(f"one worker, response cache {args.cache_mb} MB, {THREADS} client threads; VmRSS in MB")
        print(f"  after warm-up: {start:7.1f}")
        phases = (
            (f"{args.names:,} unknown names", list(unknown_names(args.names))),
            (f"{args.junk:,} junk query strings ({args.pad:,} B)", list(junk_queries(args.junk, args.pad))),
            (f"{args.workloads:,} distinct workloads", list(workloads(args.workloads))),
        )
        for label, paths in phases:
            began = time.monotonic()
            line: list[str] = []
            statuses = drive(port, paths, lambda n, line=line: line.append(f"{n:,}: {rss_mb(pid):.0f}"))  # type: ignore[misc]
            seconds = time.monotonic() - began
            codes = ", ".join(f"{code} x{n:,}" for code, n in sorted(statuses.items()))
            print(f"  {label}: {rss_mb(pid):7.1f} ({seconds:.0f} s; answers {codes})")
            print(f"    as it went: {'; '.join(line)}")
        print(f"  growth over the whole soak: {rss_mb(pid) - start:+.1f} MB")


if __name__ == "__main__":
    main()
