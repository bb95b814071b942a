import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from modelvs.sources import aider

RUNS = b"""
- dirname: 2025-06-25--o3-high
  test_cases: 225
  model: o3 (high)
  edit_format: diff
  pass_rate_2: 79.6
  percent_cases_well_formed: 95.1
  command: aider --model o3 --reasoning-effort high
  date: 2025-06-25
  seconds_per_case: 113.8
  total_cost: 111.0347
- dirname: 2025-05-24--sonnet-4-thinking
  test_cases: 225
  model: claude-sonnet-4-20250514
  edit_format: diff
  pass_rate_2: 61.3
  command: aider --model openrouter/anthropic/claude-sonnet-4-20250514
  thinking_tokens: 32000
  date: 2025-05-24
  total_cost: 0.0000
- dirname: 2025-01-23--r1-architect
  test_cases: 225
  model: DeepSeek R1 + claude-3-5-sonnet-20241022
  edit_format: architect
  editor_model: claude-3-5-sonnet-20241022
  pass_rate_2: 64.0
  date: 2025-01-23
"""


def translated() -> aider.Proposal:
    return aider.translate(aider.parse(RUNS), dt.date(2026, 12, 1), "test")


def test_numbers_are_read_as_decimals_from_their_text() -> None:
    first = translated().results[0]
    assert first.values["score"] == Decimal("79.6")
    assert first.values["measures"] == {
        "well_formed": Decimal("95.1"),
        "seconds_per_case": Decimal("113.8"),
        "run_cost": Decimal("111.0347"),
    }
    assert first.values["samples"] == 225
    assert first.values["harness"] == "edit format diff"


def test_the_setting_comes_from_the_name_or_else_the_command() -> None:
    o3, sonnet = translated().results
    assert o3.values["setting"] == "High"
    assert o3.names[0] == "o3"
    assert sonnet.values["setting"] == "32000 thinking tokens"
    # The command's id without its routing prefixes, then as written.
    assert sonnet.names == ("claude-sonnet-4-20250514", "openrouter/anthropic/claude-sonnet-4-20250514")


def test_a_zero_cost_is_no_cost_and_an_architect_pair_joins_no_model() -> None:
    proposal = translated()
    assert "run_cost" not in proposal.results[1].values["measures"]
    assert [locator for locator, _ in proposal.skipped] == ["2025-01-23--r1-architect"]


def test_a_run_without_its_score_names_the_run() -> None:
    with pytest.raises(aider.AiderFormatError, match=r"run 1: missing pass_rate_2"):
        aider.parse(b"- {dirname: x, model: m, edit_format: diff, date: 2025-01-01, test_cases: 1}")


@pytest.mark.sources
def test_the_recorded_leaderboard_reads_whole() -> None:
    raw, version = aider.fetch()
    runs = aider.parse(raw)
    assert len(runs) == 69
    assert "5dc9490" in version
    proposal = aider.translate(runs, dt.date(2026, 12, 1), version)
    assert len(proposal.results) + len(proposal.skipped) == 69


def test_a_missing_file_says_how_to_pass_one(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        aider.fetch(tmp_path / "none.yml")
