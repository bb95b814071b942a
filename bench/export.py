"""Static build speed: the shipped catalog built into a temporary folder with 1 and 2 workers.

Run: `python -m bench.export [PAIRS] [--tiny]` (default `popular:200`; the seed prior holds 8 pairs,
so the build is mostly the model, provider and model-JSON pages). Prices are fixed on one date.
`--tiny` builds one shard in a hundred, with one worker.
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
from pathlib import Path

from bench import add_tiny, is_tiny
from modelvs.catalog import load_catalog
from modelvs.staticsite import BuildOptions, PairSelection, build_site
from modelvs.staticsite.plan import Shard

ON = dt.date(2026, 11, 24)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pairs", nargs="?", default="popular:200")
    add_tiny(parser)
    args = parser.parse_args()
    pairs = PairSelection.parse(args.pairs)
    tiny = is_tiny(args)
    catalog = load_catalog()
    print(f"{len(catalog.models):,} models, {len(catalog.providers):,} providers; --pairs {pairs}")
    with tempfile.TemporaryDirectory() as tmp:
        for jobs in (1,) if tiny else (1, 2):
            shard = Shard(1, 100) if tiny else Shard()
            options = BuildOptions(out=Path(tmp) / f"site-{jobs}", pairs=pairs, jobs=jobs, on=ON, shard=shard)
            result = build_site(options, catalog)
            print(
                f"--jobs {jobs}: {result.files:,} files, {result.bytes / 1e6:,.1f} MB in "
                f"{result.seconds:.1f} s = {result.per_second:,.0f} pages/s"
            )


if __name__ == "__main__":
    main()
