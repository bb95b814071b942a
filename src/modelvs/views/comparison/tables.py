"""The comparison's tables, each cell in its one wording: scorecard, monthly cost, specs,
capabilities, benchmarks and sources. Built from the engine's `Comparison`; no arithmetic here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

from modelvs.catalog import Catalog
from modelvs.catalog.sourcing import SourceRef
from modelvs.engine.compare import Comparison, ScoreRow
from modelvs.engine.compare.benchmarks import BenchmarkFact, Score
from modelvs.engine.compare.capabilities import TagsFact, label
from modelvs.engine.compare.costs import ModelCost
from modelvs.engine.compare.types import Figure, join
from modelvs.engine.quality import ARENA, score_text
from modelvs.formatting import exact, money
from modelvs.views.blocks import Cell, Row, Table
from modelvs.views.comparison.page import BenchmarkRow, BenchScore, OwnScores
from modelvs.views.comparison.prices import dated

UNKNOWN = "unknown"
NONE_ANNOUNCED = "none announced"


def leader(names: dict[str, str], leaders: Sequence[str]) -> str:
    """Who leads a row: one name, `tie: A and B`, or `no leader` (the data cannot say)."""
    if not leaders:
        return "no leader"
    if len(leaders) == 1:
        return names[leaders[0]]
    return "tie: " + join([names[m] for m in leaders])


def _score_row(row: ScoreRow, models: Sequence[str], names: dict[str, str]) -> Row:
    leads = set(row.leaders) if row.lead != UNKNOWN else set()
    cells = tuple(Cell(text, lead=m in leads) for m, text in zip(models, row.cells, strict=True))
    return Row(Cell(row.label), (*cells, Cell(leader(names, row.leaders if row.lead != UNKNOWN else ()))))


_KEPT = 256
"""Scorecard tables kept; past it the memo starts again."""
_scorecards: dict[tuple[object, ...], Table] = {}


def scorecard_table(c: Comparison, skip: tuple[str, ...] = ()) -> Table:
    """Every signal of the scorecard but those in `skip` (what the page already says above it).
    The same table for the same rows, names and tags: a new request count mostly leaves them as
    they were (the monthly cost aside), and an unchanged table is printed once."""
    names = c.names
    shown = tuple(r for r in c.verdicts.scorecard if r.signal not in skip)
    key = (shown, tuple(names.items()), c.facts.tags)
    table = _scorecards.get(key)
    if table is None:
        if len(_scorecards) >= _KEPT:
            _scorecards.clear()
        table = _scorecards[key] = _scorecard_table(shown, names, c.facts.tags)
    return table


def _scorecard_table(shown: tuple[ScoreRow, ...], names: dict[str, str], tags: TagsFact) -> Table:
    models = list(names)
    rows = [_score_row(r, models, names) for r in shown]
    rows.append(
        Row(
            Cell("Use-case tags (rules below)"),
            (*(Cell(", ".join(tags.labels(i)) or "none") for i in range(len(models))), Cell("")),
        )
    )
    return Table(
        "scorecard-table", "Each signal and who leads it", ("Signal", *names.values(), "Leader"), tuple(rows)
    )


def _cost(cost: ModelCost) -> str:
    if cost.monthly is None:
        return f"none: {cost.reason}"
    fees = "".join(f", including a {f.percent.text} fee of {f.amount.text}" for f in cost.fees)
    return f"{cost.monthly.text} on {cost.provider}{fees}"


def cost_table(c: Comparison) -> Table:
    """Monthly cost per model: on its headline route (the lab's own API where the lab sells it), on
    the cheapest route where that costs less, in each scenario."""
    names = c.names
    f = c.facts
    lines: list[tuple[str, dict[str, str], tuple[str, ...]]] = [
        ("Your traffic, headline route", {x.model: _cost(x) for x in f.monthly.costs}, f.monthly.cheapest)
    ]
    if f.monthly.savings:
        label = f.monthly.savings[0].label
        saved = {
            s.model: f"{s.monthly.text} on {s.provider} ({s.share.text} less)" for s in f.monthly.savings
        }
        heads = {x.model: x for x in f.monthly.costs}
        cells = {
            m: saved.get(m) or ("the same as the headline" if heads[m].monthly else "none") for m in names
        }
        lines.append((f"On {label}", cells, ()))
    lines += [
        (s.change[0].upper() + s.change[1:], {x.model: _cost(x) for x in s.costs}, s.cheapest)
        for s in f.scenarios
    ]
    rows = [
        Row(Cell(title), tuple(Cell(cells.get(m, "no price"), lead=m in cheapest) for m in names))
        for title, cells, cheapest in lines
    ]
    return Table(
        "cost-table", "Monthly cost, provider fees included", ("Monthly cost", *names.values()), tuple(rows)
    )


def _figures(values: Iterable[Figure | None]) -> tuple[Cell, ...]:
    return tuple(Cell(v.text) if v is not None else Cell(UNKNOWN, state=UNKNOWN) for v in values)


def spec_table(c: Comparison) -> Table:
    names = c.names
    f = c.facts
    ids = list(names)
    life = {x.model: x for x in f.lifecycle.models}
    cutoffs = {x.model: x for x in (f.cutoffs.cutoffs if f.cutoffs else ())}

    def cutoff(m: str) -> Cell:
        x = cutoffs.get(m)
        if x is None or x.value is None:
            return Cell(UNKNOWN, state=UNKNOWN)
        others = "; ".join(f"{ref['name']} gives {v}" for v, ref in x.alternatives)
        return Cell(x.value + (f" ({others})" if others else ""), note=dated(x.source))

    def date(value: object) -> Cell:
        return Cell(str(value)) if value is not None else Cell(NONE_ANNOUNCED)

    def known(value: str | None) -> Cell:
        return Cell(value) if value else Cell(UNKNOWN, state=UNKNOWN)

    params = f.parameters.total if f.parameters else (None,) * len(ids)
    weights = {True: "downloadable", False: "not released", None: UNKNOWN}
    rows = [
        ("Lab", tuple(Cell(m.lab) for m in c.models)),
        ("Status", tuple(known(life[m].status) for m in ids)),
        (
            "Released",
            tuple(known(str(life[m].release_date)) if life[m].release_date else known(None) for m in ids),
        ),
        ("Context window (tokens)", _figures(f.context_window.values)),
        ("Max output (tokens)", _figures(f.max_output.values)),
        ("Knowledge cutoff", tuple(cutoff(m) for m in ids)),
        ("Parameters (disclosed)", tuple(Cell(p.text) if p else Cell("not disclosed") for p in params)),
        ("License", tuple(known(x) for x in f.license.licenses)),
        (
            "Weights",
            tuple(Cell(weights[x], state=UNKNOWN if x is None else None) for x in f.license.open_weights),
        ),
        ("Input modalities", tuple(Cell(", ".join(x) or "not listed") for x in f.modalities.inputs)),
        ("Output modalities", tuple(Cell(", ".join(x) or "not listed") for x in f.modalities.outputs)),
        ("Deprecation date", tuple(date(life[m].deprecation_date) for m in ids)),
        ("Retirement date", tuple(date(life[m].retirement_date) for m in ids)),
    ]
    return Table(
        "specs-table",
        "Specifications (unknown where the catalog has no value)",
        ("Specification", *names.values()),
        tuple(Row(Cell(t), cells) for t, cells in rows),
    )


def capability_table(c: Comparison) -> Table:
    """Every registered capability as yes, no or unknown; each known value's source on hover."""
    names = c.names
    caps = c.facts.capabilities
    refs = {(b.model, b.field.removeprefix("capabilities.")): b.source for b in caps.basis}
    rows = tuple(
        Row(
            Cell(label(cap)),
            tuple(
                Cell(s, state=s, note=dated(refs.get((m, cap))) if (m, cap) in refs else None)
                for m, s in zip(names, states, strict=True)
            ),
        )
        for cap, states in caps.cells
    )
    return Table("capabilities-table", "Capabilities", ("Capability", *names.values()), rows)


def _credit(ref: SourceRef | None) -> str | None:
    return ref["name"] if ref is not None else None


def _number(value: Decimal | None) -> str | None:
    return None if value is None else exact(value)


def _samples(s: Score) -> str:
    return f"{s.samples:,} {'votes' if s.benchmark == ARENA else 'cases'}"


def _measure(key: str, what: str, value: Decimal) -> str:
    """A further measure of a run: `run cost $6.74`, `95.1% of cases ...`, `12.1 seconds per case`."""
    if key.endswith("_cost"):
        return f"run cost {money(value)}"
    number = exact(value)
    return f"{number}{what}" if what.startswith("%") else f"{number} {what}"


def benchmark_rows(fact: BenchmarkFact, names: dict[str, str]) -> tuple[BenchmarkRow, ...]:
    """Comparable scores side by side, each with its interval, votes, setting and date where the
    source gives them; a row whose leaders' intervals overlap is statistically tied."""
    rows = []
    for row in fact.comparable:
        scores = tuple(
            BenchScore(
                s.model,
                _value(s),
                _number(s.low),
                _number(s.high),
                _samples(s) if s.samples is not None else None,
                s.setting or s.harness,
                s.date,
                not s.self_reported,
                _credit(s.source),
                s.model in row.leaders,
                tuple(_measure(key, what, v) for key, what, v in s.measures),
            )
            if s is not None
            else None
            for s in row.scores
        )
        rows.append(
            BenchmarkRow(
                row.benchmark,
                row.name,
                row.category,
                row.version,
                row.metric,
                row.higher_is_better,
                scores,
                row.tied,
                leader(names, row.leaders),
            )
        )
    return tuple(rows)


def benchmark_credits(fact: BenchmarkFact) -> tuple[str, ...]:
    """The credit the licences of the benchmarks shown ask for, each once, as one sentence."""
    scores = [s for row in fact.comparable for s in row.scores if s is not None]
    scores += [s for own in fact.own for s in own]
    credits = tuple(dict.fromkeys(s.credit for s in scores if s.credit))
    return (f"Scores credited to {'; '.join(credits)}.",) if credits else ()


def benchmark_table(rows: Sequence[BenchmarkRow], names: dict[str, str]) -> Table:
    def cell(s: BenchScore | None) -> Cell:
        if s is None:
            return Cell("no score")
        text = s.value + ("" if s.independent else " (self-reported)")
        text += "".join(f"; {m}" for m in s.measures if m.startswith("run cost"))
        credit = s.source and f"source: {s.source}"
        interval = s.low is not None and s.high is not None and f"95% interval {s.low} to {s.high}"
        shown = (interval, s.setting, s.votes, *s.measures, s.date, credit)
        detail = "; ".join(x for x in shown if x)
        return Cell(text, lead=s.lead, note=detail or None)

    out = tuple(
        Row(
            Cell(r.name + (f" ({r.version})" if r.version else "")),
            (*(cell(s) for s in r.scores), Cell("statistically tied" if r.tied else r.leader)),
        )
        for r in rows
    )
    return Table(
        "benchmarks-table",
        "Comparable scores (same benchmark and version)",
        ("Benchmark", *names.values(), "Leader"),
        out,
    )


def _value(s: Score) -> str:
    """`1,521 ± 4.5` for a rating with an interval, else the score as published (`18.2`)."""
    return score_text(s.score, s.margin)


def _own(s: Score) -> str:
    """`Coding 1,521 ± 4.5`, `68.5 (version 2.0)`: one score of a model's own list."""
    value = _value(s)
    label = s.name.split(": ", 1)[1] + " " if ": " in s.name else ""
    extra = [x for x in (s.version and f"version {s.version}", s.setting) if x]
    return label + value + (f" ({', '.join(extra)})" if extra else "")


def own_scores(fact: BenchmarkFact, names: dict[str, str]) -> tuple[OwnScores, ...]:
    """Per model, its scores no other compared model shares: one line per benchmark, its source once."""
    out = []
    for m, scores in zip(fact.models, fact.own, strict=True):
        by_bench: dict[str, list[Score]] = {}
        for s in scores:
            by_bench.setdefault(s.benchmark, []).append(s)
        items = tuple(
            f"{group[0].name.split(': ', 1)[0]}"
            f" ({'self-reported' if group[0].self_reported else 'independent'}): "
            f"{'; '.join(_own(s) for s in group)} ({dated(group[0].source)})"
            for group in by_bench.values()
        )
        if items:
            out.append(OwnScores(m, f"Other scores for {names[m]} (not comparable)", items))
    return tuple(out)


def sources_table(catalog: Catalog, refs: Iterable[SourceRef]) -> Table:
    """Every source cited on the page: version, license, snapshot, checked dates, values cited."""
    seen: dict[str, list[SourceRef]] = {}
    for ref in refs:
        seen.setdefault(ref["source"], []).append(ref)
    rows = []
    for sid, group in sorted(seen.items()):
        src = catalog.sources.get(sid)
        checked = sorted({r["checked"] for r in group if r["checked"]})
        span = " to ".join(dict.fromkeys([checked[0], checked[-1]])) if checked else "none stated"
        url = src.url if src is not None else group[0]["url"]
        rows.append(
            Row(
                Cell(src.name if src is not None else group[0]["name"], note=url),
                (
                    Cell(src.version or "—" if src is not None else "—"),
                    Cell(group[0]["license"]),
                    Cell(src.retrieved.isoformat() if src is not None else group[0]["retrieved"]),
                    Cell(span),
                    Cell(f"{len(group):,}"),
                ),
            )
        )
    return Table(
        "sources-table",
        "Every source cited on this page",
        ("Source", "Version", "License", "Snapshot", "Checked dates", "Values cited"),
        tuple(rows),
    )
