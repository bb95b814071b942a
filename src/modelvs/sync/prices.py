"""A raw route's current prices, component by component: what the change report and holds compare."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from modelvs.engine.changes import schedule_components
from modelvs.schema import PriceSchedule

Component = tuple[str, str]
"""(mode, component): `("standard", "input")`, `("batch", "tier>200000.output")`."""


def current_components(route: dict[str, Any], today: dt.date) -> dict[Component, Decimal]:
    """Every priced component of the schedules in effect on `today`, per mode (the latest start
    wins where two overlap)."""
    current: dict[str, PriceSchedule] = {}
    for raw in route.get("prices", []):
        schedule = PriceSchedule.model_validate(raw)
        if not schedule.applies_on(today):
            continue
        held = current.get(schedule.mode.value)
        if held is None or (schedule.effective_from or dt.date.min) >= (held.effective_from or dt.date.min):
            current[schedule.mode.value] = schedule
    return {
        (mode, name): value
        for mode, schedule in current.items()
        for name, value in schedule_components(schedule).items()
    }
