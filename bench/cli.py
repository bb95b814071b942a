"""How long a CLI command takes from start to answer, beside genai-prices' CLI and a bare interpreter:
`python -m bench.cli [--runs N] [--genai-prices PATH] [--tiny]`.

Every command runs as a new process, with a warm compiled catalog (a first run of each compiles it
and its derived values), stdout to /dev/null (a pipe: plain output), the median of `--runs` (5) after
one warm-up. The runs are interleaved: each round times every command once (`hyperfine -N -r 1`), so
that a shared machine whose load comes and goes slows them alike (one hyperfine run of all the
commands times each one's runs back to back, and a ratio then read the load of two moments); the
ratios are what to read. Without hyperfine, this process times them the same way.

genai-prices' CLI prices the same request (`genai-prices calc gpt-5.5 -i 1000 -o 100`) when it can be
found: `--genai-prices PATH`, `$GENAI_PRICES_CLI`, or `genai-prices` on PATH or beside this Python.
It needs that package's `cli` extra; when the command is missing or does not run, the table says so
and no ratio to it is printed.

The package's bytecode is compiled first: an installed wheel has it (pip compiles on install), and a
checkout run with PYTHONDONTWRITEBYTECODE would otherwise time Python compiling modelvs.

Targets (issue 18): `cost` <= 0.75x genai-prices' CLI; `show`, `models --search`, `rank` < 0.3 s;
`compare` of two models <= 30x `python -c pass`.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench import add_tiny, is_tiny

PAIR = ("gpt-5.5", "claude-opus-4-7")
REQUEST = ("-i", "1000", "-o", "100")


@dataclass(frozen=True)
class Case:
    name: str
    argv: tuple[str, ...]
    target: str = ""


@dataclass(frozen=True)
class Timed:
    case: Case
    median_s: float
    min_s: float
    max_s: float


def modelvs_command() -> tuple[str, ...]:
    """The installed `modelvs` script beside this interpreter, else `python -m modelvs.cli`."""
    script = Path(sys.executable).with_name("modelvs")
    return (str(script),) if script.is_file() else (sys.executable, "-m", "modelvs.cli")


def genai_prices_command(given: str | None) -> tuple[tuple[str, ...] | None, str]:
    """genai-prices' CLI if it runs, else None and why not."""
    found = (
        given
        or os.environ.get("GENAI_PRICES_CLI")
        or shutil.which("genai-prices")
        or (str(p) if (p := Path(sys.executable).with_name("genai-prices")).is_file() else None)
    )
    if not found:
        return None, "genai-prices' CLI is not installed (pip install 'genai-prices[cli]')"
    tried = subprocess.run([found, "calc", PAIR[0], *REQUEST], capture_output=True, text=True, check=False)
    if tried.returncode != 0:
        why = (tried.stderr or tried.stdout).strip().splitlines()[-1:] or ["no output"]
        return None, f"genai-prices' CLI at {found} does not run (its `cli` extra missing?): {why[0]}"
    return (found,), ""


def cases(modelvs: tuple[str, ...], genai: tuple[str, ...] | None) -> list[Case]:
    found = [
        Case("compare, JSON", (*modelvs, "compare", *PAIR, "--format", "json"), "<= 30x python -c pass"),
        Case("compare, text", (*modelvs, "compare", *PAIR), "<= 30x python -c pass"),
        Case("cost", (*modelvs, "cost", PAIR[0], "-r", "1", *REQUEST), "<= 0.75x genai-prices"),
    ]
    if genai is not None:
        found.append(Case("genai-prices calc", (*genai, "calc", PAIR[0], *REQUEST)))
    found += [
        Case("show", (*modelvs, "show", PAIR[0]), "< 0.3 s"),
        Case("models --search", (*modelvs, "models", "--search", "claude"), "< 0.3 s"),
        Case("rank", (*modelvs, "rank"), "< 0.3 s"),
        Case("python -c pass", (sys.executable, "-c", "pass")),
    ]
    return found


def with_hyperfine(found: list[Case], runs: int, warmup: int) -> list[Timed]:
    def one_round(export: Path) -> list[float]:
        subprocess.run(
            [
                "hyperfine", "-N", "--style", "none", "-r", "1",
                "--export-json", str(export), *(_shell(c.argv) for c in found),
            ],
            check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        return [r["times"][0] for r in json.loads(export.read_text())["results"]]

    with tempfile.TemporaryDirectory() as tmp:
        export = Path(tmp) / "times.json"
        for _ in range(warmup):
            one_round(export)
        rounds = [one_round(export) for _ in range(runs)]
    return [_timed(case, [r[i] for r in rounds]) for i, case in enumerate(found)]


def with_own_timer(found: list[Case], runs: int, warmup: int) -> list[Timed]:
    def one_round() -> list[float]:
        times = []
        for case in found:
            start = time.perf_counter()
            subprocess.run(case.argv, stdout=subprocess.DEVNULL, check=True)
            times.append(time.perf_counter() - start)
        return times

    for _ in range(warmup):
        one_round()
    rounds = [one_round() for _ in range(runs)]
    return [_timed(case, [r[i] for r in rounds]) for i, case in enumerate(found)]


def _timed(case: Case, times: list[float]) -> Timed:
    return Timed(case, statistics.median(times), min(times), max(times))


def _shell(argv: tuple[str, ...]) -> str:
    return " ".join(a if _bare(a) else repr(a) for a in argv)


def _bare(word: str) -> bool:
    return word.replace("-", "").replace(".", "").replace("/", "").replace("_", "").isalnum()


def _shown(argv: tuple[str, ...]) -> str:
    """The command as a reader types it: the program by its name, not its path."""
    return _shell((Path(argv[0]).name, *argv[1:]))


def report(timed: list[Timed], why_no_peer: str, tool: str) -> list[str]:
    by_name = {t.case.name: t for t in timed}
    bare = by_name["python -c pass"].median_s
    peer = by_name.get("genai-prices calc")
    lines = [
        f"Timed with {tool}, in interleaved rounds: median of the runs, warm compiled catalog,"
        " stdout to /dev/null.",
        "",
        "| Command | Median [s] | Min [s] | Max [s] | x python -c pass | x genai-prices | Target |",
        "|:---|---:|---:|---:|---:|---:|:---|",
    ]
    for t in timed:
        versus = f"{t.median_s / peer.median_s:.2f}" if peer is not None else "-"
        lines.append(
            f"| `{_shown(t.case.argv)}` | {t.median_s:.3f} | {t.min_s:.3f} | {t.max_s:.3f}"
            f" | {t.median_s / bare:.1f} | {versus} | {t.case.target} |"
        )
    lines.append("")
    if peer is None:
        lines.append(f"No ratio to genai-prices: {why_no_peer}.")
    else:
        cost = by_name["cost"].median_s / peer.median_s
        lines.append(f"cost / genai-prices' CLI: {cost:.2f}x (target <= 0.75x): {_met(cost <= 0.75)}")
    for name in ("show", "models --search", "rank"):
        seconds = by_name[name].median_s
        lines.append(f"{name}: {seconds:.3f} s (target < 0.3 s): {_met(seconds < 0.3)}")
    for name in ("compare, JSON", "compare, text"):
        times = by_name[name].median_s / bare
        lines.append(f"{name}: {times:.1f}x python -c pass (target <= 30x): {_met(times <= 30)}")
    return lines


def _met(ok: bool) -> str:
    return "met" if ok else "NOT met"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each command (default 5)")
    parser.add_argument("--genai-prices", help="genai-prices' CLI to compare with (default: found on PATH)")
    add_tiny(parser)
    args = parser.parse_args(argv)
    tiny = is_tiny(args)
    runs, warmup = (1, 0) if tiny else (args.runs, 1)
    import modelvs

    compileall.compile_dir(Path(modelvs.__file__).parent, quiet=1)
    genai, why = genai_prices_command(args.genai_prices)
    found = cases(modelvs_command(), genai)
    for case in found:  # compiles the catalog and its derived values, once
        subprocess.run(case.argv, stdout=subprocess.DEVNULL, check=True)
    tool = "hyperfine -N" if shutil.which("hyperfine") and not tiny else "this script's own timer"
    timed = (
        with_hyperfine(found, runs, warmup)
        if tool.startswith("hyperfine")
        else with_own_timer(found, runs, warmup)
    )
    print("\n".join(report(timed, why, tool)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
