"""The public API: `import modelvs` is cheap, its names resolve, and `price` prices as the engine does."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

import modelvs
from modelvs.catalog import Catalog
from modelvs.engine.monthly import RouteSet, cheapest_route
from modelvs.engine.pricing import price_request
from modelvs.engine.workload import Request

DAY = dt.date(2026, 11, 24)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return modelvs.load_catalog()


def test_import_loads_no_submodule_and_every_public_name_resolves() -> None:
    code = (
        "import json, sys, modelvs\n"
        "before = sorted(m for m in sys.modules if m.startswith('modelvs'))\n"
        "names = {n: type(getattr(modelvs, n)).__name__ for n in modelvs.__all__}\n"
        "print(json.dumps({'before': before, 'names': names}))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    seen = json.loads(done.stdout)
    assert seen["before"] == ["modelvs"]
    assert set(seen["names"]) == set(modelvs.__all__)
    assert set(modelvs.__all__) == {"__version__", *modelvs._EXPORTS}


def test_an_unknown_attribute_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        _ = modelvs.nope  # type: ignore[attr-defined]


def test_price_on_a_named_provider_is_the_engines_price(catalog: Catalog) -> None:
    found = modelvs.price(
        "gpt-4o-2024-11-20", input_tokens=1000, output_tokens=100, provider="openai", on=DAY, catalog=catalog
    )
    assert found.total == Decimal("0.0035")
    assert found.route == "openai:openai/gpt-4o-2024-11-20"
    assert found.provider == "openai"
    assert found.vetted
    assert found.on == DAY
    engine = price_request(catalog, found.route, Request(1000, 100), DAY)
    assert (found.total, found.lines) == (engine.total, engine.lines)


def test_price_without_a_provider_takes_the_cheapest_vetted_route(catalog: Catalog) -> None:
    found = modelvs.price(
        "gemini-3.1-pro-preview", input_tokens=800, output_tokens=250, on=DAY, catalog=catalog
    )
    best = cheapest_route(catalog, "google/gemini-3.1-pro-preview", modelvs.Workload.of(1, 800, 250), DAY)
    assert best is not None
    assert found.route == best.route
    assert found.total == best.monthly


def test_cached_reasoning_and_batch_requests_bill_their_own_rates(catalog: Catalog) -> None:
    plain = modelvs.price(
        "gpt-4o-2024-11-20", input_tokens=1000, output_tokens=100, provider="openai", on=DAY
    )
    cached = modelvs.price(
        "gpt-4o-2024-11-20",
        input_tokens=1000,
        output_tokens=100,
        cached_tokens=1000,
        provider="openai",
        on=DAY,
    )
    batch = modelvs.price(
        "gpt-4o-2024-11-20", input_tokens=1000, output_tokens=100, provider="openai", mode="batch", on=DAY
    )
    assert [line.component for line in cached.lines] == ["input", "cache_read", "output"]
    assert cached.total < plain.total
    assert batch.mode is modelvs.PriceMode.BATCH
    assert batch.total == plain.total / 2  # OpenAI's batch API is half price


def test_names_resolve_as_in_the_cli(catalog: Catalog) -> None:
    by_alias = modelvs.price("openai/gpt-4o-2024-11-20", input_tokens=1, output_tokens=1, catalog=catalog)
    assert by_alias.model == "openai/gpt-4o-2024-11-20"
    with pytest.raises(modelvs.UnknownModelError, match="Did you mean"):
        modelvs.price("gpt-4o-2024-11-2x-nope", input_tokens=1, output_tokens=1, catalog=catalog)


def test_a_provider_that_does_not_sell_the_model_is_named(catalog: Catalog) -> None:
    with pytest.raises(
        modelvs.NoPriceError, match=r"no route on 'anthropic'; providers that sell it: .*openai"
    ):
        modelvs.price(
            "gpt-4o-2024-11-20", input_tokens=1, output_tokens=1, provider="anthropic", catalog=catalog
        )


def test_a_request_over_the_context_window_has_no_price(catalog: Catalog) -> None:
    with pytest.raises(modelvs.NoPriceError, match="over the 128,000-token limit"):
        modelvs.price(
            "gpt-4o-2024-11-20", input_tokens=200_000, output_tokens=1, provider="openai", catalog=catalog
        )


def test_a_date_before_the_release_is_refused(catalog: Catalog) -> None:
    with pytest.raises(modelvs.NotYetReleasedError, match="released on 2024-11-20, after 2023-01-01"):
        modelvs.price("gpt-4o-2024-11-20", input_tokens=1, output_tokens=1, on="2023-01-01", catalog=catalog)
    with pytest.raises(modelvs.NotYetReleasedError):
        modelvs.compare("gpt-4o-2024-11-20", "gpt-5.5", on=dt.date(2023, 1, 1), catalog=catalog)
    earlier = modelvs.rank(on="2024-06-01", limit=None, catalog=catalog)
    assert earlier
    dates = [catalog.models[r.model].release_date for r in earlier]
    assert all(d is None or d <= dt.date(2024, 6, 1) for d in dates)  # no date known: counted as out
    assert any(d is not None for d in dates)


def test_bad_mode_and_date_say_what_is_accepted(catalog: Catalog) -> None:
    with pytest.raises(ValueError, match="mode takes one of standard, batch"):
        modelvs.price("gpt-4o-2024-11-20", input_tokens=1, output_tokens=1, mode="fast", catalog=catalog)
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        modelvs.price("gpt-4o-2024-11-20", input_tokens=1, output_tokens=1, on="tomorrow", catalog=catalog)


def test_compare_and_rank_use_the_workload(catalog: Catalog) -> None:
    workload = modelvs.Workload.of(2_000_000, 800, 250)
    comparison = modelvs.compare("gpt-4o-2024-11-20", "gemini-3.1-pro-preview", workload=workload, on=DAY)
    assert [m.id for m in comparison.models] == ["openai/gpt-4o-2024-11-20", "google/gemini-3.1-pro-preview"]
    ranked = modelvs.rank(["vision"], workload=workload, limit=5, on=DAY, catalog=catalog)
    assert len(ranked) == 5
    assert [r.cost.monthly for r in ranked] == sorted(r.cost.monthly or 0 for r in ranked)
    assert all(catalog.models[r.model].capabilities.get(modelvs.Capability.VISION) for r in ranked)
    everything = modelvs.rank(modelvs.Needs(routes=RouteSet.ALL), limit=1, on=DAY, catalog=catalog)
    assert everything[0].cost.monthly is not None
    assert everything[0].cost.monthly <= ranked[0].cost.monthly  # type: ignore[operator]


def test_workload_of_refuses_a_float_share() -> None:
    assert modelvs.Workload.of(batch_share="0.5").batch_share == Decimal("0.5")
    with pytest.raises(TypeError, match="not a float"):
        modelvs.Workload.of(batch_share=0.5)  # type: ignore[arg-type]


def test_load_catalog_refuses_an_empty_folder(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="not a catalog folder"):
        modelvs.load_catalog(tmp_path)


def test_load_catalog_reads_another_folder(mini: Path) -> None:
    other = modelvs.load_catalog(mini)
    assert other is not modelvs.load_catalog()
    assert 0 < len(other.models) < 100


# A Decimal printed with trailing zeros after its point, or in exponent notation.
UNNORMAL = re.compile(r"Decimal\('(-?\d+\.\d*0|[^']*E[^']*)'\)")


def test_results_print_exact_normalised_decimals(catalog: Catalog) -> None:
    workload = modelvs.Workload.of(1_000_000, 800, 250)
    price = modelvs.price(
        "claude-opus-4-7", input_tokens=1000, output_tokens=100, provider="anthropic", on=DAY, catalog=catalog
    )
    comparison = modelvs.compare("gpt-5.5", "claude-opus-4-7", "gemini-3.1-pro-preview", on=DAY)
    ranked = modelvs.rank(["vision"], workload=workload, limit=10, on=DAY, catalog=catalog)
    log = io.StringIO(
        "date,provider,model,input_tokens,output_tokens,cached_input_tokens,requests,cost\n"
        "2026-11-02,openai,gpt-4o-2024-11-20,1000,100,400,1,0.0030\n"
    )
    repriced = modelvs.reprice(log, as_=["claude-opus-4-7"], catalog=catalog)
    for text in (repr(price), repr(comparison), repr([r.cost for r in ranked]), repr(repriced)):
        assert "Decimal(" in text
        assert UNNORMAL.findall(text) == []
    # The amounts themselves are the engine's, to the last digit, written as people write them.
    engine = cheapest_route(catalog, ranked[0].model, workload, DAY)
    assert engine is not None
    assert ranked[0].cost.monthly == engine.monthly
    monthly = {c.model: c.monthly.value for c in comparison.facts.monthly.costs}
    assert str(monthly["anthropic/claude-opus-4-7"]) == "10250"
    assert str(price.total) == "0.0075"  # 1,000 x $5 + 100 x $25 per 1M


def test_normalised_keeps_values_and_what_needs_no_change() -> None:
    from modelvs.library import normalised

    line = modelvs.Line("input", 1000, Decimal("2.50"), Decimal("0.0025000"))
    assert normalised(line) == line
    assert repr(normalised(line)) == (
        "Line(component='input', tokens=1000, rate=Decimal('2.5'), cost=Decimal('0.0025'))"
    )
    assert normalised(Decimal("4.5E+3")).as_tuple() == Decimal("4500").as_tuple()
    already = (Decimal("2.5"), "x", [Decimal(7)])
    assert normalised(already) is already
