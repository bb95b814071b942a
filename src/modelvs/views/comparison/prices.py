"""Prices by route: every route of a model, the lab's own first, then vetted, then the rest, each
schedule in effect (mode and tier) with its rates; the price history apart; sources once per table.
"""

from __future__ import annotations

import datetime as dt
import weakref
from collections.abc import Callable, Hashable, Iterable, Iterator
from decimal import Decimal
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar

from modelvs.catalog import Catalog
from modelvs.catalog.layout import route_qualifier, split_route_id
from modelvs.catalog.sourcing import SourceRef, source_ref
from modelvs.catalog.trust import assess, is_vetted, lab_route, route_tie, route_trust
from modelvs.formatting import count, usd
from modelvs.schema.pricing import TOKEN_COMPONENTS, Rates
from modelvs.schema.vocab import TRUST_LABELS, PriceMode
from modelvs.views.blocks import Cell, Row, SourceNote, Table
from modelvs.views.comparison.page import RoutePrices

if TYPE_CHECKING:
    from modelvs.schema import PriceSchedule, Route

T = TypeVar("T")
MODE_ORDER = {m: i for i, m in enumerate(PriceMode)}
RATE_COLUMNS = ("Input", "Output", "Cache read", "Cache write", "Other")
CURRENT_COLUMNS = ("Provider", "Route", "Mode", "Applies to", *RATE_COLUMNS, "Source")
HISTORY_COLUMNS = ("Provider", "Mode", "Applies to", *RATE_COLUMNS, "In effect", "Source")
_SHOWN = ("input", "output", "cache_read")
PHONE_OMITS = ("Cache write", "Other", "Source")
"""Columns of a price table a phone leaves out: input, output and cache-read rates stay. The
stylesheet names and hides these tables' columns by position (`site.css`, "Prices by route")."""


def source_text(ref: SourceRef) -> str:
    """A source as a legend names it: `genai-prices 0.2.3 (MIT), retrieved 2026-10-14`."""
    return f"{ref['name']} ({ref['license']}), retrieved {ref['retrieved']}"


def dated(ref: SourceRef | None) -> str:
    """When a value was checked (else retrieved), and where: a cell's hover detail."""
    if ref is None:
        return "no source recorded"
    when = f"checked {ref['checked']}" if ref["checked"] else f"retrieved {ref['retrieved']}"
    return f"{ref['name']}, {when}" + (f", {ref['url']}" if ref["url"] else "")


class Legend:
    """Numbers the sources of one table, each source once, in order of first use."""

    def __init__(self, catalog: Catalog) -> None:
        self._catalog = catalog
        self._numbers: dict[str, tuple[int, SourceRef]] = {}

    def number(self, ref: SourceRef | None) -> int | None:
        if ref is None:
            return None
        found = self._numbers.setdefault(ref["name"], (len(self._numbers) + 1, ref))
        return found[0]

    def cell(self, ref: SourceRef | None) -> Cell:
        n = self.number(ref)
        return Cell(str(n) if n is not None else "none", note=dated(ref), source=n)

    def notes(self) -> tuple[SourceNote, ...]:
        sources = self._catalog.sources
        return tuple(
            SourceNote(n, source_text(ref), sources[ref["source"]].url if ref["source"] in sources else None)
            for n, ref in self._numbers.values()
        )


def _rate_cells(rates: Rates, base: Rates | None = None) -> tuple[Cell, ...]:
    """Input, output, cache read, cache write and other components; a tier inherits what it omits."""

    def get(name: str) -> Decimal | None:
        value: Decimal | None = getattr(rates, name)
        return value if value is not None or base is None else getattr(base, name)

    cells = [Cell(usd(v)) if (v := get(c)) is not None else Cell("—") for c in _SHOWN]
    writes = rates.cache_write or (base.cache_write if base is not None else {})
    cells.append(Cell(", ".join(f"{ttl} {usd(v)}" for ttl, v in writes.items()) or "—"))
    other = [
        f"{c.replace('_', ' ')} {usd(v)}"
        for c in TOKEN_COMPONENTS
        if c not in _SHOWN and (v := get(c)) is not None
    ]
    cells.append(Cell(", ".join(other) or "—"))
    return tuple(cells)


def _applies(threshold: int | None, inclusive: bool) -> str:
    if threshold is None:
        return "all requests"
    return f"prompts {'of at least' if inclusive else 'over'} {count(threshold)} tokens"


def _rows(
    catalog: Catalog,
    provider: Cell,
    lead: tuple[Cell, ...],
    route: Route,
    schedule: PriceSchedule,
    legend: Legend,
) -> list[Row]:
    cite = route.citations.get(schedule.citation)
    source = legend.cell(source_ref(catalog, cite) if cite is not None else None)
    per_unit = tuple(f"per {u.value.replace('_', ' ')} {usd(v)}" for u, v in schedule.per_unit.items())
    rows = []
    for threshold, inclusive, rates in [
        (None, False, schedule),
        *((t.threshold, t.comparison.value == ">=", t) for t in schedule.tiers),
    ]:
        cells = list(_rate_cells(rates, None if rates is schedule else schedule))
        if per_unit:
            other = cells[-1].text
            cells[-1] = Cell(", ".join(([] if other == "—" else [other]) + list(per_unit)))
        mode = Cell(schedule.mode.value)
        rows.append(Row(provider, (*lead, mode, Cell(_applies(threshold, inclusive)), *cells, source)))
    return rows


def price_sources(catalog: Catalog, model_ids: Iterable[str]) -> Iterator[SourceRef]:
    """The source of every price schedule of the models' routes (current and past)."""
    for mid in model_ids:
        yield from memo(("sources", mid), catalog, partial(_price_sources, catalog, mid))


def _price_sources(catalog: Catalog, model_id: str) -> tuple[SourceRef, ...]:
    return tuple(
        source_ref(catalog, route.citations[s.citation])
        for rid in catalog.routes_by_model.get(model_id, ())
        for route in (catalog.routes[rid],)
        for s in route.prices
        if s.citation in route.citations
    )


_MEMO: dict[tuple[int, Hashable], tuple[weakref.ref[Catalog], Any]] = {}


def memo(key: Hashable, catalog: Catalog, make: Callable[[], T]) -> T:
    """`make()`, kept per catalog and key: for what is the same for every workload (these tables,
    a page's workload-independent sections)."""
    full = (id(catalog), key)
    hit = _MEMO.get(full)
    if hit is not None and hit[0]() is catalog:
        found: T = hit[1]
        return found
    value = make()
    if len(_MEMO) >= 4096:
        _MEMO.clear()
    _MEMO[full] = (weakref.ref(catalog), value)
    return value


def route_fees(catalog: Catalog, model_ids: Iterable[str]) -> tuple[str, ...]:
    """What each provider of the models' routes charges on top of its rates, each fee once."""
    ids = {split_route_id(rid)[0] for mid in model_ids for rid in catalog.routes_by_model.get(mid, ())}
    providers = sorted((catalog.providers[p] for p in ids), key=lambda p: p.name.lower())
    return tuple(f"{p.name} fee: {f.description}" for p in providers for f in p.fees)


def route_order(catalog: Catalog, model_id: str, on: dt.date) -> list[str]:
    """A model's routes: the lab's own first, then vetted ones, then the rest, each by `route_tie`."""
    own = lab_route(catalog, model_id)

    def key(rid: str) -> tuple[int, int, int, str, str]:
        tie = route_tie(route_trust(catalog, rid), split_route_id(rid)[0], rid)
        return (rid != own, not is_vetted(catalog, rid, on), *tie)

    return sorted(catalog.routes_by_model.get(model_id, ()), key=key)


def _trust_cell(catalog: Catalog, rid: str, own: str | None, on: dt.date) -> Cell:
    text = "lab's own API" if rid == own else TRUST_LABELS[route_trust(catalog, rid)]
    found = assess(catalog, rid, on)
    if not is_vetted(catalog, rid, on):
        text += ", not vetted"
    note = f"prices quarantined: {found.flag}" if found.quarantined else None
    return Cell(text, note=note)


def route_prices(catalog: Catalog, model_id: str, name: str, on: dt.date) -> RoutePrices:
    """Every route of one model with its schedules in effect on `on`, and its price history."""
    return memo(("prices", model_id, name, on), catalog, lambda: _route_prices(catalog, model_id, name, on))


def _route_prices(catalog: Catalog, model_id: str, name: str, on: dt.date) -> RoutePrices:
    own = lab_route(catalog, model_id)
    current, history = Legend(catalog), Legend(catalog)
    rows: list[Row] = []
    past: list[Row] = []
    order = route_order(catalog, model_id, on)
    vetted = sum(1 for rid in order if is_vetted(catalog, rid, on))
    for rid in order:
        route = catalog.routes[rid]
        pid = split_route_id(rid)[0]
        provider = catalog.providers[pid]
        qualifier = route_qualifier(rid)
        head = Cell(provider.name + (f" @{qualifier}" if qualifier else ""), href=f"/providers/{pid}")
        trust = _trust_cell(catalog, rid, own, on)
        schedules = sorted(route.prices, key=lambda s: (MODE_ORDER[s.mode], s.effective_from or dt.date.min))
        live = [s for s in schedules if s.applies_on(on)]
        if not live:
            rows.append(
                Row(
                    head,
                    (
                        trust,
                        Cell("—"),
                        Cell("no price in effect"),
                        *(Cell("") for _ in RATE_COLUMNS),
                        Cell(""),
                    ),
                )
            )
        for s in live:
            rows += _rows(catalog, head, (trust,), route, s, current)
        for s in schedules:
            if not s.applies_on(on):
                for r in _rows(catalog, head, (), route, s, history):
                    *front, source = r.cells
                    past.append(Row(r.head, (*front, Cell(_span(s)), source)))
    routes = len(order)
    summary = (
        f"{name}: {routes} route{'s' if routes != 1 else ''} ({vetted} vetted), the lab's own first"
        if own
        else f"{name}: {routes} route{'s' if routes != 1 else ''} ({vetted} vetted)"
    )
    caption = f"{name}: prices in effect on {on.isoformat()}, USD per 1M tokens"
    table = Table(
        f"prices-{model_id}", caption, CURRENT_COLUMNS, tuple(rows), current.notes(), PHONE_OMITS, False
    )
    old = (
        Table(
            f"history-{model_id}",
            f"Price history of {name}, USD per 1M tokens",
            HISTORY_COLUMNS,
            tuple(past),
            history.notes(),
            PHONE_OMITS,
            False,
        )
        if past
        else None
    )
    return RoutePrices(model_id, summary, table, old)


def _span(s: PriceSchedule) -> str:
    start = s.effective_from.isoformat() if s.effective_from else None
    end = s.effective_until.isoformat() if s.effective_until else None
    if start and end:
        return f"{start} to {end}"
    return f"from {start}" if start else f"until {end}"
