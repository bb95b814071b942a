"""Pricing speed: 100,000 requests priced by our engine and by genai-prices, and a full ranking.

Run: `python -m bench.pricing` (needs the `sources` extra for genai-prices).
"""

from __future__ import annotations

import datetime as dt
import random
import time
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import genai_prices
from genai_prices.data import providers as genai_providers

from modelvs.catalog import Catalog, load_catalog
from modelvs.engine.monthly import RouteCost, route_cost
from modelvs.engine.pricing import price_request, route_limits
from modelvs.engine.workload import DEFAULT_WORKLOAD, Request
from modelvs.schema import Route
from modelvs.schema.vocab import PriceMode

ON = dt.date(2026, 11, 24)
WHEN = dt.datetime.combine(ON, dt.time(12, tzinfo=dt.UTC))
REQUESTS = 100_000
SEED = 7
CONTEXT = {PriceMode.STANDARD: None, PriceMode.BATCH: {"processing": "batch"}}


@dataclass(frozen=True)
class Job:
    """One request, as each engine takes it."""

    route: str
    request: Request
    usage: Any
    model_ref: str
    provider_id: str
    context: dict[str, str] | None


@dataclass(frozen=True)
class Target:
    """A route to price, how genai-prices names it, and the request sizes it accepts."""

    route: str
    model_ref: str
    provider_id: str
    modes: tuple[PriceMode, ...]
    prompt_cap: int
    answer_cap: int


def targets(catalog: Catalog) -> list[Target]:
    """Routes priced from genai-prices that genai-prices resolves back to the same entry."""
    models = {(p.id, m.id): (p, m) for p in genai_providers for m in p.models}
    found = []
    for rid, route in sorted(catalog.routes.items()):
        schedules = [s for s in route.prices if s.applies_on(ON) and _from_genai(route, s.citation)]
        modes = tuple(s.mode for s in schedules if s.mode in CONTEXT)
        standard = next((s for s in schedules if s.mode is PriceMode.STANDARD), None)
        # Token-priced routes only: audio and embedding routes are covered by the peer check.
        if standard is None or standard.input is None or standard.output is None:
            continue
        locator = route.citations[standard.citation].locator or ""
        provider_id, _, model_id = locator.partition(".models.")
        entry = models.get((provider_id, model_id))
        if entry is None or not _resolves(route.provider_model_id, provider_id, entry[1]):
            continue
        limits = route_limits(catalog.models[rid.split(":", 1)[1]], route)
        prompt_cap = min(limits.max_input or limits.context_window or 200_000, 200_000)
        found.append(
            Target(
                rid,
                route.provider_model_id,
                provider_id,
                modes,
                prompt_cap,
                min(limits.max_output or 8192, 8192),
            )
        )
    return found


def _from_genai(route: Route, citation: str) -> bool:
    return route.citations[citation].source == "genai-prices"


def _resolves(ref: str, provider_id: str, model: Any) -> bool:
    try:
        found = genai_prices.calc_price(
            genai_prices.Usage(input_tokens=1), model_ref=ref, provider_id=provider_id
        )
    except LookupError:
        return False
    return found.model is model


def jobs(found: list[Target], count: int) -> list[Job]:
    """`count` requests over the routes, with and without cache, some in batch mode."""
    rng = random.Random(SEED)
    made = []
    for _ in range(count):
        t = rng.choice(found)
        mode = rng.choice(t.modes)
        prompt = rng.randint(1, t.prompt_cap)
        cached = rng.choice((0, rng.randint(0, prompt)))
        answer = rng.randint(0, t.answer_cap)
        usage = genai_prices.Usage(input_tokens=prompt, cache_read_tokens=cached, output_tokens=answer)
        request = Request(prompt, answer, cached_tokens=cached, mode=mode)
        made.append(Job(t.route, request, usage, t.model_ref, t.provider_id, CONTEXT[mode]))
    return made


def ours(catalog: Catalog, work: list[Job]) -> list[Decimal | None]:
    return [price_request(catalog, j.route, j.request, ON).total for j in work]


def theirs(work: list[Job]) -> list[Decimal]:
    calc = genai_prices.calc_price
    return [
        calc(
            j.usage,
            j.model_ref,
            provider_id=j.provider_id,
            genai_request_timestamp=WHEN,
            price_context=j.context,
        ).total_price
        for j in work
    ]


def race(
    catalog: Catalog, work: list[Job], repeat: int = 3
) -> tuple[list[Decimal | None], list[Decimal], float, float]:
    """Both engines' prices of `work` and each one's fastest of `repeat` runs, in seconds.

    Runs alternate between the engines, so a busy spell on the machine slows both alike.
    """
    mine: list[Decimal | None] = []
    peer: list[Decimal] = []
    ours_s = theirs_s = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        mine = ours(catalog, work)
        ours_s = min(ours_s, time.perf_counter() - start)
        start = time.perf_counter()
        peer = theirs(work)
        theirs_s = min(theirs_s, time.perf_counter() - start)
    return mine, peer, ours_s, theirs_s


def rank_all(catalog: Catalog) -> tuple[int, float]:
    """Routes priced, and milliseconds to cost and sort every route at the default workload."""
    start = time.perf_counter()
    costs = sorted(
        (route_cost(catalog, rid, DEFAULT_WORKLOAD, ON) for rid in catalog.routes), key=RouteCost.sort_key
    )
    elapsed = (time.perf_counter() - start) * 1000
    return sum(1 for c in costs if c.monthly is not None), elapsed


def main() -> None:
    catalog = load_catalog()
    # Ranking first, on a fresh catalog: the cold figure includes building each route's record
    # (the compiled catalog validates records on first access) and its pricing plan.
    priced, cold_ms = rank_all(catalog)
    _, warm_ms = rank_all(catalog)
    found = targets(catalog)
    work = jobs(found, REQUESTS)
    theirs(work[:1000])  # warm genai-prices' lookup caches, as a long-running service would have them
    mine, peer, ours_s, theirs_s = race(catalog, work)
    differ = sum(1 for a, b in zip(mine, peer, strict=True) if a != b)
    batch = sum(1 for j in work if j.request.mode is PriceMode.BATCH)
    cached = sum(1 for j in work if j.request.cached_tokens)
    print(f"{REQUESTS:,} requests over {len(found):,} routes priced from genai-prices", end=" ")
    print(f"({cached:,} with cached tokens, {batch:,} in batch mode); fastest of 3 interleaved runs each:")
    print(f"  modelvs price_request:   {ours_s:.3f}s ({ours_s / REQUESTS * 1e6:.1f} us/request)")
    print(f"  genai_prices.calc_price: {theirs_s:.3f}s ({theirs_s / REQUESTS * 1e6:.1f} us/request)")
    print(f"  ratio: ours is {theirs_s / ours_s:.1f}x faster")
    total_ours = sum((t for t in mine if t is not None), Decimal(0))
    total_peer = sum(peer, Decimal(0))
    same = total_ours == total_peer and differ == 0
    verdict = "identical, request by request" if same else f"DIFFERENT ({differ:,} requests differ)"
    print(f"  totals: ours ${total_ours} vs genai-prices ${total_peer}: {verdict}")
    print(f"rank every route at the default workload ({len(catalog.routes):,} routes, {priced:,} priced):")
    print(f"  first run {cold_ms:.0f} ms (builds records and plans), again {warm_ms:.0f} ms")


if __name__ == "__main__":
    main()
