"""The change report of a sync: what each source gave, new and removed models and routes, price and
lifecycle changes, and what was held for review. Pure: records in, a report out.

A written sync keeps its report in the catalog (`data/changes/<date>.toml`, schema `ChangeLog`),
which `/changes`, its Atom feed and `modelvs check` read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from modelvs.sources.outcome import Outcome
from modelvs.sync.fields import Records
from modelvs.sync.holds import Hold
from modelvs.sync.prices import current_components

LIFECYCLE = ("status", "deprecation_date", "retirement_date")


@dataclass(frozen=True)
class PriceMove:
    """One current price component of a route, before and after (None: not priced)."""

    route: str
    mode: str
    component: str
    old: Decimal | None
    new: Decimal | None
    source: str | None

    @property
    def percent(self) -> Decimal | None:
        """The move as a percentage of the old price, when both are priced and the old is not 0."""
        if self.old is None or self.new is None or self.old == 0:
            return None
        return (self.new - self.old) * 100 / self.old


@dataclass(frozen=True)
class RecordMove:
    """A model or route added or removed."""

    id: str
    change: str
    name: str | None = None


@dataclass(frozen=True)
class LifecycleMove:
    id: str
    field: str
    old: str | None
    new: str | None


@dataclass(frozen=True)
class ChangeReport:
    """Everything a sync did (or, dry, would do)."""

    day: dt.date
    sources: tuple[Outcome, ...] = ()
    prices: tuple[PriceMove, ...] = ()
    models: tuple[RecordMove, ...] = ()
    routes: tuple[RecordMove, ...] = ()
    lifecycle: tuple[LifecycleMove, ...] = ()
    held: tuple[Hold, ...] = ()
    files_touched: int = 0
    written: bool = False
    errors: tuple[str, ...] = field(default=())
    """Problems that stopped the write (the catalog is unchanged)."""

    @property
    def failed(self) -> tuple[Outcome, ...]:
        return tuple(o for o in self.sources if o.failed)

    def as_dict(self) -> dict[str, Any]:
        """The report as JSON values: exact decimals as strings, dates as `YYYY-MM-DD`."""
        return {
            "date": self.day.isoformat(),
            "written": self.written,
            "files_touched": self.files_touched,
            "sources": [o.as_dict() for o in self.sources],
            "held": [{"id": h.id, "what": h.what, "reason": h.reason} for h in self.held],
            "models": [{"id": m.id, "change": m.change, "name": m.name} for m in self.models],
            "routes": [{"id": r.id, "change": r.change} for r in self.routes],
            "prices": [
                {
                    "route": p.route,
                    "mode": p.mode,
                    "component": p.component,
                    "old": _text(p.old),
                    "new": _text(p.new),
                    "percent": _text(p.percent.quantize(Decimal("0.1"))) if p.percent is not None else None,
                    "source": p.source,
                }
                for p in self.prices
            ],
            "lifecycle": [{"id": c.id, "field": c.field, "old": c.old, "new": c.new} for c in self.lifecycle],
            "errors": list(self.errors),
        }


def _text(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")


def report_of(
    before: Records,
    after: Records,
    today: dt.date,
    sources: Sequence[Outcome] = (),
    held: Sequence[Hold] = (),
) -> ChangeReport:
    """The report of a sync that turns `before` into `after` (models, routes, prices, lifecycle)."""
    models: list[RecordMove] = []
    routes: list[RecordMove] = []
    prices: list[PriceMove] = []
    lifecycle: list[LifecycleMove] = []
    for key in sorted(before.keys() | after.keys()):
        kind, rid = key
        if kind not in ("model", "route"):
            continue
        old, new = before.get(key), after.get(key)
        if old == new:
            continue
        if old is None or new is None:
            change, raw = ("added", new) if old is None else ("removed", old)
            assert raw is not None
            bucket = models if kind == "model" else routes
            bucket.append(RecordMove(rid, change, raw.get("name") if kind == "model" else None))
            continue
        lifecycle += [
            LifecycleMove(rid, f, _plain(old.get(f)), _plain(new.get(f)))
            for f in LIFECYCLE
            if old.get(f) != new.get(f)
        ]
        if kind == "route" and old.get("prices") != new.get("prices"):
            prices += _price_moves(rid, old, new, today)
    return ChangeReport(
        today, tuple(sources), tuple(prices), tuple(models), tuple(routes), tuple(lifecycle), tuple(held)
    )


def _price_moves(route_id: str, old: dict[str, Any], new: dict[str, Any], today: dt.date) -> list[PriceMove]:
    was, now = current_components(old, today), current_components(new, today)
    cite = new.get("provenance", {}).get("prices")
    source = new.get("citations", {}).get(cite, {}).get("source") if cite else None
    return [
        PriceMove(route_id, mode, component, was.get((mode, component)), now.get((mode, component)), source)
        for mode, component in sorted(was.keys() | now.keys())
        if was.get((mode, component)) != now.get((mode, component))
    ]


def _plain(value: Any) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def log_entry(report: ChangeReport, earlier: dict[str, Any] | None) -> dict[str, Any]:
    """The day's `changes/<date>.toml` record: an earlier sync's of the same day, with this one's
    changes added and its holds (the pending ones) in place of the earlier list."""
    log: dict[str, Any] = {k: list(v) if isinstance(v, list) else dict(v) for k, v in (earlier or {}).items()}
    snapshots = dict(log.get("snapshots", {}))
    snapshots.update({o.id: o.version for o in report.sources if o.version is not None and not o.failed})
    log["snapshots"] = dict(sorted(snapshots.items()))
    rows: dict[str, list[dict[str, Any]]] = {
        "prices": [
            _compact(
                {"route": p.route, "mode": p.mode, "component": p.component}
                | {"old": p.old, "new": p.new, "source": p.source}
            )
            for p in report.prices
        ],
        "models": [_compact({"id": m.id, "change": m.change, "name": m.name}) for m in report.models],
        "routes": [{"id": r.id, "change": r.change} for r in report.routes],
        "lifecycle": [
            _compact({"id": c.id, "field": c.field, "old": c.old, "new": c.new}) for c in report.lifecycle
        ],
    }
    for name, new in rows.items():
        combined = list(log.get(name, [])) + new
        if combined:
            log[name] = combined
        else:
            log.pop(name, None)
    held = [{"id": h.id, "what": h.what, "reason": h.reason} for h in report.held]
    if held:
        log["held"] = held
    else:
        log.pop("held", None)
    return log


def _compact(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if v is not None}


def latest_holds(records: Records) -> list[dict[str, Any]]:
    """The holds the newest change log lists: pending until a sync finds them gone or accepted."""
    days = sorted(rid for kind, rid in records if kind == "change")
    return list(records[("change", days[-1])].get("held", [])) if days else []
