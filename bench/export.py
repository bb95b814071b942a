"""Static build speed: the shipped catalog built into a temporary folder with 1 and 2 workers.

Run: `python -m bench.export [PAIRS]` (default `popular:200`; the seed prior holds 8 pairs, so
the build is mostly the model, provider and model-JSON pages). Prices are fixed on one date.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

from modelvs.catalog import load_catalog
from modelvs.staticsite import BuildOptions, PairSelection, build_site

ON = dt.date(2026, 11, 24)


def main() -> None:
    pairs = PairSelection.parse(sys.argv[1] if len(sys.argv) > 1 else "popular:200")
    catalog = load_catalog()
    print(f"{len(catalog.models):,} models, {len(catalog.providers):,} providers; --pairs {pairs}")
    with tempfile.TemporaryDirectory() as tmp:
        for jobs in (1, 2):
            options = BuildOptions(out=Path(tmp) / f"site-{jobs}", pairs=pairs, jobs=jobs, on=ON)
            result = build_site(options, catalog)
            print(
                f"--jobs {jobs}: {result.files:,} files, {result.bytes / 1e6:,.1f} MB in "
                f"{result.seconds:.1f} s = {result.per_second:,.0f} pages/s"
            )


if __name__ == "__main__":
    main()
