"""Apply hand-reviewed facts to the catalog: each value with the page it was checked against.

A review is a JSON object per model:

- `id` (any name the catalog resolves), the facts (`release_date`, `status`, `retirement_date`,
  `billed_as`, `modalities_in`, ...) and `capabilities` (id -> yes/no);
- `sources`: field -> the page's URL, or `{"url": ..., "checked": "YYYY-MM-DD"}` when the copy of
  the page read is dated (an archived copy); `checked` at the top dates every page of the review
  (default: the day of the review);
- `routes`: `[{"provider": ..., "url": ..., "checked": ..., "prices": [schedule, ...], "status": ...,
  "deprecation_date": ..., "retirement_date": ..., "billed_as": ...}]`: a route's reviewed prices
  (schedules as in `data/`, amounts as strings) and lifecycle;
- `benchmarks`: self-reported scores with their date and page.

Reviewed values become curated: sync never overwrites them, and the value each replaces is kept
as an alternative with its source.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from modelvs.schema.model import MODEL_FACTS
from modelvs.schema.pricing import TOKEN_COMPONENTS
from modelvs.sources.registry import HISTORY_SOURCE
from modelvs.sync.fields import Records, add_alternative, get, set_
from modelvs.sync.own_records import MAINTAINERS
from modelvs.sync.price_history import current_by_mode, with_history

_DATES = ("release_date", "deprecation_date", "retirement_date", "first_listed")
_ROUTE_FACTS = ("status", "deprecation_date", "retirement_date", "billed_as")
_SCHEDULE_DATES = ("effective_from", "effective_until")


def apply_reviews(
    records: Records,
    reviews: list[dict[str, Any]],
    benchmarks: list[dict[str, Any]],
    resolve: Callable[[str], str | None],
    today: dt.date,
) -> tuple[Records, list[str], list[str]]:
    """Records with the reviews applied, the model ids reviewed, and reviews that matched nothing."""
    records = copy.deepcopy(records)
    for bench in benchmarks:
        fields = ("name", "description", "metric", "higher_is_better", "url", "names")
        records[("benchmark", bench["id"])] = {k: bench[k] for k in fields if k in bench}
    applied: list[str] = []
    unmatched: list[str] = []
    for review in reviews:
        model_id = resolve(review["id"])
        if model_id is None or ("model", model_id) not in records:
            unmatched.append(review["id"])
            continue
        checked = _full_date(review.get("checked")) or today
        _apply(records[("model", model_id)], review, today, checked)
        for route in review.get("routes", []):
            key = ("route", f"{route['provider']}:{model_id}")
            if key not in records:
                unmatched.append(f"{review['id']} on {route['provider']}")
                continue
            _apply_route(records[key], route, checked)
        applied.append(model_id)
    return records, applied, unmatched


class _Citer:
    """Curated citation keys of one record: one per page, reused when the page is cited again."""

    def __init__(self, raw: dict[str, Any], checked: dt.date) -> None:
        self.raw = raw
        self.checked = checked

    def __call__(self, page: str | dict[str, Any]) -> str:
        url = page if isinstance(page, str) else str(page["url"])
        day = self.checked if isinstance(page, str) else _full_date(page.get("checked")) or self.checked
        citations: dict[str, Any] = self.raw.setdefault("citations", {})
        wanted = {"source": MAINTAINERS, "url": url, "checked": day}
        found = next((str(k) for k, c in citations.items() if c == wanted), None)
        if found is not None:
            return found
        n = 1
        while f"review-{n}" in citations:
            n += 1
        citations[f"review-{n}"] = wanted
        return f"review-{n}"


def _apply(raw: dict[str, Any], review: dict[str, Any], today: dt.date, checked: dt.date) -> None:
    sources: dict[str, Any] = review.get("sources", {})
    cite = _Citer(raw, checked)
    for name in MODEL_FACTS:
        if name == "capabilities":
            continue  # capabilities are reviewed one by one below
        value = review.get(name)
        if name in _DATES:
            value = _full_date(value)
        if value is None or name not in sources:
            continue
        _curate(raw, name, value, cite(sources[name]))
    for cap, value in review.get("capabilities", {}).items():
        page = sources.get(f"capabilities.{cap}") or sources.get("capabilities")
        if page is not None:
            _curate(raw, f"capabilities.{cap}", bool(value), cite(page))
    results = []
    for result in review.get("benchmarks", []):
        if _full_date(result.get("date")) is None or not result.get("url"):
            continue  # a score without its publication date or page cannot be cited
        row = {
            "benchmark": result["benchmark"],
            "score": Decimal(str(result["score"])),
            "date": _full_date(result["date"]),
            "self_reported": bool(result["self_reported"]),
            "citation": cite(result["url"]),
        }
        row |= {k: result[k] for k in ("version", "harness") if result.get(k)}
        results.append(row)
    if results:
        raw["benchmarks"] = results
    raw["reviewed"] = today


def _apply_route(raw: dict[str, Any], review: dict[str, Any], checked: dt.date) -> None:
    """A route's reviewed lifecycle and prices; the prices they replace stay as alternatives."""
    cite = _Citer(raw, checked)
    key = cite({"url": review["url"], "checked": review.get("checked")})
    for name in _ROUTE_FACTS:
        value = _full_date(review.get(name)) if name.endswith("_date") else review.get(name)
        if value is not None:
            _curate(raw, name, value, key)
    if "prices" not in review:
        return
    # A schedule read from another copy of the page names its own `url` and `checked`.
    schedules = [
        _schedule(s, cite({"url": s["url"], "checked": s.get("checked")}) if "url" in s else key)
        for s in review["prices"]
    ]
    old = raw.get("prices", [])
    mine = current_by_mode(schedules)
    for mode, schedule in current_by_mode([s for s in old if s["citation"] != HISTORY_SOURCE]).items():
        for component in TOKEN_COMPONENTS:
            before, after = schedule.get(component), mine.get(mode, {}).get(component)
            if before is not None and before != after:
                add_alternative(raw, f"prices.{mode}.{component}", before, schedule["citation"])
    raw["prices"] = with_history(schedules, [s for s in old if s["citation"] == HISTORY_SOURCE])
    raw.setdefault("provenance", {})["prices"] = key


def _schedule(given: dict[str, Any], key: str) -> dict[str, Any]:
    schedule: dict[str, Any] = {"mode": given.get("mode", "standard")}
    for name, value in given.items():
        if name in TOKEN_COMPONENTS:
            schedule[name] = Decimal(str(value))
        elif name in _SCHEDULE_DATES:
            schedule[name] = _full_date(value)
        elif name == "cache_write":
            schedule[name] = {ttl: Decimal(str(v)) for ttl, v in value.items()}
    schedule["citation"] = key
    return schedule


def _curate(raw: dict[str, Any], field: str, value: Any, key: str) -> None:
    provenance = raw.setdefault("provenance", {})
    current, holder = get(raw, field), provenance.get(field)
    if current is not None and current != value and holder is not None and holder != key:
        add_alternative(raw, field, current, holder)
    set_(raw, field, value)
    provenance[field] = key


def _full_date(text: object) -> dt.date | None:
    """A full ISO date, or None: a month alone is not a day and is not invented."""
    try:
        return dt.date.fromisoformat(text) if isinstance(text, str) else None
    except ValueError:
        return None
