"""The change report: models and routes added and removed, price and lifecycle moves, the day's log."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from modelvs.schema.changelog import ChangeLog
from modelvs.sources.outcome import Outcome
from modelvs.sync.fields import Records
from modelvs.sync.holds import Hold
from modelvs.sync.report import LifecycleMove, PriceMove, RecordMove, latest_holds, log_entry, report_of

TODAY = dt.date(2026, 12, 5)
ROUTE = "openai:openai/gpt-4o"


def route(**rates: object) -> dict[str, object]:
    schedule = {"input": Decimal("2.5"), "output": Decimal(10), "citation": "g"} | rates
    return {
        "prices": [schedule],
        "citations": {"g": {"source": "genai-prices"}},
        "provenance": {"prices": "g"},
    }


BEFORE: Records = {
    ("model", "openai/gpt-4o"): {"name": "GPT-4o"},
    ("model", "openai/gpt-3"): {"name": "GPT-3"},
    ("route", ROUTE): route(),
    ("route", "openai:openai/gpt-3"): route(),
}
AFTER: Records = {
    ("model", "openai/gpt-4o"): {"name": "GPT-4o", "deprecation_date": dt.date(2027, 1, 14)},
    ("model", "openai/gpt-6"): {"name": "GPT-6"},
    ("route", ROUTE): route(input=Decimal(2), cache_read=Decimal("1.25")),
    ("route", "openai:openai/gpt-6"): route(),
}


def test_the_report_lists_what_moved() -> None:
    report = report_of(BEFORE, AFTER, TODAY)
    assert report.models == (
        RecordMove("openai/gpt-3", "removed", "GPT-3"),
        RecordMove("openai/gpt-6", "added", "GPT-6"),
    )
    assert report.routes == (
        RecordMove("openai:openai/gpt-3", "removed"),
        RecordMove("openai:openai/gpt-6", "added"),
    )
    assert report.prices == (
        PriceMove(ROUTE, "standard", "cache_read", None, Decimal("1.25"), "genai-prices"),
        PriceMove(ROUTE, "standard", "input", Decimal("2.5"), Decimal(2), "genai-prices"),
    )
    assert report.prices[1].percent == Decimal(-20)
    assert report.lifecycle == (LifecycleMove("openai/gpt-4o", "deprecation_date", None, "2027-01-14"),)


def test_a_dated_schedule_not_yet_in_effect_is_not_a_current_change() -> None:
    later = dict(BEFORE)
    schedules = [
        *route()["prices"],
        {"input": Decimal(1), "citation": "g", "effective_from": dt.date(2027, 1, 1)},
    ]  # type: ignore[list-item]
    later[("route", ROUTE)] = {**route(), "prices": schedules}
    assert report_of(BEFORE, later, TODAY).prices == ()
    assert report_of(BEFORE, later, dt.date(2027, 1, 2)).prices[0].new == Decimal(1)


def test_the_json_report_is_exact() -> None:
    outcome = Outcome("genai-prices", "new", "20261205T140424Z-abc", "https://example.test/data.json")
    held = Hold(ROUTE, "standard input 2.5 -> 0.1", "a flagship's lab price moving by more than half")
    data = report_of(BEFORE, AFTER, TODAY, [outcome], [held]).as_dict()
    assert data["prices"][1] == {
        "route": ROUTE,
        "mode": "standard",
        "component": "input",
        "old": "2.5",
        "new": "2",
        "percent": "-20.0",
        "source": "genai-prices",
    }
    assert data["sources"] == [
        {
            "source": "genai-prices",
            "state": "new",
            "version": "20261205T140424Z-abc",
            "detail": "https://example.test/data.json",
        }
    ]
    assert data["held"] == [{"id": ROUTE, "what": held.what, "reason": held.reason}]


def test_the_days_log_adds_to_an_earlier_sync_of_the_day_and_keeps_only_the_current_holds() -> None:
    first = report_of(BEFORE, AFTER, TODAY, [Outcome("genai-prices", "new", "v1", "")], [Hold("x", "w", "r")])
    log = log_entry(first, None)
    ChangeLog.model_validate(log)
    assert log["snapshots"] == {"genai-prices": "v1"}
    assert len(log["prices"]) == 2
    second = report_of(AFTER, {**AFTER, ("route", ROUTE): route(input=Decimal(3))}, TODAY)
    again = log_entry(second, log)
    ChangeLog.model_validate(again)
    assert len(again["prices"]) == 4  # the morning's two, then the evening's
    assert "held" not in again  # the evening's sync held nothing: the morning's hold is resolved
    assert latest_holds(
        {("change", "2026-12-04"): {"held": [{"id": "a"}]}, ("change", "2026-12-05"): log}
    ) == [{"id": "x", "what": "w", "reason": "r"}]
    assert latest_holds({}) == []
