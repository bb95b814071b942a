"""Pricing speed and agreement: 100,000 requests priced by our engine and by genai-prices, and a full
ranking. Run: `python -m bench.pricing [--requests N] [--tiny]` (needs the `sources` extra).

genai-prices is asked the question it can answer: a batch request on a route whose batch prices
genai-prices lists as a model of their own (OpenRouter's `<id>:batch`) is asked of that id, else
of the model with batch processing in its context. Requests the catalog deliberately does not price
(a route missing a component its lab prices, so its cost is unknown rather than too low) are
counted apart from real differences, which must be none.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import time
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import genai_prices
from genai_prices.data import providers as genai_providers

from bench import add_tiny, is_tiny
from modelvs.catalog import Catalog, load_catalog
from modelvs.catalog.layout import route_model
from modelvs.engine.monthly import rank_routes
from modelvs.engine.pricing import RequestPrice, price_request, request_total, route_limits
from modelvs.engine.rank import Needs, rank
from modelvs.engine.workload import DEFAULT_WORKLOAD, Profile, Request, Workload
from modelvs.schema import Route
from modelvs.schema.vocab import PriceMode

ON = dt.date(2026, 11, 24)
WHEN = dt.datetime.combine(ON, dt.time(2, tzinfo=dt.UTC))
"""When genai-prices is asked: in the peak hours of the routes whose price depends on the time of day
(DeepSeek's), whose peak price is the catalog's standard schedule (the off-peak one is a mode)."""
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
    batch_ref: str | None = None
    """genai-prices' own id for the route's batch prices, where it lists them as a model."""


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
        limits = route_limits(catalog.models[route_model(rid)], route)
        prompt_cap = min(limits.max_input or limits.context_window or 200_000, 200_000)
        batch_ref = _batch_model(f"{route.provider_model_id}:batch", provider_id)
        found.append(
            Target(
                rid,
                route.provider_model_id,
                provider_id,
                modes,
                prompt_cap,
                min(limits.max_output or 8192, 8192),
                batch_ref,
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


def _batch_model(ref: str, provider_id: str) -> str | None:
    """`ref` if genai-prices finds a model of its own for it, one of the batch ids it lists."""
    try:
        found = genai_prices.calc_price(
            genai_prices.Usage(input_tokens=1), model_ref=ref, provider_id=provider_id
        )
    except LookupError:
        return None
    return ref if found.model.id.endswith(":batch") else None


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
        if mode is PriceMode.BATCH and t.batch_ref is not None:  # genai-prices' batch model, as is
            made.append(Job(t.route, request, usage, t.batch_ref, t.provider_id, None))
        else:
            made.append(Job(t.route, request, usage, t.model_ref, t.provider_id, CONTEXT[mode]))
    return made


def ours(catalog: Catalog, work: list[Job]) -> list[Decimal | None]:
    """Itemised prices (every line built), keeping the totals."""
    return [price_request(catalog, j.route, j.request, ON).total for j in work]


def ours_totals(catalog: Catalog, work: list[Job]) -> list[Decimal | None]:
    """Totals only, as costs and rankings price."""
    return [request_total(catalog, j.route, j.request, ON) for j in work]


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
) -> tuple[list[Decimal | None], list[Decimal | None], list[Decimal], tuple[float, float, float]]:
    """Prices of `work` (itemised, totals-only, genai-prices) and each one's fastest of `repeat` runs.

    Runs alternate between the engines, so a busy spell on the machine slows all alike.
    """
    lines: list[Decimal | None] = []
    totals: list[Decimal | None] = []
    peer: list[Decimal] = []
    best = [float("inf")] * 3
    for _ in range(repeat):
        start = time.perf_counter()
        lines = ours(catalog, work)
        best[0] = min(best[0], time.perf_counter() - start)
        start = time.perf_counter()
        totals = ours_totals(catalog, work)
        best[1] = min(best[1], time.perf_counter() - start)
        start = time.perf_counter()
        peer = theirs(work)
        best[2] = min(best[2], time.perf_counter() - start)
    return lines, totals, peer, (best[0], best[1], best[2])


def rank_all(catalog: Catalog, workload: Workload = DEFAULT_WORKLOAD) -> tuple[int, float]:
    """Routes priced, and milliseconds to cost and sort every route at `workload`."""
    start = time.perf_counter()
    costs = rank_routes(catalog, workload, ON)
    elapsed = (time.perf_counter() - start) * 1000
    return sum(1 for c in costs if c.monthly is not None), elapsed


def rank_models(catalog: Catalog, workload: Workload) -> tuple[int, float]:
    """Models ranked, and milliseconds for `rank()` of every model at `workload`."""
    start = time.perf_counter()
    ranked = rank(catalog, Needs(), workload, ON)
    return len(ranked), (time.perf_counter() - start) * 1000


def fresh_workloads(count: int) -> list[Workload]:
    """Workloads no ranking has priced yet: what the first request for a new workload costs."""
    return [Workload(1_000_000 + i, (Profile(800 + i, 250, cached_tokens=i),)) for i in range(1, count + 1)]


def _best(runs: list[tuple[int, float]]) -> float:
    return min(ms for _, ms in runs)


def agreement(
    catalog: Catalog, work: list[Job], peer: list[Decimal]
) -> tuple[int, Counter[str], list[tuple[Job, RequestPrice, Decimal]]]:
    """(requests priced alike, requests the catalog deliberately refuses by reason, real differences)."""
    same = 0
    refused: Counter[str] = Counter()
    different = []
    for job, theirs_total in zip(work, peer, strict=True):
        priced = price_request(catalog, job.route, job.request, ON)
        if priced.total is None:
            refused["incomplete route" if priced.incomplete else "impossible request"] += 1
        elif priced.total == theirs_total:
            same += 1
        else:
            different.append((job, priced, theirs_total))
    return same, refused, different


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=REQUESTS)
    add_tiny(parser)
    args = parser.parse_args()
    count, repeat = (500, 1) if is_tiny(args) else (args.requests, 3)
    catalog = load_catalog()
    # Ranking first, on a fresh catalog: the cold figure includes building each route's record
    # (the compiled catalog validates records on first access) and its pricing plan.
    priced, cold_ms = rank_all(catalog)
    warm_ms = _best([rank_all(catalog) for _ in range(5)])  # memoised: the same workload again
    new_ms = _best([rank_all(catalog, w) for w in fresh_workloads(5)])  # records and plans built
    models, models_new_ms = rank_models(catalog, fresh_workloads(6)[-1])
    models_ms = _best([rank_models(catalog, DEFAULT_WORKLOAD) for _ in range(5)])
    found = targets(catalog)
    work = jobs(found, count)
    theirs(work[:1000])  # warm genai-prices' lookup caches, as a long-running service would have them
    lines, totals, peer, (lines_s, totals_s, theirs_s) = race(catalog, work, repeat)
    # Byte-identical: str() of each Decimal, exponent included.
    fast_differ = sum(1 for a, b in zip(lines, totals, strict=True) if str(a) != str(b))
    batch = sum(1 for j in work if j.request.mode is PriceMode.BATCH)
    cached = sum(1 for j in work if j.request.cached_tokens)
    print(f"{count:,} requests over {len(found):,} routes priced from genai-prices", end=" ")
    print(f"({cached:,} with cached tokens, {batch:,} in batch mode);", end=" ")
    print(f"fastest of {repeat} interleaved runs each:")
    us = 1e6 / count
    print(f"  modelvs request_total (totals):   {totals_s:.3f}s ({totals_s * us:.1f} us/request)")
    print(f"  modelvs price_request (itemised): {lines_s:.3f}s ({lines_s * us:.1f} us/request)")
    print(f"  genai_prices.calc_price:          {theirs_s:.3f}s ({theirs_s * us:.1f} us/request)")
    print(f"  ratio: totals {theirs_s / totals_s:.1f}x faster, itemised {theirs_s / lines_s:.1f}x faster")
    same, refused, different = agreement(catalog, work, peer)
    print(f"  agreement: {same:,} requests priced alike", end="")
    print("".join(f"; {n:,} deliberately not priced ({why})" for why, n in sorted(refused.items())), end="")
    print(f"; {len(different):,} real differences")
    for job, price, theirs_total in different[:10]:
        print(f"    DIFFERENT {job.route} {job.request}: ours {price.total}, genai-prices {theirs_total}")
    if different:
        raise SystemExit(f"{len(different):,} requests priced differently from genai-prices")
    fast = "byte-identical" if fast_differ == 0 else f"DIFFERENT ({fast_differ:,} requests differ)"
    print(f"  request_total vs price_request(...).total: {fast}, request by request")
    print(f"rank every route ({len(catalog.routes):,} routes, {priced:,} priced at the default workload):")
    print(f"  cold {cold_ms:.0f} ms (builds records and plans); a new workload {new_ms:.1f} ms;", end=" ")
    print(f"the same workload again {warm_ms:.3f} ms (memoised)")
    print(f"rank() every model ({models:,} ranked): a new workload {models_new_ms:.1f} ms;", end=" ")
    print(f"the same workload again {models_ms:.3f} ms (memoised)")


if __name__ == "__main__":
    main()
