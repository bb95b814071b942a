"""A log re-priced as it was and on other models (the engine, on the shipped catalog)."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import modelvs
from modelvs.catalog import Catalog
from modelvs.catalog.trust import is_vetted
from modelvs.engine.reprice import LISTED, AltRoutes, Repricing, reprice
from modelvs.engine.reprice.alternatives import Target, choose
from modelvs.engine.reprice.groups import group
from modelvs.engine.reprice.served import Points, serve
from modelvs.engine.value import value_map
from modelvs.schema.vocab import PriceMode
from modelvs.usage import UsageRecord, read_log
from modelvs.usage.tokenizers import stated_ratios
from tests.usage.conftest import FIXTURES

NOV = dt.date(2026, 11, 2)
HEADER = "date,provider,model,input_tokens,output_tokens,cached_input_tokens,requests,batch,cost\n"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return modelvs.load_catalog()


def run(catalog: Catalog, text: str, *alternatives: str, **options: object) -> Repricing:
    notes: set[str] = set()
    fmt, records = read_log(io.StringIO(text), notes=notes)
    return reprice(catalog, records, log_format=fmt, alternatives=alternatives, notes=notes, **options)  # type: ignore[arg-type]


def test_a_250k_gemini_span_bills_long_context_rates_and_cannot_run_on_a_128k_model(catalog: Catalog) -> None:
    log = HEADER + "2026-11-02,gcp.gemini,gemini-3.1-pro-preview,250000,2000,0,1,false,\n"
    found = run(catalog, log, "openai/gpt-4o-2024-11-20")
    # Above 200k prompt tokens every component bills at the tier: 250,000 x $4 + 2,000 x $18 per 1M.
    assert found.repriced_total == Decimal("1.036")
    (model,) = found.by_model
    assert [(x.component, x.rate, x.cost) for x in model.lines] == [
        ("input", Decimal("4.0"), Decimal("1.0")),
        ("output", Decimal("18.0"), Decimal("0.036")),
    ]
    (gpt,) = found.alternatives
    assert (gpt.total, gpt.priced_rows, gpt.unpriced_rows, gpt.unpriced_requests) == (Decimal(0), 0, 1, 1)
    assert [(r.reason, r.kind, r.rows) for r in gpt.reasons] == [
        ("prompt over the 128,000-token context limit", "impossible", 1)
    ]
    assert [(u.line, u.model) for u in gpt.unpriced] == [(2, "gemini-3.1-pro-preview")]
    assert gpt.versus_log is None  # no row runs on both


def test_rows_that_cannot_be_priced_are_listed_and_counted_never_priced_at_zero(catalog: Catalog) -> None:
    rows = "".join(f"2026-11-02,openai,gpt-unknown-{i % 3},10,1,0,1,false,0.5\n" for i in range(LISTED + 5))
    log = HEADER + "2026-11-02,openai,gpt-4o-2024-11-20,1000,100,0,1,false,0.0035\n" + rows
    found = run(catalog, log, suggest=0)
    assert found.rows == LISTED + 6
    assert (found.priced_rows, found.unpriced_rows) == (1, LISTED + 5)
    assert len(found.unpriced) == LISTED
    assert [u.line for u in found.unpriced[:3]] == [3, 4, 5]
    assert found.repriced_total == Decimal("0.0035")  # 1,000 x $2.50 + 100 x $10 per 1M
    assert found.reported_total == Decimal("0.5") * (LISTED + 5) + Decimal("0.0035")
    assert found.compared is not None
    assert (found.compared.rows, found.compared.before, found.compared.after) == (
        1,
        Decimal("0.0035"),
        Decimal("0.0035"),
    )


def test_days_and_models_add_up_to_the_totals(catalog: Catalog) -> None:
    text = (FIXTURES / "usage.csv").read_text(encoding="utf-8")
    found = run(catalog, text, "anthropic/claude-opus-4-7", "openai/gpt-4o-2024-11-20")
    assert sum(d.repriced for d in found.by_day) == found.repriced_total
    assert sum(m.repriced for m in found.by_model) == found.repriced_total
    for i, a in enumerate(found.alternatives):
        assert sum(d.alternatives[i] for d in found.by_day) == a.total
        assert sum(line.cost for line in a.lines) == a.total


def test_the_cheapest_vetted_route_prices_the_whole_log(catalog: Catalog) -> None:
    log = HEADER + "2026-11-02,openai,gpt-4o-2024-11-20,100000,1000,50000,1,false,\n"
    found = run(catalog, log, "openai/gpt-4o-2024-11-20", routes=AltRoutes.VETTED)
    (chosen,) = found.alternatives
    assert chosen.route is not None
    assert is_vetted(catalog, chosen.route, NOV)
    notes: set[str] = set()
    grouped = group(
        read_log(io.StringIO(log), notes=notes)[1],
        lambda k, p, m: serve(catalog, k, p, m),
        lambda s: Points((), ()),
    )
    for route in catalog.routes_by_model["openai/gpt-4o-2024-11-20"]:
        if is_vetted(catalog, route, NOV):
            other = choose(
                catalog, grouped.groups, Target("openai/gpt-4o-2024-11-20", (route,)), lambda g: None, NOV
            )
            assert other.bill is not None
            unpriced = sum(cost is None for cost in other.bill.costs)
            assert (chosen.unpriced_rows, chosen.total) <= (unpriced, other.bill.total), route


def test_without_alternatives_the_frontier_suggests_models_that_run_every_row(catalog: Catalog) -> None:
    log = HEADER + "".join(
        f"2026-11-{d:02d},openai,gpt-4o-2024-11-20,{2000 + 100 * d},300,500,1,false,\n" for d in range(1, 11)
    )
    found = run(catalog, log)
    suggested = found.alternatives
    assert 1 <= len(suggested) <= 5
    workload = modelvs.Workload.of(10, 2550, 300, cached_tokens=500)
    frontier = value_map(catalog, workload, dt.date(2026, 11, 10)).frontier
    for a in suggested:
        assert a.suggested
        assert a.model != "openai/gpt-4o-2024-11-20"
        assert a.model in frontier
        assert (a.unpriced_rows, a.priced_rows) == (0, 10)
        assert a.rating is not None


def test_a_stated_tokenizer_ratio_is_a_range_beside_the_model(catalog: Catalog) -> None:
    log = HEADER + "2026-11-02,anthropic,claude-sonnet-4-6,10000,1000,0,1,false,\n"
    log += "2026-11-02,openai,gpt-4o-2024-11-20,10000,1000,0,1,false,\n"
    found = run(catalog, log, "anthropic/claude-opus-4-7", ratios=stated_ratios())
    (opus,) = found.alternatives
    note = opus.tokenizer
    assert note is not None
    # On Opus 4.7 each row costs 10,000 x $5 + 1,000 x $25 per 1M = $0.075; the ratio is stated
    # against earlier Claude models, so it scales the Sonnet row only: $0.075 + $0.075 x [1, 1.35].
    assert (opus.total, note.applies_to) == (Decimal("0.15"), Decimal("0.075"))
    assert (note.low_total, note.high_total) == (Decimal("0.15"), Decimal("0.17625"))
    assert note.ratio.url.startswith("https://")
    none = run(catalog, log, "openai/gpt-4o-2024-11-20", ratios=stated_ratios())
    assert none.alternatives[0].tokenizer is None


def test_a_bucket_straddling_a_tier_is_priced_below_it_and_said_so(catalog: Catalog) -> None:
    log = HEADER + "2026-11-02,gcp.gemini,gemini-3.1-pro-preview,900000,5000,0,10,false,\n"
    found = run(catalog, log, suggest=0)
    # Ten requests, 900,000 prompt tokens: any one of them may have crossed 200k; the average (90k) did not.
    assert found.repriced_total == Decimal("900000") * Decimal("2.0") / 10**6 + Decimal("5000") * 12 / 10**6
    assert any("bucketed rows" in n for n in found.notes)
    over = HEADER + "2026-11-02,gcp.gemini,gemini-3.1-pro-preview,2500000,5000,0,10,false,\n"
    refused = run(catalog, over, suggest=0)
    assert refused.unpriced_rows == 1
    assert refused.reasons[0].kind == "undecided"


# Models on their labs' routes, with the context each can take.
MODELS = (
    ("openai", "gpt-4o-2024-11-20", "openai", 128_000),
    ("anthropic", "claude-sonnet-4-6", "anthropic", 1_000_000),
    ("anthropic", "claude-opus-4-7", "anthropic", 1_000_000),
    ("gcp.gemini", "gemini-3.1-pro-preview", "google", 1_048_576),
)


@st.composite
def rows(draw: st.DrawFn) -> list[tuple[int, dt.date, int, int, int, int, bool]]:
    found = []
    for _ in range(draw(st.integers(1, 25))):
        model = draw(st.integers(0, len(MODELS) - 1))
        day = dt.date(2026, 10, 15) + dt.timedelta(days=draw(st.integers(0, 45)))
        prompt = draw(st.integers(0, min(MODELS[model][3], 400_000)))
        cached = draw(st.integers(0, prompt))
        output = draw(st.integers(0, 8000))
        found.append((model, day, prompt, cached, output, 0, draw(st.booleans())))
    return found


@settings(max_examples=40, deadline=None)
@given(rows())
def test_a_log_on_its_own_models_costs_what_it_reports(
    catalog: Catalog, log: list[tuple[int, dt.date, int, int, int, int, bool]]
) -> None:
    # Each row's reported cost is what the library prices that one request at on that day
    # (`modelvs.price`, itself checked against genai-prices): re-pricing the log, grouped, must agree.
    records = []
    reported = Decimal(0)
    for line, (model, day, prompt, cached, output, _, batch) in enumerate(log, start=2):
        provider, name, provider_id, _ = MODELS[model]
        mode = PriceMode.BATCH if batch else PriceMode.STANDARD
        cost = modelvs.price(
            name, input_tokens=prompt, output_tokens=output, cached_tokens=cached, provider=provider_id,
            mode=mode, on=day, catalog=catalog,
        ).total  # fmt: skip
        reported += cost
        records.append(UsageRecord(line, day, provider, name, prompt, cached, 0, 0, output, 0, 1, mode, cost))
    found = reprice(catalog, records, log_format="usage-csv", suggest=0)
    assert (found.priced_rows, found.unpriced_rows) == (len(log), 0)
    assert found.repriced_total == reported
    assert found.compared is not None
    assert found.compared.difference == 0


def test_an_empty_log_prices_nothing_and_says_so(catalog: Catalog) -> None:
    found = run(catalog, HEADER, "anthropic/claude-opus-4-7")
    assert (found.rows, found.repriced_total, found.first_day) == (0, Decimal(0), None)
    assert found.alternatives == ()
    assert found.notes == ("The log holds no usage rows: there is nothing to price.",)
