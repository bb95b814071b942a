"""Lighthouse scores of the site's pages: `python -m bench.lighthouse [--tiny] [--keep DIR]`.

Starts `modelvs serve` on a free loopback port and runs npm's `lighthouse` (12.x, the mobile
preset) with Debian's Chromium (`/usr/bin/chromium`; never a downloaded browser) on the reference
comparison, `/models` and `/`; prints performance, accessibility, best practices and SEO, with
each audit that cost points, and exits 1 unless every score is 100. `--tiny` scores the reference
comparison alone and only reports.

Lighthouse installs from the npm registry into a cache folder (`npm install lighthouse@12`) on
the first run. Where npm is missing or cannot install it, the tiny run (CI's smoke test) says so
and exits 0; the full run fails.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench import add_tiny, is_tiny
from bench.pages import CHROMIUM, _serve

VERSION = "12"
CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "modelvs" / f"lighthouse-{VERSION}"
PAGES = {
    "reference": "/compare/gemini-3.1-pro-preview-vs-gpt-4o-2024-11-20",
    "models": "/models",
    "home": "/",
}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking"


def install() -> Path | None:
    """The lighthouse command, installed into `CACHE` on first use; None when npm cannot install it."""
    command = CACHE / "node_modules" / ".bin" / "lighthouse"
    if command.exists():
        return command
    npm = shutil.which("npm")
    if npm is None:
        print("npm is not installed: cannot install lighthouse")
        return None
    CACHE.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        [npm, "install", "--no-audit", "--no-fund", "--prefix", str(CACHE), f"lighthouse@{VERSION}"],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if done.returncode != 0 or not command.exists():
        print(f"npm could not install lighthouse@{VERSION}:\n{done.stderr[-2000:]}")
        return None
    return command


def score(command: Path, url: str, out: Path) -> dict[str, int]:
    """The page's score (0-100) per category."""
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    done = subprocess.run(
        [
            str(command),
            url,
            "--output=json",
            f"--output-path={out}",
            "--quiet",
            f"--chrome-flags={CHROME_FLAGS}",
            f"--only-categories={','.join(CATEGORIES)}",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"lighthouse failed on {url}:\n{done.stderr[-3000:]}")
    report = json.loads(out.read_text())
    return {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}


def failed_audits(out: Path) -> list[str]:
    """The audits that cost points, as `category: audit title`."""
    report = json.loads(out.read_text())
    found = []
    for cid in CATEGORIES:
        for ref in report["categories"][cid]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                found.append(f"{cid}: {audit['title']}")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="folder for the JSON reports")
    add_tiny(parser)
    args = parser.parse_args()
    tiny = is_tiny(args)
    command = install()
    if command is None:
        if tiny:
            print("skipped: lighthouse is not available (the full run needs npm and the npm registry)")
            return
        raise SystemExit(1)
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"{CHROMIUM} is missing: install Debian's chromium")
    pages = dict(list(PAGES.items())[:1]) if tiny else PAGES
    folder = args.keep or Path(tempfile.mkdtemp())
    folder.mkdir(parents=True, exist_ok=True)
    worst = 100
    with tempfile.TemporaryDirectory() as state:
        process, base = _serve(Path(state))
        try:
            print(f"{'page':<10} " + " ".join(f"{c:>15}" for c in CATEGORIES))
            for name, path in pages.items():
                out = folder / f"{name}.json"
                found = score(command, base + path, out)
                print(f"{name:<10} " + " ".join(f"{found[c]:>15}" for c in CATEGORIES))
                for line in failed_audits(out):
                    print(f"  - {line}")
                worst = min(worst, *found.values())
        finally:
            process.terminate()
            process.wait(timeout=10)
    if worst < 100:
        print(f"a score is below 100 (lowest {worst})")
        if not tiny:  # the smoke test checks that it runs; a loaded CI machine may cost performance points
            sys.exit(1)


if __name__ == "__main__":
    main()
