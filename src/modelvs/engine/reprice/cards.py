"""How a group of rows bills on one route: a rate card (rates per component), or why it cannot.

The same semantics as `engine.pricing` for one request (cliff tiers on the whole prompt, cached
tokens at the cache-read rate, reasoning at the reasoning rate else the output rate, limits,
completeness gaps), decided once for a group whose rows all bill alike, then applied to the
group's totals. For a row holding many requests (a usage report's bucket), the tier and limits
are decided from what its totals allow: every request's prompt lies between the `low` and `high`
bounds (the context window the log names, else 0 and the smallest of the bucket's whole input
and the limit of the model that served it), and at least one request is no smaller than the
average. A bucket whose bounds straddle a tier threshold is priced below it only when its average
prompt is below it too (and said to be assumed); else it is not priced.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from modelvs.catalog import Catalog
from modelvs.catalog.layout import route_model
from modelvs.catalog.lifecycle import released_by
from modelvs.engine.plans import Plan, PlanRates, cache_write_rate, plan_for
from modelvs.engine.pricing import MILLION, Line
from modelvs.engine.reprice.totals import Totals
from modelvs.schema.vocab import Modality, PriceMode

ZERO = Decimal(0)
IMPOSSIBLE = "impossible"
"""A request the route cannot serve (over a limit, audio it does not take, before the model existed)."""
UNKNOWN = "unknown"
"""A cost the catalog cannot give: no price that day, a component the route does not publish."""
UNDECIDED = "undecided"
"""A bucket whose totals cannot say which tier its requests were billed at."""


@dataclass(frozen=True)
class Sizes:
    """What decides a group's card: its prompt bounds, answer size and what it uses."""

    low: int
    """The smallest prompt any of its requests may have."""
    high: int
    """The largest prompt any of its requests may have."""
    average: int | None
    """The average prompt (None when the requests are not counted)."""
    answer: int | None
    """The largest answer (output and reasoning) known to occur: a request's, or a bucket's average."""
    requests: int
    bucket: bool
    cached: bool
    written: bool
    audio: bool


@dataclass(frozen=True)
class Card:
    """The rates a group's rows bill at on one route, per 1M tokens (per request for `request`)."""

    route: str
    mode: PriceMode
    """The mode billed (standard when the route has no price for the mode asked)."""
    rates: tuple[tuple[str, Decimal], ...]
    """(component, rate) for input, cache_read, cache_write, cache_write_1h, output, reasoning, request."""
    tier: int | None
    """The threshold of the tier billed, when one was."""
    assumed: bool
    """The tier was not decided by the totals: the rows are priced below it."""
    notes: tuple[str, ...] = ()

    def cost(self, totals: Totals) -> tuple[Decimal, tuple[Line, ...]]:
        """What `totals` cost at these rates: the sum and one line per component used."""
        counts = {
            "input": totals.uncached,
            "cache_read": totals.cached,
            "cache_write": totals.write,
            "cache_write_1h": totals.write_1h,
            "output": totals.output,
            "reasoning": totals.reasoning,
            "request": totals.requests,
        }
        lines = []
        total = ZERO
        for component, rate in self.rates:
            tokens = counts[component]
            if not tokens and component != "input":
                continue
            cost = tokens * rate if component == "request" else tokens * rate / MILLION
            total += cost
            lines.append(Line(component, tokens, rate, cost))
        return total, tuple(lines)


@dataclass(frozen=True)
class Refusal:
    """Why a group cannot be priced on a route."""

    reason: str
    kind: str
    """`IMPOSSIBLE`, `UNKNOWN` or `UNDECIDED`."""


def decide(catalog: Catalog, route: str, day: dt.date, mode: PriceMode, sizes: Sizes) -> Card | Refusal:
    """The card of a group of `sizes` on `route` in `mode` with the prices of `day`."""
    model = catalog.models[route_model(route)]
    if not released_by(model, day):
        assert model.release_date is not None
        return Refusal(f"before {model.name} was released ({model.release_date.isoformat()})", IMPOSSIBLE)
    plan = plan_for(catalog, route, mode, day)
    if plan.base is None:
        return Refusal(f"no price in effect on {day.isoformat()}", UNKNOWN)
    if sizes.audio:
        if Modality.AUDIO not in model.modalities_in:
            return Refusal(f"{model.name} takes no audio", IMPOSSIBLE)
        return Refusal("audio tokens are not priced by modelvs", UNKNOWN)
    limited = _limits(plan, sizes)
    if limited is not None:
        return limited
    tier = _tier(plan, sizes)
    if isinstance(tier, Refusal):
        return tier
    index, assumed = tier
    rates = plan.base if index < 0 else plan.tiers[index][2]
    gaps = plan.gaps
    lab = "the lab's own API prices it"
    if plan.has_gaps:
        if gaps.cache_read and sizes.cached:
            return Refusal(f"no cache-read price published ({lab})", UNKNOWN)
        if gaps.cache_write and sizes.written:
            return Refusal(f"no cache-write price published ({lab})", UNKNOWN)
        if gaps.batch and mode is PriceMode.BATCH and plan.mode is not PriceMode.BATCH:
            return Refusal(f"no batch price published ({lab})", UNKNOWN)
    return _card(route, plan, rates, index, assumed, sizes)


def _limits(plan: Plan, sizes: Sizes) -> Refusal | None:
    limit = plan.input_limit
    if limit is not None:
        if sizes.low > limit:
            return Refusal(f"prompt over the {limit:,}-token context limit", IMPOSSIBLE)
        if sizes.average is not None and sizes.average > limit:
            return Refusal(f"average prompt over the {limit:,}-token context limit", IMPOSSIBLE)
    most = plan.max_output
    if most is not None and sizes.answer is not None and sizes.answer > most:
        return Refusal(f"answer over the {most:,}-token output limit", IMPOSSIBLE)
    return None


def _crossed(prompt: int, at: int, inclusive: bool) -> bool:
    return prompt > at or (inclusive and prompt == at)


def _index(plan: Plan, prompt: int) -> int:
    """The last tier `prompt` crosses (-1: none, the base rates)."""
    found = -1
    for i, (at, inclusive, _) in enumerate(plan.tiers):
        if _crossed(prompt, at, inclusive):
            found = i
    return found


def _tier(plan: Plan, sizes: Sizes) -> tuple[int, bool] | Refusal:
    """(tier index, whether it was assumed), or why the tier cannot be decided or priced."""
    gaps = plan.gaps
    gap = gaps.tier_above if plan.has_gaps else None
    if gap is not None and _crossed(sizes.low, gap, gaps.tier_inclusive):
        return Refusal(
            f"no long-context price published for prompts {gaps.tier_text}"
            " (the lab's own API prices it higher)",
            UNKNOWN,
        )
    low, high = _index(plan, sizes.low), _index(plan, sizes.high)
    gap_high = gap is not None and _crossed(sizes.high, gap, gaps.tier_inclusive)
    if low == high and not gap_high:
        return low, False
    average = sizes.average
    if average is not None:
        over = _index(plan, average) != low or (
            gap is not None and _crossed(average, gap, gaps.tier_inclusive)
        )
        if over:
            at = plan.tiers[low + 1][0] if low + 1 < len(plan.tiers) else gap
            return Refusal(
                "the long-context tier cannot be decided from totals:"
                f" the average prompt is over {at:,} tokens",
                UNDECIDED,
            )
    return low, True


def _card(
    route: str, plan: Plan, rates: PlanRates, index: int, assumed: bool, sizes: Sizes
) -> Card | Refusal:
    if rates.input is None and sizes.high:
        return Refusal("the route publishes no input price", UNKNOWN)
    if rates.output is None and sizes.answer:
        return Refusal("the route publishes no output price", UNKNOWN)
    notes = list(plan.notes)
    schedule = plan.schedule
    assert schedule is not None
    write = cache_write_rate(rates.tier, schedule, "default")
    if write is None:
        if sizes.written:
            notes.append("no cache-write price: cache writes billed at the input rate")
        write = rates.input_or_zero
    hour = cache_write_rate(rates.tier, schedule, "1h")
    if hour is None:
        hour = write
    per_request = plan.per_request or ZERO
    if per_request and sizes.bucket and not sizes.requests:
        return Refusal("the route charges per request and the log counts no requests", UNKNOWN)
    if sizes.cached and rates.cache_read is None:
        notes.append("no cache-read price: cached tokens billed at the input rate")
    card_rates = (
        ("input", rates.input_or_zero),
        ("cache_read", rates.cache_read_or_input),
        ("cache_write", write),
        ("cache_write_1h", hour),
        ("output", rates.output_or_zero),
        ("reasoning", rates.reasoning_or_output),
        *((("request", per_request),) if per_request else ()),
    )
    threshold = plan.tiers[index][0] if index >= 0 else None
    return Card(route, plan.mode, card_rates, threshold, assumed, tuple(notes))
