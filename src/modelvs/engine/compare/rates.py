"""Rate facts on each model's headline route: per-component rates, cliff tiers, blend, break-even."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, ClassVar, NamedTuple

from modelvs.catalog import Catalog
from modelvs.engine.analysis import blended_price, break_even_ratio
from modelvs.engine.monthly import RouteCost
from modelvs.engine.pricing import price_request
from modelvs.engine.workload import Request
from modelvs.formatting import count, io_ratio, money, usd

from .offers import ModelRoutes, provider_name, rate, rate_basis, standard_schedule
from .types import Basis, Figure, Names, join

if TYPE_CHECKING:
    from modelvs.schema import PriceSchedule

COMPONENT_LABELS = {"input": "input", "output": "output", "cache_read": "cache-read"}


@dataclass(frozen=True)
class RateFact:
    """One price component per 1M tokens on each model's headline route (standard mode)."""

    kind: ClassVar[str] = "rate"
    component: str
    """`input`, `output` or `cache_read`."""
    models: tuple[str, ...]
    rates: tuple[Figure | None, ...]
    providers: tuple[str | None, ...]
    lowest: tuple[str, ...]
    """Models with the lowest rate; empty when any model has no published rate."""
    gap: Figure | None
    """Difference between the two rates (2 models, both published, different)."""
    basis: tuple[Basis, ...]

    def sentence(self, names: Names) -> str:
        label = COMPONENT_LABELS[self.component]
        parts = [
            f"{names[m]} {r.text} on {p}" if r is not None and p else f"{names[m]} no published {label} price"
            for m, r, p in zip(self.models, self.rates, self.providers, strict=True)
        ]
        text = f"Per 1M {label} tokens: {join(parts)}"
        if self.gap is not None and len(self.lowest) == 1:
            text += f"; {names[self.lowest[0]]} is {self.gap.text} lower"
        elif len(self.lowest) == len(self.models):
            text += "; the same rate"
        return text + "."


def rate_fact(catalog: Catalog, offers: tuple[ModelRoutes, ...], component: str, on: dt.date) -> RateFact:
    rates: list[Figure | None] = []
    provs: list[str | None] = []
    basis: list[Basis] = []
    for o in offers:
        schedule = standard_schedule(catalog, o.headline.route, on) if o.headline else None
        value = rate(schedule, component)
        rates.append(Figure(value, usd(value)) if value is not None else None)
        provs.append(provider_name(catalog, o.headline) if value is not None else None)
        if value is not None and schedule is not None and o.headline is not None:
            basis.append(rate_basis(catalog, o.model, o.headline.route, schedule, component, usd(value)))
    lowest: tuple[str, ...] = ()
    gap = None
    if all(r is not None for r in rates):
        low = min(r.value for r in rates if r is not None)
        lowest = tuple(
            o.model for o, r in zip(offers, rates, strict=True) if r is not None and r.value == low
        )
        if len(rates) == 2 and len(lowest) == 1:
            a, b = (r.value for r in rates if r is not None)
            gap = Figure(abs(a - b), usd(abs(a - b)))
    return RateFact(
        component, tuple(o.model for o in offers), tuple(rates), tuple(provs), lowest, gap, tuple(basis)
    )


@dataclass(frozen=True)
class LongPrompt:
    """What the tier's example request costs a model on its headline route, or why it cannot run."""

    model: str
    price: Figure | None
    reason: str | None


class TierRate(NamedTuple):
    """One rate of a cliff tier."""

    component: str
    """`input`, `output` or `cache_read`."""
    rate: Figure
    """USD per 1M tokens."""


@dataclass(frozen=True)
class TierFact:
    """A cliff tier: above `threshold` prompt tokens every token of a request bills at the tier's rates."""

    kind: ClassVar[str] = "price_tier"
    model: str
    route: str
    provider: str
    threshold: int
    comparison: str
    rates: tuple[TierRate, ...]
    """The rates the tier lists."""
    example_prompt: int
    """1.5x the threshold: a request clearly inside the tier."""
    example_output: int
    example_price: Figure
    base_price: Figure
    """The same request at the base rates, to show the cliff."""
    others: tuple[LongPrompt, ...]
    basis: tuple[Basis, ...]

    def sentence(self, names: Names) -> str:
        listed = join([f"{f.text} {COMPONENT_LABELS.get(c, c)}" for c, f in self.rates])
        text = (
            f"On {self.provider}, a {names[self.model]} request with more than"
            f" {count(self.threshold)} prompt tokens bills all its tokens at {listed} per 1M:"
            f" {count(self.example_prompt)} prompt and"
            f" {count(self.example_output)} output tokens cost {self.example_price.text},"
            f" not {self.base_price.text} at the base rates"
        )
        for other in self.others:
            if other.price is not None:
                text += f"; {names[other.model]} charges {other.price.text} for the same request"
            else:
                text += f"; {names[other.model]} cannot run it ({other.reason})"
        return text + "."


def tier_facts(catalog: Catalog, offers: tuple[ModelRoutes, ...], on: dt.date) -> tuple[TierFact, ...]:
    facts = []
    for o in offers:
        found = _tiered(catalog, o, on)
        if found is None:
            continue
        cost, schedule = found
        tier = schedule.tiers[0]
        prompt, output = tier.threshold * 3 // 2, 10_000
        request = Request(prompt, output)
        priced = price_request(catalog, cost.route, request, on)
        if priced.total is None or schedule.input is None or schedule.output is None:
            continue
        base = (prompt * schedule.input + output * schedule.output) / Decimal(1_000_000)
        tier_rates = tuple(
            TierRate(c, Figure(v, usd(v)))
            for c in ("input", "output", "cache_read")
            if (v := getattr(tier, c)) is not None
        )
        others = tuple(_long_prompt(catalog, x, request, on) for x in offers if x is not o)
        basis = tuple(
            rate_basis(catalog, o.model, cost.route, schedule, f"tiers.{tier.threshold}.{c}", f.text)
            for c, f in tier_rates
        )
        facts.append(
            TierFact(
                o.model,
                cost.route,
                catalog.providers[cost.provider].name,
                tier.threshold,
                tier.comparison.value,
                tier_rates,
                prompt,
                output,
                Figure(priced.total, money(priced.total)),
                Figure(base, money(base)),
                others,
                basis,
            )
        )
    return tuple(facts)


def _tiered(catalog: Catalog, o: ModelRoutes, on: dt.date) -> tuple[RouteCost, PriceSchedule] | None:
    # The headline route's tiers; else the lab's own API's, since list prices are where tiers are published.
    for cost in (o.headline, o.lab_route):
        if cost is None:
            continue
        schedule = standard_schedule(catalog, cost.route, on)
        if schedule is not None and schedule.tiers:
            return cost, schedule
    return None


def _long_prompt(catalog: Catalog, o: ModelRoutes, request: Request, on: dt.date) -> LongPrompt:
    if o.headline is None:
        return LongPrompt(o.model, None, "no published price")
    priced = price_request(catalog, o.headline.route, request, on)
    if priced.total is None:
        return LongPrompt(o.model, None, priced.why or "no price for this request")
    return LongPrompt(o.model, Figure(priced.total, money(priced.total)), None)


@dataclass(frozen=True)
class BlendFact:
    """Price per 1M tokens of each model's traffic mix, weighted by the workload's own input share."""

    kind: ClassVar[str] = "blend"
    input_share: Figure
    models: tuple[str, ...]
    blends: tuple[Figure | None, ...]

    def sentence(self, names: Names) -> str:
        parts = [
            f"{b.text} for {names[m]}" if b else f"no figure for {names[m]}"
            for m, b in zip(self.models, self.blends, strict=True)
        ]
        return (
            f"Weighted like your traffic ({self.input_share.text} input tokens), 1M tokens cost"
            f" {join(parts)} at the standard rates, before fees."
        )


def headline_rates(catalog: Catalog, o: ModelRoutes, on: dt.date) -> tuple[Decimal, Decimal] | None:
    if o.headline is None:
        return None
    schedule = standard_schedule(catalog, o.headline.route, on)
    if schedule is None or schedule.input is None or schedule.output is None:
        return None
    return schedule.input, schedule.output


def blend_fact(catalog: Catalog, offers: tuple[ModelRoutes, ...], share: Figure, on: dt.date) -> BlendFact:
    blends: list[Figure | None] = []
    for o in offers:
        rates = headline_rates(catalog, o, on)
        value = blended_price(rates[0], rates[1], share.value) if rates else None
        blends.append(Figure(value, money(value)) if value is not None else None)
    return BlendFact(share, tuple(o.model for o in offers), tuple(blends))


@dataclass(frozen=True)
class BreakEvenFact:
    """The input:output token ratio at which two models' per-token costs are equal."""

    kind: ClassVar[str] = "break_even"
    models: tuple[str, str]
    basis_label: str
    """Whose rates: `the labs' own APIs` (every headline is one) or `the headline routes`."""
    ratio: Figure | None
    cheaper_above: str | None
    """The model with the lower input rate: cheaper when traffic is more input-heavy than `ratio`."""
    dominant: str | None
    """When no ratio exists: the model whose rates are lower or equal on both input and output."""

    def sentence(self, names: Names) -> str:
        a, b = self.models
        if self.ratio is not None and self.cheaper_above is not None:
            other = b if self.cheaper_above == a else a
            return (
                f"At the rates of {self.basis_label}, both cost the same per token at {self.ratio.text}"
                f" input:output tokens; {names[self.cheaper_above]} costs less above that ratio and"
                f" {names[other]} below it."
            )
        if self.dominant is not None:
            other = b if self.dominant == a else a
            return (
                f"At the rates of {self.basis_label}, {names[self.dominant]} is no dearer on input or output,"
                f" so no input:output mix makes {names[other]} cheaper per token."
            )
        return f"At the rates of {self.basis_label}, both charge the same for input and for output."


def break_even_fact(
    a: tuple[str, Decimal, Decimal], b: tuple[str, Decimal, Decimal], label: str
) -> BreakEvenFact:
    (ma, a_in, a_out), (mb, b_in, b_out) = a, b
    ratio = break_even_ratio(a_in, a_out, b_in, b_out)
    if ratio is not None:
        return BreakEvenFact((ma, mb), label, Figure(ratio, io_ratio(ratio)), ma if a_in < b_in else mb, None)
    dominant = None
    if (a_in, a_out) != (b_in, b_out):
        dominant = ma if a_in <= b_in and a_out <= b_out else mb
    return BreakEvenFact((ma, mb), label, None, None, dominant)
