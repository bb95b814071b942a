"""Changes a sync holds for review instead of publishing: big moves on the prices readers check first.

A **flagship** is a current text model that its lab sells on its own API and that has an Arena
rating: the models people compare, whose lab prices they check against the lab's page. The rule is
computed from the catalog, so it follows new models without a list to keep up to date.

Held (the catalog keeps the old value, the report and `modelvs check` say why) are:
- a current price component of a flagship's lab route that moves by more than half its old value,
  or that stops being priced;
- a flagship, or its lab route, that disappears.

`modelvs sync --accept ID` (a route or model id) publishes that record's change anyway.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from modelvs.catalog.layout import route_qualifier, split_route_id
from modelvs.sync.fields import Key, Records
from modelvs.sync.prices import current_components

HALF = Decimal("0.5")
ARENA = "lmarena"
"""The benchmark whose rating makes a lab's current text model a flagship."""


@dataclass(frozen=True)
class Hold:
    """A change kept out of the catalog until a reviewer accepts it."""

    id: str
    """The route or model id."""
    what: str
    reason: str


def flagships(records: Records, today: dt.date) -> dict[str, str]:
    """Flagship model id -> its lab route id (see the module's rule)."""
    rated = {
        rid.split(":", 1)[1] for kind, rid in records if kind == "result" and rid.startswith(f"{ARENA}:")
    }
    found: dict[str, str] = {}
    for model_id in sorted(rated):
        raw = records.get(("model", model_id))
        if raw is None or raw.get("kind") != "text" or not _current(raw, today):
            continue
        route = lab_route(records, model_id)
        if route is not None:
            found[model_id] = route
    return found


def lab_route(records: Records, model_id: str) -> str | None:
    """The lab's own plain route of a model (as `catalog.trust.lab_route` picks it, on raw records)."""
    lab = model_id.split("/", 1)[0]
    found = []
    for kind, rid in records:
        if kind != "route" or route_qualifier(rid) is not None:
            continue
        provider_id, model = split_route_id(rid)
        if model != model_id:
            continue
        provider = records.get(("provider", provider_id), {})
        if provider.get("lab") == lab and provider.get("trust") == "first_party":
            found.append((provider.get("region") is not None, rid))
    return min(found)[1] if found else None


def _current(raw: dict[str, Any], today: dt.date) -> bool:
    if raw.get("status") in ("deprecated", "retired"):
        return False
    return all(raw.get(f) is None or raw[f] > today for f in ("deprecation_date", "retirement_date"))


def hold_back(
    before: Records, after: Records, today: dt.date, accept: Collection[str] = ()
) -> tuple[Records, list[Hold]]:
    """`after` with every held change undone (the records stay as in `before`), and the holds."""
    kept = dict(after)
    holds: list[Hold] = []
    for model_id, route_id in flagships(before, today).items():
        if model_id in accept or route_id in accept:
            continue
        if ("model", model_id) not in after or ("route", route_id) not in after:
            gone = model_id if ("model", model_id) not in after else route_id
            reason = "a flagship disappearing is held for review"
            holds.append(Hold(gone, "removed", reason))
            for key in _records_of(before, after, model_id):
                _restore(kept, before, key)
            continue
        moves = _big_moves(before[("route", route_id)], after[("route", route_id)], today)
        if moves:
            reason = "a flagship's lab price moving by more than half is held for review"
            holds.append(Hold(route_id, "; ".join(moves), reason))
            _restore(kept, before, ("route", route_id))
    return kept, holds


def _records_of(before: Records, after: Records, model_id: str) -> list[Key]:
    """The model's own record, its routes and its results, in either state."""
    found = []
    for key in before.keys() | after.keys():
        kind, rid = key
        if kind == "model":
            owner = rid
        elif kind == "route":
            owner = split_route_id(rid)[1]
        elif kind == "result":
            owner = rid.split(":", 1)[1]
        else:
            continue
        if owner == model_id:
            found.append(key)
    return sorted(found)


def _restore(records: Records, before: Records, key: Key) -> None:
    if key in before:
        records[key] = before[key]
    else:
        records.pop(key, None)


def _big_moves(old: dict[str, Any], new: dict[str, Any], today: dt.date) -> list[str]:
    was, now = current_components(old, today), current_components(new, today)
    moves = []
    for (mode, component), price in sorted(was.items()):
        after = now.get((mode, component))
        if after is None:
            moves.append(f"{mode} {component} {price:f} -> not priced")
        elif abs(after - price) > price * HALF:
            moves.append(f"{mode} {component} {price:f} -> {after:f}")
    return moves
