"""The change report as Markdown (a pull request's body) and JSON."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

from modelvs.sources.outcome import Outcome
from modelvs.sync.holds import Hold
from modelvs.sync.report import ChangeReport, PriceMove, RecordMove
from modelvs.views.sync_report import report_json, report_markdown

DAY = dt.date(2026, 12, 5)


def test_the_markdown_report_reads_sources_holds_then_changes() -> None:
    report = ChangeReport(
        DAY,
        sources=(
            Outcome("models-dev", "unchanged", "20261201T000000Z-aaa", "not modified"),
            Outcome(
                "openrouter", "failed", None, "https://openrouter.ai/api/v1/models: HTTP 503 (after 4 tries)"
            ),
        ),
        prices=(
            PriceMove("openai:openai/gpt-4o", "standard", "input", Decimal("2.50"), Decimal(2), "litellm"),
        ),
        models=(RecordMove("openai/gpt-6", "added", "GPT-6"),),
        held=(
            Hold(
                "openai:openai/gpt-5",
                "standard input 1.25 -> 0.1",
                "a flagship's lab price moving by more than half",
            ),
        ),
        files_touched=3,
        written=True,
    )
    assert report_markdown(report) == (
        "# modelvs sync report, 2026-12-05\n\n"
        "Written: 3 file(s) changed.\n\n"
        "## Sources\n\n"
        "- models-dev: unchanged 20261201T000000Z-aaa (not modified)\n"
        "- openrouter: **failed**, https://openrouter.ai/api/v1/models: HTTP 503 (after 4 tries); "
        "its values are kept as they were.\n\n"
        "## Held for review (1)\n\n"
        "- openai:openai/gpt-5: standard input 1.25 -> 0.1. A flagship's lab price moving by more than half; "
        "publish it with `modelvs sync --accept openai:openai/gpt-5`.\n\n"
        "## Models: 1 added, 0 removed\n\n"
        "- added openai/gpt-6 (GPT-6)\n\n"
        "## Prices: 1 change(s)\n\n"
        "- openai:openai/gpt-4o standard input: $2.5 -> $2 per 1M (-20.0%) (litellm)\n"
    )


def test_hostile_names_stay_text_and_long_sections_are_cut() -> None:
    hostile = "<script>x</script> [click](https://evil.example) | # heading\n- item"
    models = tuple(RecordMove(f"lab/m{i}", "added", hostile) for i in range(5))
    text = report_markdown(ChangeReport(DAY, models=models), limit=2)
    assert "<script>" not in text
    assert "[click](" not in text
    assert "\n- item" not in text
    assert "&lt;script&gt;" in text
    assert "- ... and 3 more (the JSON report lists every one)" in text
    assert text.count("- added lab/m") == 2


def test_nothing_new_says_so() -> None:
    assert "Nothing new: no file changes." in report_markdown(ChangeReport(DAY))


def test_the_json_report_round_trips_exact_decimals() -> None:
    move = PriceMove("a:b/c", "batch", "tier>200000.input", Decimal("0.0000001"), None, None)
    data = json.loads(report_json(ChangeReport(DAY, prices=(move,))))
    assert data["prices"][0]["old"] == "0.0000001"
    assert data["prices"][0]["new"] is None
