"""Apply hand-reviewed facts to the catalog: each value with the page it was checked against.

A review is a JSON object per model (`id`, the facts, `capabilities`, `sources` mapping each
field to a URL, `benchmarks`). Reviewed values become curated: sync never overwrites them,
and the imported value they replace is kept as an alternative with its source.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from modelvs.schema.model import MODEL_FACTS
from modelvs.sync.fields import Records, add_alternative, get, set_
from modelvs.sync.own_records import MAINTAINERS

_DATES = ("release_date", "deprecation_date", "retirement_date")


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
        _apply(records[("model", model_id)], review, today)
        applied.append(model_id)
    return records, applied, unmatched


def _apply(raw: dict[str, Any], review: dict[str, Any], today: dt.date) -> None:
    sources: dict[str, str] = review.get("sources", {})
    keys: dict[str, str] = {}

    def cite(url: str) -> str:
        if url not in keys:
            key = f"review-{len(keys) + 1}"
            keys[url] = key
            raw.setdefault("citations", {})[key] = {"source": MAINTAINERS, "url": url, "checked": today}
        return keys[url]

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
        url = sources.get(f"capabilities.{cap}") or sources.get("capabilities")
        if url is not None:
            _curate(raw, f"capabilities.{cap}", bool(value), cite(url))
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


def _curate(raw: dict[str, Any], field: str, value: Any, key: str) -> None:
    provenance = raw.setdefault("provenance", {})
    current, holder = get(raw, field), provenance.get(field)
    if current is not None and current != value and holder is not None and not holder.startswith("review-"):
        add_alternative(raw, field, current, holder)
    set_(raw, field, value)
    provenance[field] = key


def _full_date(text: object) -> dt.date | None:
    """A full ISO date, or None: a month alone is not a day and is not invented."""
    try:
        return dt.date.fromisoformat(text) if isinstance(text, str) else None
    except ValueError:
        return None
