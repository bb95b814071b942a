"""The re-pricing benchmark runs at a tiny size (its figures are for the closing notes, not asserts)."""

from __future__ import annotations

import pytest

from bench import reprice


def test_the_benchmark_runs_at_a_tiny_size(capsys: pytest.CaptureFixture[str]) -> None:
    assert reprice.main(["--rows", "300", "--repeat", "1"]) == 0
    out = capsys.readouterr().out
    assert "300 rows" in out
    assert "re-priced 300 of 300 rows" in out
