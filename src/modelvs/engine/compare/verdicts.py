"""Verdicts from facts: scorecard (both sides of every signal), tradeoffs, switch friction, choose-when."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from modelvs.engine.quality import ARENA, plus_minus

from .benchmarks import BenchmarkRow
from .capabilities import label
from .facts import Facts
from .types import Figure, Names, join

TIE, UNKNOWN = "tie", "unknown"
CLEAR_MARGIN = Decimal("0.05")
"""A lead counts as a reason (tradeoffs, "choose when") only when the leader is ahead of the next
model by at least this share of the better value: a 2% difference is a lead, not a reason."""

# signal id: (row label, what leading it gains you)
SIGNALS: dict[str, tuple[str, str]] = {
    "input_price": ("Input price per 1M tokens", "the lower input price"),
    "output_price": ("Output price per 1M tokens", "the lower output price"),
    "cache_read_price": ("Cache-read price per 1M tokens", "the lower cache-read price"),
    "context_window": ("Context window (tokens)", "the larger context window"),
    "max_output": ("Max output (tokens)", "the higher output limit"),
    "monthly_cost": ("Monthly cost at your traffic", "the lower monthly cost at your traffic"),
    "routes": ("Routes with a price for your traffic", "more routes that price your traffic"),
    "capabilities": ("Capabilities (known yes)", "more capabilities known to be supported"),
    "rating": ("Arena rating (overall)", "the higher Arena rating, beyond both intervals"),
    "benchmarks": ("Other comparable benchmark wins", "more comparable benchmark wins"),
}


@dataclass(frozen=True)
class ScoreRow:
    """One signal with every model's value and who leads: a model id, `tie` or `unknown`."""

    signal: str
    label: str
    cells: tuple[str, ...]
    lead: str
    leaders: tuple[str, ...]
    clear: bool = False
    """One model leads by at least `CLEAR_MARGIN`: the lead can be given as a reason."""


@dataclass(frozen=True)
class Direction:
    """What moving production traffic from one model (or several) to another involves."""

    source: str
    target: str
    bullets: tuple[str, ...]
    also_from: tuple[str, ...] = ()
    """Further models the same move starts from (a comparison of more than two models moves every
    other model to the cheapest, and says each thing once for all of them)."""


@dataclass(frozen=True)
class Verdicts:
    scorecard: tuple[ScoreRow, ...]
    tradeoffs: tuple[str, ...]
    """What changes the answer (a cache or batch share that flips it, a tier, a preview): what the
    scorecard's rows do not say."""
    switch: tuple[Direction, ...]
    choose: tuple[str, ...]
    """`Choose X when ...`, one per model that leads on something."""


def _lead(models: tuple[str, ...], leaders: tuple[str, ...]) -> tuple[str, tuple[str, ...]]:
    if not leaders:
        return UNKNOWN, ()
    if len(leaders) == 1:
        return leaders[0], leaders
    return TIE, leaders


def _most(models: tuple[str, ...], values: tuple[int, ...]) -> tuple[str, ...]:
    top = max(values)
    return tuple(m for m, v in zip(models, values, strict=True) if v == top)


def margin(values: tuple[Decimal | None, ...], higher_is_better: bool) -> Decimal | None:
    """How far the best value is ahead of the next different one, as a share of the better of the
    two; None when a value is unknown or every value is the same."""
    if any(v is None for v in values):
        return None
    ordered = sorted({v for v in values if v is not None}, reverse=higher_is_better)
    if len(ordered) < 2:
        return None
    best, second = ordered[0], ordered[1]
    if higher_is_better:
        return (best - second) / best if best else None
    return (second - best) / second if second else None


def _clear(values: tuple[Decimal | None, ...], higher_is_better: bool) -> bool:
    found = margin(values, higher_is_better)
    return found is not None and found >= CLEAR_MARGIN


def scorecard(f: Facts) -> tuple[ScoreRow, ...]:
    models = f.routes.models
    rows: list[tuple[str, tuple[str, ...], tuple[str, ...], bool]] = []

    def values(figures: tuple[Figure | None, ...]) -> tuple[Decimal | None, ...]:
        return tuple(x.value if x is not None else None for x in figures)

    for signal, fact in zip(("input_price", "output_price", "cache_read_price"), f.rates, strict=True):
        cells = tuple(r.text if r else "no published price" for r in fact.rates)
        rows.append((signal, cells, fact.lowest, _clear(values(fact.rates), False)))
    for signal, lim in (("context_window", f.context_window), ("max_output", f.max_output)):
        cells = tuple(v.text if v else UNKNOWN for v in lim.values)
        rows.append((signal, cells, lim.largest, _clear(values(lim.values), True)))
    monthly = tuple(c.monthly for c in f.monthly.costs)
    saved = {s.model: f" ({s.phrase()})" for s in f.monthly.savings}
    rows.append(
        (
            "monthly_cost",
            tuple(
                m.text + saved.get(c.model, "") if m else "no published price"
                for c, m in zip(f.monthly.costs, monthly, strict=True)
            ),
            f.monthly.cheapest,
            _clear(values(monthly), False),
        )
    )
    priced = tuple(Decimal(n) for n in f.routes.priced)
    rows.append(
        (
            "routes",
            tuple(f"{n} of {len(p)}" for n, p in zip(f.routes.priced, f.routes.providers, strict=True)),
            _most(models, f.routes.priced),
            _clear(priced, True),
        )
    )
    caps = f.capabilities
    unknown = tuple(sum(1 for _, s in caps.cells if s[i] == UNKNOWN) for i in range(len(models)))
    rows.append(
        (
            "capabilities",
            tuple(f"{y} yes, {u} unknown" for y, u in zip(caps.yes_counts, unknown, strict=True)),
            _most(models, caps.yes_counts),
            _clear(tuple(Decimal(n) for n in caps.yes_counts), True),
        )
    )
    rating = _rating_row(f, models)
    rows.append((*rating, len(rating[2]) == 1))  # a rating lead is beyond both intervals: clear
    others = [r for r in f.benchmarks.comparable if r.benchmark != ARENA]
    wins = tuple(sum(1 for r in others if r.leaders == (m,)) for m in models)
    cells = tuple(f"{w} of {len(others)}" if others else "none comparable" for w in wins)
    won = _most(models, wins) if others else ()
    rows.append(("benchmarks", cells, won, bool(won) and _clear(tuple(Decimal(w) for w in wins), True)))
    out = []
    for signal, cells, leaders, clear in rows:
        lead, who = _lead(models, leaders)
        out.append(ScoreRow(signal, SIGNALS[signal][0], cells, lead, who, clear and len(who) == 1))
    return tuple(out)


def _rating_row(f: Facts, models: tuple[str, ...]) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """Each model's overall Arena rating with its interval; a lead only beyond the intervals."""
    cells = tuple(plus_minus(r) if r else "not rated" for r in f.rating.ratings)
    return ("rating", cells, f.rating.leaders)


def tradeoffs(f: Facts, names: Names) -> tuple[str, ...]:
    """What changes the answer, beyond who leads each row of the scorecard: a change in the traffic
    that makes another model the cheaper one, a price tier the traffic could cross, a preview."""
    out = []
    base = f.monthly.cheapest
    choice = "the cheaper choice" if len(f.routes.models) == 2 else "the cheapest"
    for s in f.scenarios:
        if not s.cheapest or not base:
            continue
        who = join([names[m] for m in s.cheapest])
        change = s.change[0].upper() + s.change[1:]
        if s.cheapest == base:
            out.append(f"{change}, {who} stays {choice}.")
        elif len(s.cheapest) == 1:
            out.append(f"{change}, {who} becomes {choice}.")
        else:
            out.append(f"{change}, {who} cost effectively the same.")
    for t in f.tiers:
        out.append(
            f"Prompts over {t.threshold:,} tokens bill a whole {names[t.model]} request at its higher"
            f" long-context rates on {t.provider} (worked through in the deep dive)."
        )
    for life in f.lifecycle.models:
        if life.status == "preview":
            out.append(f"{names[life.model]} is a preview model: its behaviour and price may still change.")
    return tuple(out)


def directions(models: tuple[str, ...], cheapest: tuple[str, ...]) -> list[tuple[str, str]]:
    """Both ways for two models; with more, from each other model to the cheapest at the workload."""
    if len(models) == 2:
        return [(models[0], models[1]), (models[1], models[0])]
    target = cheapest[0] if cheapest else models[0]
    return [(m, target) for m in models if m != target]


def switch_friction(f: Facts, names: Names) -> tuple[Direction, ...]:
    """Both ways for two models; with more, one move: from every other model to the cheapest, each
    thing said once for all the models it concerns (never once per model)."""
    models = f.routes.models
    pairs = directions(models, f.monthly.cheapest)
    moves = (
        [([src], dst) for src, dst in pairs] if len(models) == 2 else [([s for s, _ in pairs], pairs[0][1])]
    )
    out = []
    for sources, dst in moves:
        ii, j = [models.index(s) for s in sources], models.index(dst)
        bullets = [*_ab_tests(f, names, ii, j), *_capabilities(f, names, ii, j)]
        for lim, what in ((f.context_window, "prompts"), (f.max_output, "answers")):
            b = lim.values[j]
            larger = [a for a in (lim.values[i] for i in ii) if a is not None]
            if b is not None and any(b.value < a.value for a in larger):  # a larger limit is no friction
                bullets.append(f"{what.capitalize()} over {b.text} tokens fail on {names[dst]}.")
        life = f.lifecycle.models[j]
        if life.deprecation_date is not None:
            bullets.append(f"Plan for {names[dst]}'s deprecation date, {life.deprecation_date.isoformat()}.")
        out.append(
            Direction(sources[0], dst, tuple(dict.fromkeys(b for b in bullets if b)), tuple(sources[1:]))
        )
    return tuple(out)


def _who(names: list[str], one: str, many: str) -> str:
    """`A supports` / `A and B support`."""
    return f"{join(names)} {one if len(names) == 1 else many}"


def _capabilities(f: Facts, names: Names, ii: list[int], j: int) -> list[str]:
    """What the target lacks or may lack of what the sources support, grouped by who supports it."""
    models, dst = f.routes.models, names[f.routes.models[j]]
    lost: dict[tuple[str, ...], list[str]] = {}
    unsure: dict[tuple[str, ...], list[str]] = {}
    for cap, states in f.capabilities.cells:
        having = tuple(names[models[i]] for i in ii if states[i] == "yes")
        if having and states[j] == "no":
            lost.setdefault(having, []).append(label(cap))
        elif having and states[j] == UNKNOWN:
            unsure.setdefault(having, []).append(label(cap))
    out = []
    if len(lost) == 1:
        ((who, caps),) = lost.items()
        out.append(f"{dst} lacks {join(caps)}, which {_who(list(who), 'supports', 'support')}.")
    elif lost:
        groups = [f"{join(caps)} ({join(list(who))})" for who, caps in lost.items()]
        out.append(f"{dst} lacks what the others support: {join(groups)}.")
    if len(unsure) == 1:
        ((who, caps),) = unsure.items()
        out.append(
            f"Test {join(caps)} on {dst} first: the catalog does not record support, and"
            f" {_who(list(who), 'has', 'have')} it."
        )
    elif unsure:
        groups = [f"{join(caps)} ({join(list(who))})" for who, caps in unsure.items()]
        out.append(f"Test on {dst} first what the catalog does not record for it: {join(groups)}.")
    return out


def _ab_tests(f: Facts, names: Names, ii: list[int], j: int) -> list[str]:
    """Where to try the target beside each source on one account, one sentence per provider."""
    models = f.routes.models
    dst_name = names[models[j]]
    shared = [p for p in f.shared_providers.providers if p.costs[j] is not None]
    by_provider: dict[str, list[str]] = {}
    target: dict[str, str] = {}
    alone = []
    for i in ii:
        both = [p for p in shared if p.costs[i] is not None] or shared
        if not both:
            alone.append(names[models[i]])
            continue
        best = min(both, key=lambda p: (_value(p.costs[j]), p.name))
        a = best.costs[i]
        target[best.name] = _text(best.costs[j])
        theirs = f"{a.text} for {names[models[i]]}" if a is not None else f"no price for {names[models[i]]}"
        by_provider.setdefault(best.name, []).append(theirs)
    out = [
        f"A/B test on {provider}, where {dst_name} costs {target[provider]} a month against {join(theirs)}."
        for provider, theirs in by_provider.items()
    ]
    if alone:
        dst = f.monthly.costs[j]
        if dst.provider is not None:
            out.append(
                f"No provider serves both {_either(alone)} and {dst_name}, so {dst_name} needs its own"
                f" account (its headline route: {dst.provider})."
            )
        else:
            out.append(f"No provider serves both, and {dst_name} has no priced route for your traffic.")
    return out


def _either(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} or {items[-1]}"


def choose_when(f: Facts, rows: tuple[ScoreRow, ...], names: Names) -> tuple[str, ...]:
    models = f.routes.models
    out = []
    for i, m in enumerate(models):
        when: list[str] = []
        if (
            f.monthly.gaps
            and m in f.monthly.cheapest
            and min(g.share.value for g in f.monthly.gaps) >= CLEAR_MARGIN
        ):
            when.append("cost at your traffic decides")
        for lim, what in ((f.context_window, "prompts exceed"), (f.max_output, "answers run past")):
            others = [v for k, v in enumerate(lim.values) if k != i and v is not None]
            mine = lim.values[i]
            if mine is not None and others and m in lim.largest and len(lim.largest) == 1:
                runner = max(others, key=lambda v: v.value)
                if (mine.value - runner.value) / mine.value >= CLEAR_MARGIN:
                    when.append(f"{what} {runner.text} tokens")
        if f.capabilities.only[i]:
            when.append(f"you need {join([label(c) for c in f.capabilities.only[i]])}")
        for be in f.break_even:
            if be.ratio is not None and m in be.models:
                side = "more input-heavy" if be.cheaper_above == m else "more output-heavy"
                other = be.models[1] if be.models[0] == m else be.models[0]
                suffix = "" if len(models) == 2 else f" (against {names[other]})"
                when.append(f"your traffic is {side} than {be.ratio.text} input:output{suffix}")
        if f.rating.leaders == (m,):
            when.append("human-preference quality (the Arena rating) decides")
        wins = [
            r.name
            for r in f.benchmarks.comparable
            if r.benchmark != ARENA and r.leaders == (m,) and _bench_clear(r)
        ]
        if wins:
            when.append(f"{join(wins)} results matter")
        if when:
            out.append(f"Choose {names[m]} when {_or(when)}.")
    return tuple(out)


def _bench_clear(row: BenchmarkRow) -> bool:
    return _clear(
        tuple(s.score if s is not None else None for s in row.scores if s is not None), row.higher_is_better
    )


def _value(fig: Figure | None) -> Decimal:
    return fig.value if fig is not None else Decimal(0)


def _text(fig: Figure | None) -> str:
    return fig.text if fig is not None else "no price"


def _or(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])}, or {items[-1]}"


def verdicts(f: Facts, names: Names) -> Verdicts:
    rows = scorecard(f)
    return Verdicts(rows, tradeoffs(f, names), switch_friction(f, names), choose_when(f, rows, names))
