"""The views of a re-priced log: the JSON record, the report's words, Markdown, CSV and the chart."""

from __future__ import annotations

import io
from typing import Any

import pytest

import modelvs
from modelvs.views import svg
from modelvs.views.records import as_dict
from modelvs.views.reprice import cost_chart, csv_text, markdown, report, reprice_page, reprice_view
from tests.usage.conftest import FIXTURES

HEADER = "date,provider,model,input_tokens,output_tokens,cached_input_tokens,requests,cost\n"


def _view(text: str, *alternatives: str) -> dict[str, Any]:
    return as_dict(reprice_view(modelvs.reprice(io.StringIO(text), as_=alternatives, suggest=0)))


@pytest.fixture(scope="module")
def usage() -> dict[str, Any]:
    text = (FIXTURES / "usage.csv").read_text(encoding="utf-8")
    return _view(text, "claude-opus-4-7", "gpt-4o-2024-11-20")


def test_the_json_contract_carries_exact_money(usage: dict[str, Any]) -> None:
    for key in (
        "rows",
        "priced_rows",
        "unpriced",
        "reported_total",
        "repriced_total",
        "by_model",
        "alternatives",
    ):
        assert key in usage
    assert (usage["repriced_total"], usage["reported_total"]) == ("0.92425", "0.31575")
    assert usage["unpriced"] == [
        {
            "file": None,
            "line": 6,
            "model": "gpt-4o-2024-11-20",
            "reason": "prompt over the 128,000-token context limit",
        }
    ]
    gpt = usage["by_model"][0]
    assert (gpt["model"], gpt["repriced"], gpt["reported"]) == ("openai/gpt-4o-2024-11-20", "0.179", "0.1795")
    assert gpt["difference"] == {
        "rows": 2,
        "requests": 11,
        "before": "0.1795",
        "after": "0.179",
        "difference": "-0.0005",
    }
    opus, gpt4o = usage["alternatives"]
    # On Claude Opus 4.7 (Anthropic's API), every row runs:
    # 600 x 5 + 400 cached x 0.50 + 200 x 25 = 0.0082; 14,000 x 5 + 5,000 x 6.25 + 1,000 x 10 + 1,000 x 25
    # = 0.13625; batch 300,000 x 2.50 + 1,000 x 12.50 = 0.7625; 50,000 x 5 + 5,000 x 25 = 0.375;
    # 200,000 x 5 + 100 x 25 = 1.0025; total 2.28445
    assert (opus["model"], opus["route"], opus["total"]) == (
        "anthropic/claude-opus-4-7", "anthropic:anthropic/claude-opus-4-7", "2.28445",
    )  # fmt: skip
    assert (gpt4o["unpriced_rows"], gpt4o["reasons"][0]["kind"]) == (2, "impossible")
    assert [d["day"] for d in usage["by_day"]] == ["2026-11-05", "2026-11-06", "2026-11-07"]


def test_the_report_states_totals_differences_and_what_was_not_priced(usage: dict[str, Any]) -> None:
    found = report(usage)
    assert found.summary[1].startswith("Re-priced as logged: $0.92 for 4 rows")
    assert "a difference of −$0.0005" in found.summary[2]
    assert "1 row could not be priced, never counted as $0" in found.summary[3]
    assert [t.id for t in found.tables] == ["reprice-models", "reprice-alternatives", "reprice-unpriced"]
    assert found.tables[2].rows == (
        ("6", "gpt-4o-2024-11-20", "prompt over the 128,000-token context limit"),
    )


def test_markdown_and_csv_keep_hostile_strings_inert() -> None:
    hostile = '"<img src=x onerror=alert(1)>|# **x**\x1b[2J"'
    view = _view(HEADER + f"2026-11-05,openai,{hostile},10,5,0,1,\n", "gpt-4o-2024-11-20")
    text = markdown(report(view))
    assert "<img" not in text
    assert "\x1b" not in text
    assert "&lt;img src=x onerror=alert(1)&gt;\\|# \\*\\*x\\*\\*\\[2J |" in text  # one cell, no markup
    assert "\x1b" not in csv_text(view)


def test_the_chart_is_cost_per_day_against_each_alternative(usage: dict[str, Any]) -> None:
    chart = cost_chart(usage)
    assert chart is not None
    assert chart.kind == "line"
    assert [s.name for s in chart.series] == [
        "Reported by the log",
        "Re-priced as logged",
        "Claude Opus 4.7",
        "GPT-4o (2024-11-20)",
    ]
    assert [float(p.x) for p in chart.series[1].points] == [0, 1, 2]  # days since the first
    _, marks = svg.ticks(chart.x)
    assert all(m == int(m) for m in marks)  # ticks on whole days
    drawn = svg.render(chart)
    assert drawn.startswith("<svg")
    assert chart.table.rows[0].head.text == "2026-11-05"
    one_day = _view(HEADER + "2026-11-05,openai,gpt-4o-2024-11-20,1000,100,0,1,\n", "claude-opus-4-7")
    single = cost_chart(one_day)
    assert single is not None
    assert single.kind == "bars"
    nothing = _view(HEADER + "2026-11-05,openai,nope-model,1000,100,0,1,\n")
    assert cost_chart(nothing) is None
    page = reprice_page(usage)
    assert (page.repriced_total, page.reported_total) == ("$0.92", "$0.32")
