"""Re-pricing a big usage log: a usage CSV of N rows priced on its own models and on two others,
against the time Python's `csv` module takes just to read the same file, and peak memory.

    python -m bench.reprice [--rows 1000000] [--repeat 3]

The log: one request a row over 30 days of November 2026, on GPT-4o (2024-11-20, OpenAI), Claude
Sonnet 4.6 (Anthropic) and Gemini 3.1 Pro Preview (Google), prompts from 200 tokens to 250,000
(GPT-4o's within its 128k window), a quarter with cached input, one row in 20 in batch mode, each
with a reported cost. It is re-priced on Claude Opus 4.7 and GPT-4o as alternatives. Both timings
read the file from the page cache (the csv pass runs first and warms it); the catalog is loaded
before timing. Times are CPU seconds of this process (`time.process_time`), so a busy machine
does not skew the ratio; wall-clock seconds are printed beside them. The target: at most 6x the
csv read, under 600 MB peak RSS (`ru_maxrss`, the whole process, catalog included).
"""

from __future__ import annotations

import argparse
import csv
import random
import resource
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import modelvs

MODELS = (
    ("openai", "gpt-4o-2024-11-20", 128_000),
    ("anthropic", "claude-sonnet-4-6", 1_000_000),
    ("gcp.gemini", "gemini-3.1-pro-preview", 1_000_000),
)
ALTERNATIVES = ("claude-opus-4-7", "gpt-4o-2024-11-20")
HEADER = "date,provider,model,input_tokens,output_tokens,cached_input_tokens,requests,batch,cost\n"
TIME_RATIO = 6
PEAK_MB = 600


def write_log(path: Path, rows: int, seed: int = 11) -> None:
    """A usage CSV of `rows` requests (deterministic for a seed)."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write(HEADER)
        lines = []
        for i in range(rows):
            provider, model, window = MODELS[i % len(MODELS)]
            prompt = min(int(200 * 1250 ** rng.random()), window)
            cached = prompt // 2 if rng.random() < 0.25 else 0
            batch = "true" if rng.random() < 0.05 else "false"
            lines.append(
                f"2026-11-{1 + i % 30:02d},{provider},{model},{prompt},{rng.randint(20, 2000)},{cached},1,"
                f"{batch},0.0{rng.randint(1, 99999)}\n"
            )
            if len(lines) == 10_000:
                f.writelines(lines)
                lines.clear()
        f.writelines(lines)


def read_csv(path: Path) -> int:
    with path.open(encoding="utf-8", newline="") as f:
        return sum(1 for _ in csv.reader(f))


def _timed(run: Callable[[], object]) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of `run()`: CPU time, because the machine may be shared."""
    cpu, wall = time.process_time(), time.perf_counter()
    run()
    return time.process_time() - cpu, time.perf_counter() - wall


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.reprice", description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="rows of the generated log")
    parser.add_argument("--repeat", type=int, default=3, help="timings taken of each (the best is kept)")
    args = parser.parse_args(argv)
    catalog = modelvs.load_catalog()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "usage.csv"
        write_log(path, args.rows)
        size = path.stat().st_size
        csv_times, reprice_times = [], []
        result = None
        for _ in range(max(args.repeat, 1)):
            csv_times.append(_timed(lambda: read_csv(path)))
            reprice_times.append(_timed(lambda: modelvs.reprice(path, as_=ALTERNATIVES, catalog=catalog)))
            result = modelvs.reprice(path, as_=ALTERNATIVES, catalog=catalog) if result is None else result
    assert result is not None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux
    (read_cpu, read_wall), (priced_cpu, priced_wall) = min(csv_times), min(reprice_times)
    print(
        f"{args.rows:,} rows ({size / 1e6:.0f} MB), best of {len(csv_times)}"
        " (CPU seconds; wall clock in brackets)"
    )
    print(f"  csv.reader alone           {read_cpu:8.2f} s  ({read_wall:.2f} s)")
    print(
        f"  reprice + 2 alternatives   {priced_cpu:8.2f} s  ({priced_wall:.2f} s)   "
        f"{priced_cpu / read_cpu:.2f}x the csv read (target <= {TIME_RATIO}x)"
    )
    print(f"  peak RSS                   {peak:8.0f} MB (target < {PEAK_MB} MB)")
    print(
        f"  re-priced {result.priced_rows:,} of {result.rows:,} rows: ${result.repriced_total:,.2f}; "
        + "; ".join(
            f"{a.name} ${a.total:,.2f} ({a.unpriced_rows:,} rows it cannot run)" for a in result.alternatives
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
