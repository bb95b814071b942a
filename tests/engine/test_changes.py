"""Price changes from dated schedules: exactly what changed, when, and from which source."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from modelvs.engine.changes import by_date, price_changes, schedule_components
from modelvs.schema import PriceSchedule
from tests.engine.test_pricing import build, route

D = Decimal
CUT = dt.date(2026, 10, 1)


def test_one_change_between_two_dated_schedules() -> None:
    catalog = build(
        {
            "p:lab/m": route(
                {"input": "2", "output": "8", "effective_until": CUT},
                {"input": "1.5", "output": "8", "effective_from": CUT},
            )
        }
    )
    changes = price_changes(catalog)
    assert len(changes) == 1
    (change,) = changes
    assert (change.route, change.mode, change.component) == ("p:lab/m", "standard", "input")
    assert (change.old, change.new, change.effective) == (D("2"), D("1.5"), CUT)
    assert change.direction == "down"
    assert change.source is not None
    assert change.source["source"] == "test"
    assert change.key == "2026-10-01/p:lab/m/standard/input"


def test_same_rates_new_source_is_not_a_change() -> None:
    catalog = build(
        {"p:lab/m": route({"input": "2", "effective_until": CUT}, {"input": "2", "effective_from": CUT})}
    )
    assert price_changes(catalog) == []


def test_modes_tiers_and_added_components_newest_first() -> None:
    later = dt.date(2026, 11, 1)
    catalog = build(
        {
            "p:lab/m": route(
                {"input": "1", "effective_until": CUT},
                {"input": "1", "cache_read": "0.1", "effective_from": CUT, "effective_until": later},
                {
                    "input": "1",
                    "cache_read": "0.1",
                    "effective_from": later,
                    "tiers": [{"threshold": 1000, "input": "3"}],
                },
                {"mode": "batch", "input": "0.5", "effective_until": later},
                {"mode": "batch", "input": "0.6", "effective_from": later},
            ),
            "q:lab/other": route({"input": "1"}),
        }
    )
    changes = price_changes(catalog)
    assert [(c.effective, c.mode, c.component, c.direction) for c in changes] == [
        (later, "batch", "input", "up"),
        (later, "standard", "tier>1000.input", "added"),
        (CUT, "standard", "cache_read", "added"),
    ]
    assert [d for d, _ in by_date(changes)] == [later, CUT]
    assert price_changes(catalog, provider="q") == []
    assert len(price_changes(catalog, model="lab/m")) == 3


def test_schedule_components_flatten_every_price() -> None:
    schedule = PriceSchedule.model_validate(
        {
            "input": "1",
            "cache_write": {"5m": "1.25"},
            "per_unit": {"request": "0.01"},
            "tiers": [{"threshold": 200000, "comparison": ">=", "output": "9"}],
            "citation": "t",
        }
    )
    assert schedule_components(schedule) == {
        "input": D("1"),
        "cache_write.5m": D("1.25"),
        "per_unit.request": D("0.01"),
        "tier>=200000.output": D("9"),
    }


def test_a_syncs_logged_change_joins_the_dated_ones_on_its_day() -> None:
    import dataclasses

    from modelvs.engine.changes import logged_changes, pending_holds
    from modelvs.schema.changelog import ChangeLog

    base = build(
        {
            "p:lab/m": route(
                {"input": "2", "output": "8", "effective_until": CUT},
                {"input": "1.5", "output": "8", "effective_from": CUT},
            )
        }
    )
    base = dataclasses.replace(base, changes={})
    day = dt.date(2026, 12, 5)
    log = ChangeLog.model_validate(
        {
            "snapshots": {"test": "20261205T140424Z-abc"},
            "prices": [
                {
                    "route": "p:lab/m",
                    "mode": "standard",
                    "component": "output",
                    "old": "8",
                    "new": "6",
                    "source": "test",
                },
                # The same change a dated schedule already shows is listed once.
                {"route": "p:lab/m", "mode": "standard", "component": "input", "old": "2", "new": "1.5"},
                {"route": "gone:lab/x", "mode": "standard", "component": "input", "old": "1", "new": "2"},
            ],
            "held": [{"id": "p:lab/m", "what": "standard input 1.5 -> 0.1", "reason": "held"}],
        }
    )
    catalog = dataclasses.replace(base, changes={day.isoformat(): log, "2026-10-01": ChangeLog(prices=[])})
    assert [c.key for c in logged_changes(catalog)][:1] == ["2026-12-05/p:lab/m/standard/output"]
    changes = price_changes(catalog)
    assert [(c.effective, c.component, c.old, c.new) for c in changes] == [
        (day, "output", D(8), D(6)),
        (CUT, "input", D(2), D("1.5")),
    ]
    assert changes[0].source is not None
    assert changes[0].source["name"] == "test 20261205T140424Z-abc"
    assert [h.id for h in pending_holds(catalog)] == ["p:lab/m"]
    assert pending_holds(base) == []
