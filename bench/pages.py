"""Page heights and sideways scroll in Chromium: `python -m bench.pages [--shots DIR]`.

Starts `modelvs serve` on a free loopback port and measures, at a desktop width (1366 px) and a
phone width (390 px), the full height of the reference comparison, a 4-model comparison, the home
page and a model page, and whether any of them scrolls sideways (document wider than the window).
`--shots DIR` also saves a full-page screenshot of each. Debian's Chromium (`/usr/bin/chromium`),
driven by Playwright; never a downloaded browser.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

from bench import add_tiny, is_tiny

CHROMIUM = os.environ.get("MODELVS_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
PAGES = {
    "reference": "/compare/gemini-3.1-pro-preview-vs-gpt-4o-2024-11-20",
    "four-models": "/compare?models=claude-opus-4-7,gemini-3.1-pro-preview,gpt-5.5,grok-4.3",
    "home": "/",
    "model": "/models/gpt-4o-2024-11-20",
}
WIDTHS = {"desktop": 1366, "phone": 390}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _serve(state: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    command = [sys.executable, "-m", "modelvs.cli", "serve", "--port", str(port), "--state-dir", str(state)]
    env = {**os.environ, "MODELVS_DATABASE_URL": ""}
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{base}/robots.txt", timeout=2):
                return process, base
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise SystemExit("modelvs serve did not start") from None
            time.sleep(0.2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shots", type=Path, help="folder for full-page screenshots")
    add_tiny(parser)
    args = parser.parse_args()
    widths = dict(list(WIDTHS.items())[:1]) if is_tiny(args) else WIDTHS
    pages = dict(list(PAGES.items())[:1]) if is_tiny(args) else PAGES
    if args.shots:
        args.shots.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as state:
        process, base = _serve(Path(state))
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
                print(f"{'page':<12} {'width':>6} {'height px':>10} {'doc width':>10}  sideways")
                for device, width in widths.items():
                    context = browser.new_context(viewport={"width": width, "height": 900})
                    page = context.new_page()
                    for name, path in pages.items():
                        page.goto(base + path)
                        height = page.evaluate("document.documentElement.scrollHeight")
                        wide = page.evaluate("document.documentElement.scrollWidth")
                        sideways = "yes" if wide > width else "no"
                        print(f"{name:<12} {width:>6} {height:>10,} {wide:>10,}  {sideways}")
                        if args.shots:
                            page.screenshot(path=str(args.shots / f"{name}-{device}.png"), full_page=True)
                    context.close()
                browser.close()
        finally:
            process.terminate()
            process.wait(timeout=10)


if __name__ == "__main__":
    main()
