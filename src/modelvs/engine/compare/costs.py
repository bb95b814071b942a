"""Cost facts: the workload, monthly cost per model (like for like: on the labs' own APIs where
they sell the model, the cheapest route beside each as a saving), scenarios."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import ClassVar

from modelvs.catalog import Catalog
from modelvs.catalog.sourcing import source_ref
from modelvs.engine.monthly import TIE_RULE, RouteCost, RouteSet
from modelvs.engine.workload import Profile, Workload
from modelvs.formatting import count, money, percent, plural, tokens

from .offers import ModelRoutes, headline_cost, offer, provider_name, rate_basis, standard_schedule
from .types import Basis, Figure, Names, join


@dataclass(frozen=True)
class WorkloadFact:
    """The traffic every cost on the page is computed for; always stated."""

    kind: ClassVar[str] = "workload"
    requests_per_month: int
    input_tokens: int
    """Input tokens a month."""
    output_tokens: int
    """Output and reasoning tokens a month."""
    input_share: Figure
    """Input share of all tokens: the one weighting used for every blend on the page."""
    batch_share: Figure
    text: str
    """`1,000,000 requests a month of 800 input and 250 output tokens (800M in, 250M out)`."""

    def sentence(self, names: Names) -> str:
        return f"Costs are for {self.text}."


def _profile_text(p: Profile) -> str:
    cached = f" ({count(p.cached_tokens)} cached)" if p.cached_tokens else ""
    reasoning = f" plus {count(p.reasoning_tokens)} reasoning" if p.reasoning_tokens else ""
    return f"{count(p.input_tokens)} input{cached} and {count(p.output_tokens)} output{reasoning} tokens"


def workload_fact(workload: Workload) -> WorkloadFact:
    inp, out = int(workload.input_tokens), int(workload.output_tokens)
    total = inp + out
    share = Decimal(inp) / Decimal(total) if total else Decimal(0)
    if len(workload.profiles) == 1:
        shape = f" of {_profile_text(workload.profiles[0])}"
    else:
        shape = ": " + "; ".join(f"{percent(p.share)} of {_profile_text(p)}" for p in workload.profiles)
    requests = plural(workload.requests_per_month, "request")
    text = f"{requests} a month{shape} ({tokens(inp)} in, {tokens(out)} out)"
    if workload.batch_share:
        text += f", {percent(workload.batch_share)} of them in batch mode"
    return WorkloadFact(
        workload.requests_per_month,
        inp,
        out,
        Figure(share, percent(share)),
        Figure(workload.batch_share, percent(workload.batch_share)),
        text,
    )


@dataclass(frozen=True)
class FeeLine:
    description: str
    percent: Figure
    amount: Figure


@dataclass(frozen=True)
class ModelCost:
    """A model's cost a month on one route, fees included, or why it has none."""

    model: str
    route: str | None
    provider: str | None
    """Provider display name."""
    provider_kind: str | None
    monthly: Figure | None
    fees: tuple[FeeLine, ...]
    reason: str | None = None
    """Why there is no monthly cost (`no published price`, a limit the workload exceeds)."""

    def phrase(self, names: Names) -> str:
        if self.monthly is None:
            return f"{names[self.model]} has {self.reason}"
        fees = "".join(f" (including a {f.percent.text} fee of {f.amount.text})" for f in self.fees)
        return f"{names[self.model]} costs {self.monthly.text} a month on {self.provider}{fees}"


def _no_price_reason(off: ModelRoutes) -> str:
    if not off.costs:
        return "no vetted route in the catalog"
    reasons = {c.why or "" for c in off.costs}
    if any("limit" in r for r in reasons):
        return (
            "no vetted route that can run this traffic ("
            + sorted(r for r in reasons if "limit" in r)[0]
            + ")"
        )
    missing = sorted(r for r in reasons if r.startswith("no ") and "published" in r)
    if missing:
        return f"no vetted route with complete prices for this traffic ({missing[0]})"
    return "no published price on a vetted route"


def model_cost(catalog: Catalog, off: ModelRoutes, cost: RouteCost | None) -> ModelCost:
    if cost is None or cost.monthly is None:
        return ModelCost(off.model, None, None, None, None, (), _no_price_reason(off))
    return priced_cost(catalog, off.model, cost)


def priced_cost(catalog: Catalog, model: str, cost: RouteCost) -> ModelCost:
    """`model`'s cost on a route that prices the workload."""
    assert cost.monthly is not None
    fees = tuple(FeeLine(f.description, Figure(f.percent, f"{f.percent}%"), fig(f.amount)) for f in cost.fees)
    return ModelCost(
        model,
        cost.route,
        provider_name(catalog, cost),
        cost.provider_kind.value,
        fig(cost.monthly),
        fees,
    )


def fig(value: Decimal) -> Figure:
    """Computed money as displayed (`formatting.money`)."""
    return Figure(value, money(value))


@dataclass(frozen=True)
class Gap:
    """How much more `model` costs than the cheapest model, at the displayed rounding."""

    model: str
    amount: Figure
    share: Figure
    """The gap as a share of this model's cost (`13.1%`: the cheapest saves that much)."""


def cheapest_models(costs: tuple[ModelCost, ...]) -> tuple[tuple[str, ...], tuple[Gap, ...]]:
    """Models tied for the lowest displayed cost, and every other model's gap to it (needs 2 priced)."""
    priced = [c for c in costs if c.monthly is not None]
    if len(priced) < 2:
        return (), ()
    low = min(priced, key=lambda c: c.monthly.value if c.monthly else Decimal(0))
    assert low.monthly is not None
    # Equal when printed equal: a gap inside the display rounding is not a gap.
    leaders = tuple(c.model for c in priced if c.monthly is not None and c.monthly.text == low.monthly.text)
    gaps = tuple(
        Gap(c.model, fig(c.monthly.value - low.monthly.value), Figure(s, percent(s)))
        for c in priced
        if c.monthly is not None and c.model not in leaders
        for s in [(c.monthly.value - low.monthly.value) / c.monthly.value]
    )
    return leaders, gaps


def _cost_basis(catalog: Catalog, off: ModelRoutes, cost: RouteCost | None, on: dt.date) -> tuple[Basis, ...]:
    if cost is None or cost.monthly is None:
        return ()
    schedule = standard_schedule(catalog, cost.route, on)
    out = (
        []
        if schedule is None
        else [
            rate_basis(catalog, off.model, cost.route, schedule, c, str(getattr(schedule, c)))
            for c in ("input", "output")
            if getattr(schedule, c) is not None
        ]
    )
    provider = catalog.providers[cost.provider]
    for fee in provider.fees:
        cite = provider.citations.get(fee.citation)
        src = source_ref(catalog, cite) if cite else None
        out.append(Basis(off.model, f"providers.{cost.provider}.fees", f"{fee.percent}%", src, cost.route))
    return tuple(out)


@dataclass(frozen=True)
class Saving:
    """A cheaper route than the headline for the same model: the cheapest at the workload."""

    model: str
    route: str
    provider: str
    """Provider display name."""
    monthly: Figure
    """Its monthly cost, fees included."""
    amount: Figure
    """How much less than the headline route."""
    share: Figure
    """`amount` as a share of the headline cost."""
    label: str
    """`the cheapest vetted route` (default answers) or `the cheapest route` (every route)."""

    def phrase(self) -> str:
        """`GMI Cloud: $9,225, 10% less`."""
        return f"{self.provider}: {self.monthly.text}, {self.share.text} less"


@dataclass(frozen=True)
class MonthlyFact:
    """Each model's headline route at the workload and what it costs a month, fees included: the
    lab's own API where the lab sells the model, else the cheapest route (`offers`)."""

    kind: ClassVar[str] = "monthly_cost"
    costs: tuple[ModelCost, ...]
    cheapest: tuple[str, ...]
    """Models with the lowest displayed cost (several when they print the same); empty under 2 priced."""
    gaps: tuple[Gap, ...]
    tie_rule: str
    """How equal-cost routes are ranked (`engine.monthly.TIE_RULE`)."""
    basis: tuple[Basis, ...]
    picked: tuple[str, ...] = ()
    """Per model, which rule picked its headline route (`the lab's own API`, or a provider and why)."""
    savings: tuple[Saving, ...] = ()
    """Each model whose cheapest route costs less than its headline route: that route, as a saving."""

    def rule_sentence(self, names: Names) -> str:
        """Which rule picked each headline route, in one sentence."""
        if not self.picked:
            return ""
        parts = [f"{names[c.model]}: {p}" for c, p in zip(self.costs, self.picked, strict=True) if p]
        return (
            "Like for like, each headline cost is on the lab's own API where the lab sells the model (its"
            " list price, which you can check on the lab's page), else on the cheapest vetted route with"
            " complete prices for this traffic (for open weights, the cheapest host): "
            + "; ".join(parts)
            + "."
        )

    def sentence(self, names: Names) -> str:
        listed = join([c.phrase(names) for c in self.costs])
        if not self.cheapest:
            return f"At your traffic, {listed}."
        if not self.gaps:
            return f"At your traffic, {listed}: effectively the same cost."
        lead = join([names[m] for m in self.cheapest])
        gap = min(self.gaps, key=lambda g: g.amount.value)
        return (
            f"At your traffic, {listed}: {lead} is {gap.amount.text} ({gap.share.text}) cheaper"
            f" than {names[gap.model]}."
        )

    def saving_sentence(self, names: Names) -> str:
        """Where a cheaper route than the headline exists, what it costs and saves."""
        if not self.savings:
            return ""
        parts = [
            f"{names[s.model]} costs {s.monthly.text} on {s.provider} ({s.share.text} less)"
            for s in self.savings
        ]
        return f"On {self.savings[0].label}, {join(parts)}."


def monthly_fact(
    catalog: Catalog, offers: tuple[ModelRoutes, ...], on: dt.date, routes: RouteSet = RouteSet.VETTED
) -> MonthlyFact:
    costs = tuple(model_cost(catalog, o, o.headline) for o in offers)
    cheapest, gaps = cheapest_models(costs)
    basis = tuple(b for o in offers for b in _cost_basis(catalog, o, o.headline, on))
    label = "the cheapest vetted route" if routes is RouteSet.VETTED else "the cheapest route"
    savings = tuple(found for o in offers if (found := _saving(catalog, o, label)) is not None)
    picked = tuple(_picked(catalog, o, label) for o in offers)
    return MonthlyFact(costs, cheapest, gaps, TIE_RULE, basis, picked, savings)


def _saving(catalog: Catalog, off: ModelRoutes, label: str) -> Saving | None:
    head, low = off.headline, off.cheapest
    if head is None or low is None or low is head or head.monthly is None or low.monthly is None:
        return None
    if low.monthly >= head.monthly or money(low.monthly) == money(head.monthly):
        return None  # compared as displayed: a saving that rounds away is no saving
    amount = head.monthly - low.monthly
    share = amount / head.monthly
    name = provider_name(catalog, low) or low.provider
    return Saving(
        off.model, low.route, name, fig(low.monthly), fig(amount), Figure(share, percent(share)), label
    )


def _picked(catalog: Catalog, off: ModelRoutes, label: str) -> str:
    """Which rule picked a model's headline route, in words."""
    head = off.headline
    if head is None:
        return ""
    if head is off.lab_route:
        return "the lab's own API"
    return f"{provider_name(catalog, head)}, {label} (the lab sells no route that prices this traffic)"


@dataclass(frozen=True)
class ScenarioFact:
    """The monthly cost when one thing about the traffic changes, each model on its headline route then."""

    kind: ClassVar[str] = "scenario"
    id: str
    """`cache_half` (half of every prompt read from cache) or `batch_all` (all traffic in batch mode)."""
    change: str
    costs: tuple[ModelCost, ...]
    cheapest: tuple[str, ...]
    base_cheapest: tuple[str, ...]

    def sentence(self, names: Names) -> str:
        listed = join([c.phrase(names) for c in self.costs])
        if not self.cheapest:
            outcome = ""
        elif len(self.cheapest) > 1:
            outcome = "; the two cost effectively the same" if len(self.costs) == 2 else "; several tie"
        else:
            who = names[self.cheapest[0]]
            verb = "stays" if self.cheapest == self.base_cheapest else "becomes"
            outcome = (
                f"; {who} {verb} the cheaper one" if len(self.costs) == 2 else f"; {who} {verb} cheapest"
            )
        return f"{self.change[0].upper()}{self.change[1:]}, {listed}{outcome}."


def scenario_facts(
    catalog: Catalog,
    model_ids: list[str],
    workload: Workload,
    on: dt.date,
    base: MonthlyFact,
    routes: RouteSet = RouteSet.VETTED,
) -> tuple[ScenarioFact, ...]:
    variants: list[tuple[str, str, Workload]] = []
    if all(p.cached_tokens * 2 < p.input_tokens for p in workload.profiles):
        cached = tuple(replace(p, cached_tokens=p.input_tokens // 2) for p in workload.profiles)
        variants.append(
            (
                "cache_half",
                "if half of every prompt is read from the cache",
                replace(workload, profiles=cached),
            )
        )
    if workload.batch_share < 1:
        variants.append(
            ("batch_all", "if all traffic runs in batch mode", replace(workload, batch_share=Decimal(1)))
        )
    facts = []
    for sid, change, variant in variants:
        costs = tuple(_headline(catalog, m, variant, on, routes) for m in model_ids)
        if [c.monthly and c.monthly.text for c in costs] == [
            c.monthly and c.monthly.text for c in base.costs
        ]:
            continue  # nothing changes: the sentence would only repeat the monthly cost
        cheapest, _ = cheapest_models(costs)
        facts.append(ScenarioFact(sid, change, costs, cheapest, base.cheapest))
    return tuple(facts)


def _headline(catalog: Catalog, model: str, workload: Workload, on: dt.date, routes: RouteSet) -> ModelCost:
    """The model's cost on its headline route, pricing every route only when the lab's own cannot."""
    cost = headline_cost(catalog, model, workload, on, routes)
    if cost is not None:
        return priced_cost(catalog, model, cost)
    off = offer(catalog, model, workload, on, routes)
    return model_cost(catalog, off, off.headline)
