"""The CLI benchmark says when genai-prices' CLI cannot run, rather than timing a failure."""

from __future__ import annotations

import stat
from pathlib import Path

from bench.cli import PAIR, Timed, cases, genai_prices_command, report


def _script(path: Path, body: str) -> str:
    path.write_text(f"#!/bin/sh\n{body}\n")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return str(path)


def test_a_genai_prices_cli_without_its_extra_is_named_not_timed(tmp_path: Path) -> None:
    broken = _script(tmp_path / "genai-prices", "echo 'rich_argparse is not installed' >&2; exit 1")
    found, why = genai_prices_command(broken)
    assert found is None
    assert "does not run" in why
    assert "rich_argparse is not installed" in why
    working = _script(tmp_path / "ok", "echo priced")
    assert genai_prices_command(working) == ((working,), "")


def test_without_the_peer_the_report_prints_no_ratio_to_it() -> None:
    found = cases(("modelvs",), None)
    assert [c.name for c in found if "genai" in c.name] == []
    timed = [Timed(c, 0.2, 0.2, 0.2) for c in found]
    lines = report(timed, "genai-prices' CLI is not installed", "a timer")
    assert "No ratio to genai-prices: genai-prices' CLI is not installed." in lines
    assert not [line for line in lines if line.startswith("cost / genai-prices")]
    assert (
        f"| `modelvs compare {PAIR[0]} {PAIR[1]}` | 0.200 | 0.200 | 0.200 | 1.0 | - | <= 30x python -c pass |"
        in lines
    )
