"""Install size and `import modelvs` time: the wheel alone (the library) and with the `web` extra.

Run: `python -m bench.install [RUNS] [--tiny]` (default 15; `--tiny`: one run, the core wheel only).
Builds the wheel, installs it into two fresh virtualenvs (dependencies pinned by requirements.lock,
from the package index or pip's cache), and
reports per venv: the size of site-packages (the venv's own pip and setuptools left out) and the
median wall time of a fresh interpreter that does (1) nothing, (2) `import modelvs`, (3) `import
modelvs` and touches `modelvs.price` (the library's modules, no catalog), (4) a first
`modelvs.price(...)` (the shipped catalog read from its compiled cache). Startup is subtracted from
(2)-(4). Timings are medians of RUNS runs, each in a new process.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import add_tiny, is_tiny

ROOT = Path(__file__).resolve().parents[1]
CASES = {
    "startup": "pass",
    "import modelvs": "import modelvs",
    "+ the library": "import modelvs; modelvs.price",
    "+ a first price": "import modelvs; modelvs.price('gpt-4o', input_tokens=1000, output_tokens=100)",
}
LEFT_OUT = ("pip", "setuptools", "_distutils_hack", "distutils-precedence.pth")


def _run(command: list[str | Path], env: dict[str, str] | None = None, cwd: Path | None = None) -> str:
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=cwd, check=False, timeout=900)
    if done.returncode != 0:
        raise SystemExit(f"{command} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def _size(site: Path) -> int:
    total = 0
    for entry in site.iterdir():
        if entry.name.split("-")[0] in LEFT_OUT or entry.name in LEFT_OUT:
            continue
        files = [entry] if entry.is_file() else [p for p in entry.rglob("*") if p.is_file()]
        total += sum(p.stat().st_size for p in files)
    return total


def _timings(python: Path, env: dict[str, str], cwd: Path, runs: int) -> dict[str, float]:
    subprocess.run(
        [python, "-c", CASES["+ a first price"]], env=env, cwd=cwd, check=True
    )  # compile the cache
    medians = {}
    for name, code in CASES.items():
        seconds = []
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run([python, "-c", code], env=env, cwd=cwd, check=True)
            seconds.append(time.perf_counter() - start)
        medians[name] = statistics.median(seconds)
    return medians


def _import_time(python: Path, env: dict[str, str], cwd: Path) -> float:
    """The cumulative microseconds `-X importtime` reports for `modelvs` (median of 5)."""
    found = []
    for _ in range(5):
        done = subprocess.run(
            [python, "-X", "importtime", "-c", "import modelvs"],
            env=env,
            cwd=cwd,
            capture_output=True,
            text=True,
        )
        line = next(x for x in done.stderr.splitlines() if x.rstrip().endswith("| modelvs"))
        found.append(int(line.split("|")[1]))
    return statistics.median(found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("runs", nargs="?", type=int, default=15)
    add_tiny(parser)
    args = parser.parse_args()
    tiny = is_tiny(args)
    runs = 1 if tiny else args.runs
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        # setuptools reuses build/lib and keeps files deleted since (a merged model's data file):
        # the wheel is built from a clean build folder, as on a fresh checkout.
        shutil.rmtree(ROOT / "build", ignore_errors=True)
        _run([sys.executable, "-m", "build", "--wheel", "--outdir", base / "dist", ROOT])
        (wheel,) = (base / "dist").glob("modelvs-*.whl")
        env = {k: v for k, v in os.environ.items() if not k.startswith(("MODELVS_", "PYTHON", "VIRTUAL_ENV"))}
        env["MODELVS_CACHE"] = str(base / "cache")
        work = base / "work"
        work.mkdir()
        print(
            f"wheel {wheel.name}: {wheel.stat().st_size / 1e6:.1f} MB; medians of {runs} fresh interpreters"
        )
        for extras in ("",) if tiny else ("", "web"):
            venv = base / f"venv-{extras or 'core'}"
            _run([sys.executable, "-m", "venv", venv])
            python = venv / "bin" / "python"
            requirement = f"{wheel}[{extras}]" if extras else str(wheel)
            pip = [python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
            _run([*pip, "--constraint", ROOT / "requirements.lock", requirement], env=env)
            (site,) = (venv / "lib").glob("python3*/site-packages")
            times = _timings(python, env, work, runs)
            startup = times.pop("startup")
            label = f"modelvs[{extras}]" if extras else "modelvs (core)"
            parts = ", ".join(f"{name} {1000 * (t - startup):.0f} ms" for name, t in times.items())
            own = _import_time(python, env, work)
            print(
                f"{label}: installed {_size(site) / 1e6:.0f} MB; startup {1000 * startup:.0f} ms; {parts}; "
                f"-X importtime of modelvs itself {own / 1000:.1f} ms"
            )
            shutil.rmtree(venv)


if __name__ == "__main__":
    main()
