"""Price changes: what moved, when, on which route, read from the catalog's dated price schedules
and from the change reports syncs keep (`data/changes/`).

A change is a component whose rate differs between two consecutive schedules of the same route
and mode (ordered by `effective_from`); it takes effect on the later schedule's first day. A
schedule that only switches source with the same rates is not a change. A sync that finds a
source's current price changed logs it on the day of the sync. Pure: no clock, no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from itertools import pairwise
from typing import TYPE_CHECKING

from modelvs.catalog import Catalog
from modelvs.catalog.layout import split_route_id
from modelvs.catalog.sourcing import SourceRef, source_ref
from modelvs.schema import Citation, PriceSchedule
from modelvs.schema.pricing import TOKEN_COMPONENTS, Rates

if TYPE_CHECKING:
    from modelvs.schema.changelog import HeldChange
    from modelvs.schema.route import Route


@dataclass(frozen=True)
class PriceChange:
    """One component of one route's price in one mode, changed on `effective`."""

    effective: date
    route: str
    provider: str
    model: str
    mode: str
    component: str
    """`input`, `output`, `cache_read`, `cache_write.5m`, `per_unit.request`, `tier>200000.input`..."""
    old: Decimal | None
    """USD before (per 1M tokens, or per unit); None when the component was not priced."""
    new: Decimal | None
    """USD from `effective` on; None when the component is no longer priced."""
    source: SourceRef | None
    """Where the new price comes from."""

    @property
    def direction(self) -> str:
        """`up`, `down`, `added` or `removed`."""
        if self.old is None:
            return "added"
        if self.new is None:
            return "removed"
        return "up" if self.new > self.old else "down"

    @property
    def move(self) -> tuple[str, str, str, Decimal | None, Decimal | None]:
        """What moved, whatever the day: route, mode, component, old and new."""
        return (self.route, self.mode, self.component, self.old, self.new)

    @property
    def key(self) -> str:
        """A stable identifier (for feed entry ids and anchors)."""
        return f"{self.effective.isoformat()}/{self.route}/{self.mode}/{self.component}"


def _rates(rates: Rates, prefix: str = "") -> dict[str, Decimal]:
    out: dict[str, Decimal] = {}
    for name in TOKEN_COMPONENTS:
        value = getattr(rates, name)
        if value is not None:
            out[prefix + name] = value
    for ttl, value in rates.cache_write.items():
        out[f"{prefix}cache_write.{ttl}"] = value
    return out


def schedule_components(schedule: PriceSchedule) -> dict[str, Decimal]:
    """Every priced component of a schedule, flattened to `name -> USD`."""
    out = _rates(schedule)
    for unit, value in schedule.per_unit.items():
        out[f"per_unit.{unit.value}"] = value
    for tier in schedule.tiers:
        out.update(_rates(tier, f"tier{tier.comparison.value}{tier.threshold}."))
    return out


def route_changes(catalog: Catalog, route_id: str, route: Route) -> Iterator[PriceChange]:
    """Changes between consecutive dated schedules of one route, per mode."""
    provider, model = split_route_id(route_id)
    by_mode: dict[str, list[PriceSchedule]] = {}
    for schedule in route.prices:
        by_mode.setdefault(schedule.mode.value, []).append(schedule)
    for mode, schedules in by_mode.items():
        ordered = sorted(schedules, key=lambda s: s.effective_from or date.min)
        for before, after in pairwise(ordered):
            if after.effective_from is None:
                continue
            old, new = schedule_components(before), schedule_components(after)
            citation = route.citations.get(after.citation)
            source = source_ref(catalog, citation) if citation is not None else None
            for component in sorted(old.keys() | new.keys()):
                if old.get(component) != new.get(component):
                    yield PriceChange(
                        after.effective_from,
                        route_id,
                        provider,
                        model,
                        mode,
                        component,
                        old.get(component),
                        new.get(component),
                        source,
                    )


def price_changes(
    catalog: Catalog,
    *,
    routes: Iterable[str] | None = None,
    provider: str | None = None,
    model: str | None = None,
) -> list[PriceChange]:
    """Every price change in the catalog (or on `routes`), newest first; optionally one provider's
    or one model's (canonical id). Ties sort by route, mode and component."""
    ids = sorted(catalog.routes) if routes is None else list(routes)
    wanted = set(ids)
    found: list[PriceChange] = []
    for rid in ids:
        prov, mid = split_route_id(rid)
        if (provider is not None and prov != provider) or (model is not None and mid != model):
            continue
        found.extend(route_changes(catalog, rid, catalog.routes[rid]))
    # A move a dated schedule shows is listed once, on the day the source dates it.
    seen = {c.move for c in found}
    found.extend(
        c
        for c in logged_changes(catalog)
        if c.route in wanted
        and c.move not in seen
        and (provider is None or c.provider == provider)
        and (model is None or c.model == model)
    )
    found.sort(key=lambda c: (c.route, c.mode, c.component))
    found.sort(key=lambda c: c.effective, reverse=True)
    return found


def by_date(changes: Iterable[PriceChange]) -> list[tuple[date, list[PriceChange]]]:
    """Changes grouped by effective date, keeping their order (newest first when given so)."""
    groups: dict[date, list[PriceChange]] = {}
    for change in changes:
        groups.setdefault(change.effective, []).append(change)
    return list(groups.items())


def logged_changes(catalog: Catalog) -> Iterator[PriceChange]:
    """The price changes syncs logged (`data/changes/<date>.toml`), each on its sync's day, with the
    source and the snapshot that gave the new price."""
    for day, log in sorted(catalog.changes.items()):
        try:
            effective = date.fromisoformat(day)
        except ValueError:
            continue
        for logged in log.prices:
            provider, model = split_route_id(logged.route)
            source = None
            if logged.source is not None and logged.source in catalog.sources:
                source = source_ref(catalog, Citation(source=logged.source, retrieved=effective))
                version = log.snapshots.get(logged.source)
                if version:
                    source["name"] = f"{catalog.sources[logged.source].name} {version}"
            yield PriceChange(
                effective,
                logged.route,
                provider,
                model,
                logged.mode.value,
                logged.component,
                logged.old,
                logged.new,
                source,
            )


def pending_holds(catalog: Catalog) -> list[HeldChange]:
    """The changes the newest sync held for review: the catalog shows the old values until a sync
    publishes them (`modelvs sync --accept ID`) or the source takes them back."""
    if not catalog.changes:
        return []
    return list(catalog.changes[max(catalog.changes)].held)
