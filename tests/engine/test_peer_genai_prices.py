"""Peer check: routes whose prices came from genai-prices cost the same with our engine as with
`genai_prices.calc_price`, request by request, to the exact Decimal.

Requests are drawn with a fixed seed for every such route, on every day one of its schedules
starts or ends (and on `ON`), in every mode genai-prices prices: without cache, with cached
tokens, and with prompts just below, at and just above each tier threshold. Routes that differ
for a stated reason are listed in `peer_exceptions.toml`; a listed route that no longer differs
fails too, so the file stays true.
"""

from __future__ import annotations

import datetime as dt
import functools
import random
import tomllib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from modelvs.catalog import Catalog
from modelvs.catalog.layout import route_model
from modelvs.engine.pricing import price_request, route_limits
from modelvs.engine.workload import Request
from modelvs.schema import PriceSchedule, Route
from modelvs.schema.vocab import PriceMode
from tests.engine.test_pricing import ON, shipped
from tests.genai_windows import moment_for

genai_prices = pytest.importorskip("genai_prices")
genai_data = pytest.importorskip("genai_prices.data")

pytestmark = pytest.mark.sources

SEED = 20261124
EXCEPTIONS = Path(__file__).with_name("peer_exceptions.toml")
CONTEXTS: dict[PriceMode, tuple[dict[str, str] | None, ...]] = {
    PriceMode.STANDARD: (None,),
    PriceMode.BATCH: ({"processing": "batch"},),
    PriceMode.FLEX: ({"service_tier": "flex"},),
    # The importer reads OpenAI's `fast` tier as priority where no priority variant exists.
    PriceMode.PRIORITY: ({"service_tier": "priority"}, {"service_tier": "fast"}),
    PriceMode.OFF_PEAK: (None,),  # off-peak is a time of day, not a price context
}
"""genai-prices' price context for each of our modes, in order of preference."""
MAX_OUTPUT = 32_768
"""Largest answer drawn: a route's own limit is used when it is lower."""
MAX_PROMPT = 1_000_000
"""Largest prompt drawn at random: a route's own limit is used when it is lower."""


@dataclass(frozen=True)
class Case:
    """One request priced both ways."""

    route: str
    day: dt.date
    mode: PriceMode
    kind: str
    request: Request
    ours: Decimal | None
    theirs: Decimal
    why: str | None

    def describe(self) -> str:
        r = self.request
        tokens = f"{r.input_tokens:,} in ({r.cached_tokens:,} cached) + {r.output_tokens:,} out"
        ours = self.ours if self.ours is not None else f"impossible: {self.why}"
        where = f"{self.route} {self.mode.value} on {self.day} [{self.kind}]"
        return f"{where} {tokens}: ours {ours}, genai-prices {self.theirs}"


@dataclass
class Run:
    """Every case, and the routes genai-prices could not resolve back to their entry."""

    cases: list[Case] = field(default_factory=list)
    routes: set[str] = field(default_factory=set)
    unresolved: list[str] = field(default_factory=list)

    def differing(self) -> dict[str, list[Case]]:
        found: dict[str, list[Case]] = {}
        for case in self.cases:
            if case.ours != case.theirs:
                found.setdefault(case.route, []).append(case)
        return found


def genai_schedules(route: Route) -> list[PriceSchedule]:
    # A free tier is another genai-prices entry (the `:free` id) at $0: nothing to compare.
    return [
        s
        for s in route.prices
        if route.citations[s.citation].source == "genai-prices" and s.mode is not PriceMode.FREE
    ]


def entry_of(route: Route, schedules: list[PriceSchedule]) -> tuple[str, str]:
    """(genai-prices provider id, model id) from the citation's locator `<provider>.models.<model>`.

    The locator keeps genai-prices' own provider id (`aws`, not our `amazon-bedrock`), so no
    mapping back is needed.
    """
    locator = route.citations[schedules[0].citation].locator or ""
    provider, _, model = locator.partition(".models.")
    return provider, model


def match_ids(clause: Any) -> Iterator[str]:
    """Ids a genai-prices match clause accepts: its exact ids, and its prefixes (which match themselves)."""
    for attr in ("equals", "starts_with"):
        if hasattr(clause, attr):
            yield str(getattr(clause, attr))
    for inner in getattr(clause, "or_", ()):
        yield from match_ids(inner)


def model_ref(route: Route, provider: Any, model: Any, own_id: str | None = None) -> str | None:
    """An id `calc_price` resolves to exactly this genai-prices entry (the API id first)."""
    first = own_id or route.provider_model_id
    for ref in dict.fromkeys((first, str(model.id), *match_ids(model.match))):
        try:
            found = genai_prices.calc_price(
                genai_prices.Usage(input_tokens=1), model_ref=ref, provider_id=provider.id
            )
        except LookupError:
            continue
        if found.model is model:
            return ref
    return None


def context_for(mode: PriceMode, model: Any) -> dict[str, str] | None:
    whens = [v.when for v in model.price_variants or ()]
    options = CONTEXTS[mode]
    chosen: dict[str, str] | None = next((c for c in options if c in whens), options[0])
    return chosen


def check_days(schedules: list[PriceSchedule]) -> list[dt.date]:
    """`ON` and every day a schedule starts, or is last in effect."""
    days = {ON}
    for s in schedules:
        if s.effective_from:
            days.add(s.effective_from)
        if s.effective_until:
            days.add(s.effective_until - dt.timedelta(days=1))
    return sorted(days)


def requests_for(
    rng: random.Random, schedule: PriceSchedule, prompt_cap: int, answer_cap: int
) -> Iterator[tuple[str, int, int, int]]:
    """(kind, prompt, cached, answer): random requests within the limits, and every tier's edges.

    Tier edges are drawn even past the route's limits: a tier our limits make unreachable is a
    difference to explain. A route with no output price (embeddings) gets no output tokens.
    """
    cap = answer_cap if schedule.output is not None else 0
    for _ in range(2):
        prompt = rng.randint(1, prompt_cap)
        yield "no cache", prompt, 0, rng.randint(0, cap)
        yield "cached", prompt, rng.randint(1, prompt), rng.randint(0, cap)
    for tier in schedule.tiers:
        for kind, prompt in (
            ("below tier", tier.threshold - 1),
            ("at tier", tier.threshold),
            ("above tier", tier.threshold + 1),
        ):
            yield kind, prompt, 0, rng.randint(0, cap)
            yield f"{kind}, cached", prompt, rng.randint(1, prompt), rng.randint(0, cap)


def check_route(catalog: Catalog, rid: str, rng: random.Random, run: Run) -> None:
    route = catalog.routes[rid]
    schedules = genai_schedules(route)
    provider_id, model_id = entry_of(route, schedules)
    provider = next(p for p in genai_data.providers if p.id == provider_id)
    model = next(m for m in provider.models if m.id == model_id)
    limits = route_limits(catalog.models[route_model(rid)], route)
    prompt_cap = min(limits.max_input or limits.context_window or MAX_PROMPT, MAX_PROMPT)
    answer_cap = min(limits.max_output or MAX_OUTPUT, MAX_OUTPUT)
    for day in check_days(schedules):
        for schedule in (s for s in schedules if s.applies_on(day)):
            entry, context = model, context_for(schedule.mode, model)
            if schedule.provider_model_id:
                # A mode folded in from its own id (`...:batch`) is that entry's own price.
                entry = next(
                    m
                    for m in provider.models
                    if schedule.provider_model_id in (m.id, *match_ids(m.match))
                    or schedule.provider_model_id.endswith("/" + m.id)
                )
                context = None
            ref = model_ref(route, provider, entry, schedule.provider_model_id)
            if ref is None:
                run.unresolved.append(rid)
                return
            run.routes.add(rid)
            when = moment_for(entry, schedule.mode.value, day)
            for kind, prompt, cached, answer in requests_for(rng, schedule, prompt_cap, answer_cap):
                request = Request(prompt, answer, cached_tokens=cached, mode=schedule.mode)
                ours = price_request(catalog, rid, request, day, complete=False)
                usage = genai_prices.Usage(
                    input_tokens=prompt, cache_read_tokens=cached, output_tokens=answer
                )
                theirs = genai_prices.calc_price(
                    usage,
                    model_ref=ref,
                    provider_id=provider_id,
                    genai_request_timestamp=when,
                    price_context=context,
                )
                # A fallback to the standard price is a difference even when the figures agree.
                total = ours.total if ours.mode is schedule.mode else None
                why = ours.impossible or (None if ours.mode is schedule.mode else "; ".join(ours.notes))
                run.cases.append(Case(rid, day, schedule.mode, kind, request, total, theirs.total_price, why))


@functools.cache
def peer_run() -> Run:
    catalog = shipped()
    rng = random.Random(SEED)
    run = Run()
    for rid in sorted(catalog.routes):
        if genai_schedules(catalog.routes[rid]):
            check_route(catalog, rid, rng, run)
    return run


def exceptions() -> dict[str, str]:
    listed = tomllib.loads(EXCEPTIONS.read_text(encoding="utf-8"))["exception"]
    routes = [item["route"] for item in listed]
    assert len(routes) == len(set(routes)), "a route is listed twice in peer_exceptions.toml"
    assert all(item.get("reason", "").strip() for item in listed), "every exception needs a reason"
    return {item["route"]: item["reason"] for item in listed}


def test_peer_check_covers_every_genai_route_and_case() -> None:
    run = peer_run()
    assert run.unresolved == []
    assert len(run.routes) >= 1700
    assert len(run.cases) >= 10_000
    kinds = Counter(case.kind for case in run.cases)
    modes = Counter(case.mode for case in run.cases)
    for kind in ("no cache", "cached", "below tier", "at tier", "above tier", "above tier, cached"):
        assert kinds[kind] >= 100, kind
    assert modes[PriceMode.BATCH] >= 500
    assert len({case.day for case in run.cases}) > 1  # dated schedules are checked on their own days


def test_prices_match_genai_prices_exactly() -> None:
    differing = peer_run().differing()
    listed = exceptions()
    unexpected = [cases[0].describe() for rid, cases in sorted(differing.items()) if rid not in listed]
    assert not unexpected, f"{len(unexpected)} route(s) differ from genai-prices:\n" + "\n".join(
        unexpected[:40]
    )
    stale = sorted(set(listed) - set(differing))
    assert not stale, f"listed in {EXCEPTIONS.name} but no longer differ: {stale}"
