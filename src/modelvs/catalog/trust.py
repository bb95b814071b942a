"""Which routes default answers may use: trust levels, price sanity and completeness.

Rules (the methodology page states them):
- A route's trust is its provider's (`first_party`, `major_cloud`, `established`, `reseller`);
  a lab's own API selling another lab's model counts as an established host.
- A route is vetted when its trust is one of `VETTED_TRUST`, it serves the plain model (no
  `@variant`), its provider is not a regional endpoint (mainland China prices are that market's),
  it is not retired, and its prices are not quarantined.
- Sanity: a route's current standard input and output rates are set against the model's
  reference price: the lab's own route, else the median of the other vetted routes (at least
  two). A rate above $1,000 per 1M tokens, a free input with a priced output (or the reverse), a
  ratio that looks like a unit slip (per token, per 1k, per character, a currency), or a ratio
  outside 0.5x to 3x is flagged; for an open-weights model a low price alone is not a flag (hosts
  compete on it). A flagged route is quarantined until a reviewer confirms it (`price_check`).
- Completeness: a route that lacks a long-context tier, a cache-read or cache-write price, or a
  batch price that the lab's own route has is incomplete for a request that needs it: its cost
  for that request is unknown, never cheaper.
Pure: the catalog and a date in, assessments out (memoised per catalog and date, built per model
as routes are asked for, so one comparison assesses only its models' routes).
"""

from __future__ import annotations

import datetime as dt
import statistics
import weakref
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from modelvs.catalog.catalog import Catalog
from modelvs.catalog.layout import route_model, route_qualifier, split_route_id
from modelvs.catalog.lifecycle import Stage, stage
from modelvs.schema.vocab import (
    TRUST_RANK,
    VETTED_TRUST,
    ModelKind,
    PriceMode,
    ProviderTrust,
    ThresholdComparison,
)

if TYPE_CHECKING:
    from modelvs.schema import PriceSchedule, Route

TRUST_RULE = (
    "Every provider has a reviewed trust level with its reason: the lab's own API (for the lab's own"
    " models; a lab's API selling another lab's model counts as an established host), a major cloud,"
    " an established inference host or aggregator with public list prices, or another reseller."
)
SANITY_RULE = (
    "A route's standard input and output prices are checked against the model's reference price: the"
    " lab's own route, else the median of at least two other vetted routes. A price above $1,000 per 1M"
    " tokens, a free input with a priced output (or the reverse), or a price outside 0.5x to 3x the lab's"
    " list price of a closed model (0.1x to 10x for open weights or a median; half or less is never a"
    " list price) is flagged, with the unit"
    " slip it looks like (per token, per 1k tokens, a currency) where one fits. A flagged route is"
    " quarantined: shown with the warning, left out of default answers, until a reviewer confirms it."
)
COMPLETENESS_RULE = (
    "A route that lacks a price component the lab's own route has (a long-context tier, a cache-read or"
    " cache-write price, a batch price) has an unknown cost for a workload that needs it, with the reason:"
    " it is never cheaper because of the gap."
)
ABSURD = Decimal(1000)
"""USD per 1M tokens above which no list price lies: a unit slip."""
LOW, HIGH = Decimal("0.5"), Decimal(3)
"""A route's rate outside LOW..HIGH times its lab's list price (closed weights) is flagged."""
WIDE_LOW, WIDE_HIGH = Decimal("0.1"), Decimal(10)
"""The band for open weights, and for a median of hosts as the reference."""
_SLIPS: tuple[tuple[Decimal, str], ...] = (
    (Decimal(1_000_000), "per token read as per 1M tokens"),
    (Decimal(1000), "per 1k tokens read as per 1M tokens"),
    (Decimal("0.000001"), "per 1M tokens read as per token"),
    (Decimal("0.001"), "per 1M tokens read as per 1k tokens"),
    (Decimal("7.1"), "a price in Chinese yuan read as US dollars"),
    (Decimal(1) / Decimal("7.1"), "a price in US dollars divided as if it were yuan"),
)
"""Ratios to the reference that point at a unit slip, with what the slip is."""


@dataclass(frozen=True)
class Gaps:
    """Price components the lab's own route has and this route lacks."""

    tier_above: int | None = None
    """The lab's lowest long-context threshold, when this route has no tier at or below it."""
    tier_inclusive: bool = False
    """Whether the lab's tier starts at the threshold itself (`>=`)."""
    tier_text: str = ""
    cache_read: bool = False
    cache_write: bool = False
    batch: bool = False

    def __bool__(self) -> bool:
        return self.tier_above is not None or self.cache_read or self.cache_write or self.batch


NO_GAPS = Gaps()


@dataclass(frozen=True)
class Assessment:
    """What the trust rules say about one route on one day."""

    trust: ProviderTrust
    reference: str | None
    """What its prices were checked against (`the lab's own route`, `the median of 4 vetted routes`)."""
    flag: str | None
    """Why its prices look wrong, when they do."""
    confirmed: bool
    """A reviewer confirmed the prices (`price_check`): a flag does not quarantine them."""
    gaps: Gaps
    vetted: bool = False
    """Whether default answers may use the route on that day (the module's rules)."""

    @property
    def quarantined(self) -> bool:
        return self.flag is not None and not self.confirmed


class _Assessed:
    """The assessments of one catalog on one day, built per model as routes are asked for."""

    def __init__(self, catalog: Catalog, on: dt.date) -> None:
        self.catalog = weakref.ref(catalog)
        self.on = on
        self.by_route: dict[str, Assessment] = {}
        self.done: set[str] = set()
        """Models whose routes are all in `by_route`."""
        self.whole = False

    def route(self, catalog: Catalog, route_id: str) -> Assessment:
        found = self.by_route.get(route_id)
        if found is None:
            self.model(catalog, route_model(route_id))
            found = self.by_route[route_id]
        return found

    def model(self, catalog: Catalog, model_id: str) -> None:
        if model_id not in self.done:
            # Assigned whole, then marked done: a thread reading meanwhile sees a model either
            # missing (and assesses it too, to the same values) or complete.
            self.by_route.update(_assess_model(catalog, model_id, self.on))
            self.done.add(model_id)

    def everything(self, catalog: Catalog) -> dict[str, Assessment]:
        if not self.whole:
            for model_id in catalog.routes_by_model:
                self.model(catalog, model_id)
            self.whole = True
        return self.by_route


_MEMO: dict[tuple[int, dt.date], _Assessed] = {}
_MEMO_DAYS = 16
"""Catalog-days kept: a server asks for one day at a time, tests for a few."""


def _assessed(catalog: Catalog, on: dt.date) -> _Assessed:
    key = (id(catalog), on)
    hit = _MEMO.get(key)
    if hit is not None and hit.catalog() is catalog:
        return hit
    if len(_MEMO) >= _MEMO_DAYS:
        _MEMO.clear()
    made = _MEMO[key] = _Assessed(catalog, on)
    return made


def assessments(catalog: Catalog, on: dt.date) -> dict[str, Assessment]:
    """Every route's assessment on `on` (computed once per catalog and day; do not modify)."""
    return _assessed(catalog, on).everything(catalog)


def assess(catalog: Catalog, route_id: str, on: dt.date) -> Assessment:
    """One route's assessment on `on`: only its model's routes are assessed (once per catalog and day)."""
    return _assessed(catalog, on).route(catalog, route_id)


def is_vetted(catalog: Catalog, route_id: str, on: dt.date) -> bool:
    """Whether default answers may use this route (see the module's rules)."""
    return assess(catalog, route_id, on).vetted


def route_tie(trust: ProviderTrust, provider_id: str, route_id: str) -> tuple[int, str, str]:
    """How routes of equal cost are ordered (`engine.monthly.TIE_RULE`): by `trust` (the route's,
    `route_trust`: the lab's own API, major clouds, established hosts, other resellers), then by
    provider id, then by route id."""
    return (TRUST_RANK[trust], provider_id, route_id)


def route_trust(catalog: Catalog, route_id: str) -> ProviderTrust:
    provider_id, model_id = split_route_id(route_id)
    provider = catalog.providers[provider_id]
    if provider.trust is ProviderTrust.FIRST_PARTY and provider.lab != model_id.split("/", 1)[0]:
        return ProviderTrust.ESTABLISHED
    return provider.trust


def lab_route(catalog: Catalog, model_id: str) -> str | None:
    """The lab's own plain route of a model (a first-party provider of the model's lab), if any;
    the lab's worldwide API before a regional one (mainland China prices are that market's)."""
    lab = model_id.split("/", 1)[0]
    found = []
    for rid in catalog.routes_by_model.get(model_id, ()):
        provider = catalog.providers[split_route_id(rid)[0]]
        own = provider.lab == lab and provider.trust is ProviderTrust.FIRST_PARTY
        if own and route_qualifier(rid) is None:
            found.append((provider.region is not None, rid))
    return min(found)[1] if found else None


def _standard(route: Route, on: dt.date) -> PriceSchedule | None:
    return next((s for s in route.prices if s.mode is PriceMode.STANDARD and s.applies_on(on)), None)


def _assess_model(catalog: Catalog, model_id: str, on: dt.date) -> dict[str, Assessment]:
    """The assessment of every route of one model: a route is checked against its model's others."""
    route_ids = catalog.routes_by_model.get(model_id, ())
    trust = {rid: route_trust(catalog, rid) for rid in route_ids}
    model = catalog.models.get(model_id)
    open_weights = model is not None and model.open_weights is True
    own = lab_route(catalog, model_id)
    own_schedule = _standard(catalog.routes[own], on) if own else None
    vetted = {
        rid: s
        for rid in route_ids
        if trust[rid] in VETTED_TRUST
        and route_qualifier(rid) is None
        and (s := _standard(catalog.routes[rid], on)) is not None
    }
    found: dict[str, Assessment] = {}
    for rid in route_ids:
        route = catalog.routes[rid]
        schedule = _standard(route, on)
        reference, rates = _reference(rid, own, own_schedule, vetted)
        # A variant (fast mode, a quantization) has its own price: only the plain route is checked.
        plain = route_qualifier(rid) is None
        text = model is None or model.kind in (None, ModelKind.TEXT)
        flag = None
        if schedule is not None and plain:
            flag = _flag(schedule, rates, by_lab=own is not None, open_weights=open_weights, text=text)
        gaps = _gaps(route, catalog.routes[own], on) if own and rid != own else NO_GAPS
        confirmed = route.price_check is not None
        usable = (
            trust[rid] in VETTED_TRUST
            and plain
            and not (flag is not None and not confirmed)
            # A regional endpoint's prices are that market's (mainland China).
            and catalog.providers[split_route_id(rid)[0]].region is None
            and stage(route, on) is not Stage.RETIRED
        )
        found[rid] = Assessment(trust[rid], reference, flag, confirmed, gaps, usable)
    return found


def _reference(
    rid: str, own: str | None, own_schedule: PriceSchedule | None, vetted: dict[str, PriceSchedule]
) -> tuple[str | None, tuple[Decimal | None, Decimal | None]]:
    if own_schedule is not None and rid != own:
        return "the lab's own route", (own_schedule.input, own_schedule.output)
    if own is not None and rid == own:
        return None, (None, None)  # the lab's own price is the reference itself
    others = [s for r, s in vetted.items() if r != rid]
    if len(others) < 2:
        return None, (None, None)
    inputs = [s.input for s in others if s.input is not None]
    outputs = [s.output for s in others if s.output is not None]
    median_in = statistics.median(inputs) if len(inputs) >= 2 else None
    median_out = statistics.median(outputs) if len(outputs) >= 2 else None
    return f"the median of {len(others)} vetted routes", (median_in, median_out)


def _flag(
    schedule: PriceSchedule,
    reference: tuple[Decimal | None, Decimal | None],
    *,
    by_lab: bool,
    open_weights: bool,
    text: bool,
) -> str | None:
    rates = (("input", schedule.input, reference[0]), ("output", schedule.output, reference[1]))
    for name, rate, _ in rates:
        if rate is not None and rate > ABSURD:
            return f"{name} ${rate} per 1M tokens is above any list price (${ABSURD})"
    one_free = (
        schedule.input is not None
        and schedule.output is not None
        and (schedule.input == 0) != (schedule.output == 0)
    )
    if text and one_free:
        return "one of input and output is free and the other is not"
    low, high = _band(by_lab=by_lab, open_weights=open_weights)
    for name, rate, ref in rates:
        if rate is None or ref is None or ref == 0 or rate == 0:
            continue
        ratio = rate / ref
        if low < ratio <= high:
            continue  # half the lab's list price or less is a batch or promotional price, not a list price
        slip = next((what for factor, what in _SLIPS if abs(ratio / factor - 1) < Decimal("0.04")), None)
        why = f" ({slip}?)" if slip else ""
        return f"{name} ${rate} per 1M tokens is {_times(ratio)} the reference ${ref}{why}"
    return None


def _band(*, by_lab: bool, open_weights: bool) -> tuple[Decimal, Decimal]:
    """How far from the reference a price may lie: a lab's list price of a closed model is the
    price; open weights are hosted on all kinds of hardware, and a median is a weaker reference."""
    if by_lab and not open_weights:
        return LOW, HIGH
    return WIDE_LOW, WIDE_HIGH


def _times(ratio: Decimal) -> str:
    return f"{ratio:.2f}x" if ratio >= Decimal("0.01") else f"{ratio:.2E}x"


def _gaps(route: Route, own: Route, on: dt.date) -> Gaps:
    mine, theirs = _standard(route, on), _standard(own, on)
    if mine is None or theirs is None:
        return NO_GAPS
    tier_above, inclusive, text = None, False, ""
    if theirs.tiers:
        first = theirs.tiers[0]
        if not any(t.threshold <= first.threshold for t in mine.tiers):
            tier_above = first.threshold
            inclusive = first.comparison is ThresholdComparison.GE
            text = f"{first.comparison.value} {first.threshold:,} tokens"
    has_batch = any(s.mode is PriceMode.BATCH and s.applies_on(on) for s in own.prices)
    mine_batch = any(s.mode is PriceMode.BATCH and s.applies_on(on) for s in route.prices)
    return Gaps(
        tier_above,
        inclusive,
        text,
        cache_read=theirs.cache_read is not None and mine.cache_read is None,
        cache_write=bool(theirs.cache_write) and not mine.cache_write,
        batch=has_batch and not mine_batch,
    )
