"""The comparison's charts as numbers: the tier cliff and the context limit, routes, break-even."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from itertools import pairwise

from modelvs.catalog import Catalog, load_catalog
from modelvs.engine.compare import compare
from modelvs.engine.quality import plus_minus
from modelvs.engine.value import value_map
from modelvs.engine.workload import Profile, Workload
from modelvs.formatting import money
from modelvs.views.blocks import Chart
from modelvs.views.charts import blend_chart, prompt_chart, value_chart
from modelvs.views.comparison import ComparisonPage
from modelvs.views.comparison.page import CostSection, DeepDive
from tests.views.conftest import REFERENCE


def charts(page: ComparisonPage) -> list[Chart]:
    """Every chart of the page: the one in view (monthly cost), then the deep dive's."""
    first = page.get("monthly-cost", CostSection).chart
    return [*([first] if first else []), *page.get("deep-dive", DeepDive).charts]


def _chart(page: ComparisonPage, cid: str) -> Chart:
    return next(c for c in charts(page) if c.id == cid)


def test_four_charts_one_in_view(reference: ComparisonPage) -> None:
    ids = [c.id for c in charts(reference)]
    assert ids == ["chart-routes", "chart-prompt", "chart-blend", "chart-value"]


def test_the_prompt_chart_draws_the_engines_curve(reference: ComparisonPage, shipped: object) -> None:
    from modelvs.engine.compare import compare
    from modelvs.engine.workload import DEFAULT_WORKLOAD
    from tests.views import ON
    from tests.views.conftest import REFERENCE

    curve = compare(shipped, REFERENCE, DEFAULT_WORKLOAD, ON).curves.prompt  # type: ignore[arg-type]
    assert curve is not None
    chart = _chart(reference, "chart-prompt")
    for series, costs in zip(chart.series, curve.costs, strict=True):
        assert [p.y for p in series.points] == [c for c in costs if c is not None]


def test_value_chart_marks_rated_compared_models_and_draws_the_frontier(
    reference: ComparisonPage,
) -> None:
    chart = _chart(reference, "chart-value")
    assert chart.kind == "scatter"
    assert chart.x.scale == "log"
    marked = [s.name for s in chart.series if s.style == "marked"]
    assert marked == ["Gemini 3.1 Pro Preview"]  # GPT-4o (2024-11-20) is not on the Arena's board
    (edge,) = [s for s in chart.series if s.style == "line"]
    (dots,) = [s for s in chart.series if s.style == "dots"]
    points = sorted((p.x, p.y) for p in edge.points)
    assert len(points) >= 3
    assert all(b[0] > a[0] and b[1] > a[1] for a, b in pairwise(points))
    # Every model off the frontier has one on it at most as dear and rated at least as high.
    assert all(any(x <= d.x and y >= d.y for x, y in points) for d in dots.points)
    rows = {r.head.text: [c.text for c in r.cells] for r in chart.table.rows}
    assert rows["Gemini 3.1 Pro Preview"] == ["1,487 ± 3.0", "$4,600", "no"]
    assert "Arena leaderboard (LMArena), CC BY 4.0" in chart.caption


def test_prompt_chart_shows_the_tier_cliff_and_the_context_limit(reference: ComparisonPage) -> None:
    chart = _chart(reference, "chart-prompt")
    gemini, gpt = ({p.x: p.y for p in s.points} for s in chart.series)
    # Gemini bills the whole request at its >200k rates ($4 in, $18 out) once the prompt passes 200,000.
    assert gemini[Decimal(200_000)] == Decimal("0.403")  # 200,000 x $2 + 250 x $12 per 1M
    assert gemini[Decimal(200_001)] == Decimal("0.804504")  # 200,001 x $4 + 250 x $18 per 1M
    assert max(gpt) == Decimal(128_000)  # no point past GPT-4o's window
    assert max(gemini) == Decimal(1_048_576)
    kinds = {(m.kind, m.x) for m in chart.marks}
    assert {("cliff", Decimal(200_000)), ("limit", Decimal(128_000)), ("you", Decimal(800))} <= kinds
    rows = {r.head.text: [c.text for c in r.cells] for r in chart.table.rows}
    assert rows["128,000"] == ["$0.26", "$0.32"]  # $0.259 and $0.3225, to the cent
    assert rows["1,048,576"][1] == "cannot run"


def test_route_chart_bars_the_cheapest_routes_of_each_model(reference: ComparisonPage) -> None:
    chart = _chart(reference, "chart-routes")
    names = [s.name for s in chart.series]
    assert names[0] == "Gemini 3.1 Pro Preview on Google AI Studio (Gemini API)"
    assert "GPT-4o (2024-11-20) on OpenAI API" in names
    leads = [s.name for s in chart.series if s.lead]
    assert all(n.startswith("GPT-4o (2024-11-20)") for n in leads)  # $4,500, the lowest
    assert all(len(s.points) == 1 for s in chart.series)


def test_blend_chart_marks_the_break_even_at_four_to_one(reference: ComparisonPage) -> None:
    chart = _chart(reference, "chart-blend")
    (mark,) = [m for m in chart.marks if m.kind == "break-even"]
    assert mark.x == Decimal("0.8")
    assert "4:1" in mark.label
    assert [len(s.points) for s in chart.series] == [11, 11]
    assert "Standard rates on the labs' own APIs" in chart.caption


def test_value_chart_labels_are_the_same_cold_and_after_a_warm_up(shipped: Catalog) -> None:
    # Each label's `Name: rating` is kept per catalog: a fresh catalog starts with none kept.
    value = value_map(shipped, Workload(123_457), dt.date(2026, 5, 1), REFERENCE)
    names = {REFERENCE[0]: "Gemini (as the page names it)"}
    cold = value_chart(load_catalog(), value, names)
    warm = load_catalog()
    value_chart(warm, value, {})
    assert value_chart(warm, value, names) == cold
    assert cold is not None
    labels = {p.label for s in cold.series for p in s.points}
    for p in value.points:
        if p.monthly > 0:
            name = names.get(p.model) or shipped.models[p.model].name
            assert f"{name}: {plus_minus(p.rating)} at {money(p.monthly)} a month" in labels
    assert not any(label.startswith("Gemini 3.1 Pro Preview:") for label in labels)


def test_line_charts_kept_per_curve_equal_charts_drawn_anew(shipped: Catalog) -> None:
    on = dt.date(2026, 5, 1)
    workloads = [
        Workload(1_000),
        Workload(31_000_000),  # the same curves at another request count
        Workload(1_000, (Profile(300_000, 5_000),)),
        Workload(1_000, (Profile(2_000, 6_000),)),  # another input share
    ]
    kept = [compare(shipped, REFERENCE, w, on) for w in workloads]
    drawn = [(prompt_chart(c), blend_chart(c)) for c in kept]
    assert drawn[1][0] is drawn[0][0]  # a new request count reuses them
    assert drawn[1][1] is drawn[0][1]
    for workload, charts_then in zip(workloads, drawn, strict=True):
        fresh = compare(load_catalog(), REFERENCE, workload, on)
        assert (prompt_chart(fresh), blend_chart(fresh)) == charts_then, workload
    assert len({id(b) for _, b in drawn}) == 3
