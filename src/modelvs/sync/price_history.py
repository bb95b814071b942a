"""Price schedules over time: which are current per mode, and history joined before them."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any


def current_by_mode(schedules: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The schedule in force (no end date) of each price mode; the last one listed wins."""
    by_mode: dict[str, dict[str, Any]] = {}
    for schedule in schedules:
        if schedule.get("effective_until") is None:
            by_mode[schedule.get("mode", "standard")] = schedule
    return by_mode


def with_history(current: list[dict[str, Any]], history: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Current schedules plus closed history periods that end before them, per mode.

    History fills only the time before the current source's earliest schedule of a mode;
    an earliest schedule with no start date begins when the last kept period ends. Modes the
    current source does not price take the history source's schedules whole.
    """
    result = [dict(s) for s in current]
    by_mode: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for schedule in result:
        by_mode[schedule.get("mode", "standard")].append(schedule)
    for period in history:
        mode = period.get("mode", "standard")
        if mode not in by_mode:
            result.append(dict(period))  # a mode the current source does not price
    for mode, schedules in by_mode.items():
        first = min(schedules, key=lambda s: s.get("effective_from") or dt.date.min)
        closed = sorted(
            (dict(p) for p in history if p.get("mode", "standard") == mode and p.get("effective_until")),
            key=lambda p: p.get("effective_from") or dt.date.min,
        )
        start = first.get("effective_from")
        if start is not None:
            kept = [p for p in closed if (p.get("effective_from") or dt.date.min) < start]
            for period in kept:
                period["effective_until"] = min(period["effective_until"], start)
        else:
            end = first.get("effective_until") or dt.date.max
            kept = [p for p in closed if p["effective_until"] < end]
            if kept:
                first["effective_from"] = max(p["effective_until"] for p in kept)
        result.extend(kept)
    return sorted(result, key=lambda s: (s.get("mode", "standard"), s.get("effective_from") or dt.date.min))
