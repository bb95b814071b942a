"""Notability and related comparisons, in-process CPU time: `python -m bench.relevance [--days N]`.

cold: the first `related()` of a fresh process (the reference pair), which reads every model's
  record for notability and one route per model for the peer pools; the Arena ratings are read
  first, as a comparison's value map reads them anyway.
warm: per new day, with every record already read (a server's case): the notability of every
  model, the related index, and every model's related set (what the sitemap and the static
  build ask for).
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
from collections.abc import Callable

from modelvs.catalog import load_catalog
from modelvs.catalog.notability import notability
from modelvs.engine.compare.related import related
from modelvs.engine.quality import ratings

ON = dt.date(2026, 11, 24)
PAIR = ["google/gemini-3.1-pro-preview", "openai/gpt-4o-2024-11-20"]


def cpu_ms(fn: Callable[[], object]) -> float:
    start = time.process_time()
    fn()
    return (time.process_time() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--days", type=int, default=3, help="new days to time warm (default 3)")
    args = parser.parse_args()
    catalog = load_catalog()
    ratings(catalog)
    print(
        f"cold: first related() of the reference pair   {cpu_ms(lambda: related(catalog, PAIR, ON)):8.1f} ms"
    )
    for model in catalog.models.values():
        model.name  # every record read, as a long-running server has them  # noqa: B018
    for route in catalog.routes.values():
        route.prices  # noqa: B018
    for i in range(1, args.days + 1):
        day = ON + dt.timedelta(days=i)
        scored = cpu_ms(lambda: notability(catalog, day))  # noqa: B023
        index = cpu_ms(lambda: related(catalog, PAIR, day))  # noqa: B023
        every = cpu_ms(lambda: [related(catalog, [m], day) for m in catalog.models])  # noqa: B023
        print(
            f"warm, {day}: notability {scored:6.1f} ms, related index and pair {index:6.1f} ms,"
            f" every model's related set {every:7.1f} ms ({len(catalog.models):,} models)"
        )


if __name__ == "__main__":
    main()
