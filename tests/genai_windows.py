"""When to ask genai-prices for a price so it bills the mode the catalog holds.

DeepSeek's peak rate applies in daily windows and its off-peak rate at other hours; the
catalog's standard schedule is the peak rate and `off_peak` the other.
"""

from __future__ import annotations

import datetime as dt
from typing import Any


def moment_for(model: Any, mode: str, day: dt.date) -> dt.datetime:
    """A time on `day` when genai-prices bills `mode`: inside the first priced window for the
    standard (peak) price of a time-of-day model, outside every window off-peak, else noon UTC."""
    spans = [
        (c.constraint.start_time, c.constraint.end_time)
        for c in (model.prices if isinstance(model.prices, list) else [])
        if hasattr(c.constraint, "start_time")
    ]
    minutes = [(a.hour * 60 + a.minute, b.hour * 60 + b.minute) for a, b in spans]
    minute = 12 * 60
    if minutes and mode == "off_peak":
        minute = next(m for m in range(0, 24 * 60, 15) if not any(a <= m < b for a, b in minutes))
    elif minutes:
        minute = minutes[0][0] + 1
    return dt.datetime.combine(day, dt.time(minute // 60, minute % 60), tzinfo=dt.UTC)
