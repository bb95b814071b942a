import dataclasses
import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from modelvs.schema import PriceSchedule, Source
from modelvs.sources import genai_prices as gp
from modelvs.sources.genai_prices_schedules import Dated, Prices, Tiered
from modelvs.sources.proposal import Proposal, ProposedRecord
from tests.genai_windows import moment_for

TODAY = dt.date(2026, 11, 24)
D = Decimal


def prices(**values: Decimal | Tiered) -> Prices:
    return tuple(values.items())


def entry(model_id: str = "gpt-9", **changes: Any) -> gp.Entry:
    base = gp.Entry(
        provider="openai",
        provider_name="OpenAI",
        pricing_urls=("https://openai.com/api/pricing/",),
        provider_comments=None,
        model_id=model_id,
        name="GPT-9",
        context_window=None,
        deprecated=False,
        comments=None,
        exact_ids=(),
        prices=(Dated(prices(input_mtok=D("2"), output_mtok=D("8"))),),
        variants=(),
    )
    return dataclasses.replace(base, **changes)


def translate(*entries: gp.Entry) -> Proposal:
    return gp.translate(list(entries), TODAY, "0.2.3")


def offers(proposal: Proposal) -> dict[tuple[str, str], ProposedRecord]:
    return {(o.kind, o.id): o for o in proposal.offers}


def route(proposal: Proposal, rid: str) -> tuple[dict[str, Any], ...]:
    return offers(proposal)[("route", rid)].prices or ()


def by_mode(schedules: tuple[dict[str, Any], ...], mode: str) -> list[dict[str, Any]]:
    return [s for s in schedules if s["mode"] == mode]


def assert_valid(proposal: Proposal) -> None:
    Source.model_validate(proposal.source)
    for offer in proposal.offers:
        assert not _has_float(offer), offer
        for schedule in offer.prices or ():
            PriceSchedule.model_validate({**schedule, "citation": "x"})


def _has_float(value: Any) -> bool:
    if isinstance(value, float):
        return True
    if isinstance(value, dict):
        return any(_has_float(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return any(_has_float(v) for v in value)
    if isinstance(value, ProposedRecord):
        return _has_float(dataclasses.asdict(value))
    return False


def test_tier_rows_are_cliffs_above_start_with_every_tiered_component() -> None:
    tiered = Dated(
        prices(
            input_mtok=Tiered(D("2"), ((200_000, D("4")),)),
            output_mtok=Tiered(D("12"), ((100_000, D("15")), (200_000, D("18")))),
            cache_read_mtok=D("0.2"),
        )
    )
    proposal = translate(entry("gemini-9-pro", provider="google", prices=(tiered,)))
    [schedule] = route(proposal, "google:google/gemini-9-pro")
    assert (schedule["input"], schedule["output"], schedule["cache_read"]) == (D(2), D(12), D("0.2"))
    # genai-prices bills a tier when input tokens `> start`; output's 100k tier stays in force at 200k.
    assert schedule["tiers"] == [
        {"threshold": 100_000, "comparison": ">", "output": D(15)},
        {"threshold": 200_000, "comparison": ">", "input": D(4), "output": D(18)},
    ]
    assert_valid(proposal)


def test_batch_variant_with_start_date_inherits_unset_components() -> None:
    base = Dated(prices(input_mtok=D("2.5"), output_mtok=D("10"), cache_read_mtok=D("1.25")))
    batch = Dated(
        prices(input_mtok=D("1.25"), output_mtok=D("5")),
        start=dt.date(2026, 10, 14),
        when=(("processing", "batch"),),
    )
    proposal = translate(entry(prices=(base,), variants=(batch,)))
    schedules = route(proposal, "openai:openai/gpt-9")
    assert by_mode(schedules, "standard") == [
        {"mode": "standard", "input": D("2.5"), "output": D(10), "cache_read": D("1.25")}
    ]
    assert by_mode(schedules, "batch") == [
        {
            "mode": "batch",
            "effective_from": dt.date(2026, 10, 14),
            "input": D("1.25"),
            "output": D(5),
            "cache_read": D("1.25"),
        }
    ]
    assert_valid(proposal)


def test_dated_history_and_variants_split_on_every_start_date() -> None:
    base = (
        Dated(prices(input_mtok=D("0.5"), output_mtok=D("6"))),
        Dated(prices(input_mtok=D("1"), output_mtok=D("12")), start=dt.date(2027, 1, 1)),
    )
    when = (("service_tier", "flex"),)
    flex = (
        Dated(prices(input_mtok=D("0.5")), start=dt.date(2027, 1, 1), when=when),
        Dated(prices(input_mtok=D("0.25")), start=dt.date(2026, 10, 15), when=when),
    )
    schedules = route(translate(entry(prices=base, variants=flex)), "openai:openai/gpt-9")
    standard = [(s.get("effective_from"), s.get("effective_until"), s["input"]) for s in schedules[:2]]
    assert standard == [(None, dt.date(2027, 1, 1), D("0.5")), (dt.date(2027, 1, 1), None, D(1))]
    # The first variant that is in force wins per component; output comes from the day's base.
    assert [(s.get("effective_from"), s["input"], s["output"]) for s in by_mode(schedules, "flex")] == [
        (dt.date(2026, 10, 15), D("0.25"), D(6)),
        (dt.date(2027, 1, 1), D("0.5"), D(12)),
    ]


def test_per_thousand_counts_become_exact_per_unit_fees() -> None:
    base = Dated(
        prices(
            input_mtok=D("1"),
            web_searches_kcount=D("14"),
            requests_kcount=D("5"),
            input_audio_hours=D("0.111"),
            storage_searches_kcount=D("2.5"),
        )
    )
    proposal = translate(entry(prices=(base,)))
    [schedule] = route(proposal, "openai:openai/gpt-9")
    assert schedule["per_unit"] == {"web_search": D("0.014"), "request": D("0.005")}
    # $0.111 an hour has no exact per-second fee, and storage searches have no field: both skipped.
    assert {loc.rsplit(".", 1)[1] for loc, _ in proposal.skipped} == {
        "input_audio_hours",
        "storage_searches_kcount",
    }
    assert route(translate(entry(prices=(Dated(prices(audio_hours=D("0.36"))),))), "openai:openai/gpt-9") == (
        {"mode": "standard", "per_unit": {"audio_second": D("0.0001")}},
    )


def test_exact_ids_expand_into_models_and_routes_with_the_same_prices() -> None:
    proposal = translate(
        entry("gpt-9", exact_ids=("gpt-9", "gpt-9-2026-01-01", "gpt-9-2026-03-01", "gpt-9-latest"))
    )
    found = offers(proposal)
    routes = {rid for kind, rid in found if kind == "route"}
    assert routes == {f"openai:openai/{m}" for m in ("gpt-9", "gpt-9-2026-01-01", "gpt-9-2026-03-01")}
    assert route(proposal, "openai:openai/gpt-9-2026-03-01") == route(proposal, "openai:openai/gpt-9")
    assert found[("route", "openai:openai/gpt-9-2026-03-01")].values == {
        "provider_model_id": "gpt-9-2026-03-01"
    }
    assert found[("model", "openai/gpt-9")].values == {"name": "GPT-9"}
    assert found[("model", "openai/gpt-9-2026-03-01")].values == {"name": "gpt-9-2026-03-01"}
    # A snapshot is its own model, so it is nobody's alias; a moving `-latest` id is skipped.
    assert found[("model", "openai/gpt-9")].aliases == ("gpt-9",)
    assert ("openai.models.gpt-9", "moving alias 'gpt-9-latest': it names whichever model is current") in (
        proposal.skipped
    )


def test_bedrock_ids_of_one_model_are_aliases_of_one_route() -> None:
    proposal = translate(
        entry(
            "regional.anthropic.claude-9-v1:0",
            provider="aws",
            exact_ids=("anthropic.claude-9", "us.anthropic.claude-9"),
        )
    )
    found = offers(proposal)
    assert found[("route", "amazon-bedrock:anthropic/claude-9")].values == {
        "provider_model_id": "anthropic.claude-9-v1:0"
    }
    assert found[("model", "anthropic/claude-9")].aliases == (
        "anthropic.claude-9",
        "anthropic.claude-9-v1:0",
        "us.anthropic.claude-9",
    )
    assert found[("provider", "amazon-bedrock")].values["kind"] == "cloud"


def test_a_windowed_price_is_the_standard_price_and_the_rest_of_the_day_off_peak() -> None:
    off_peak = Dated(prices(input_mtok=D("0.135"), output_mtok=D("0.55")))
    main = Dated(prices(input_mtok=D("0.27"), output_mtok=D("1.1")), window=(30, 990))
    peak = Dated(prices(input_mtok=D("0.3"), output_mtok=D("1.2")), window=(60, 240))
    peak_again = Dated(prices(input_mtok=D("0.3"), output_mtok=D("1.2")), window=(360, 600))
    night = Dated(prices(input_mtok=D("0.1")), window=(0, 60), when=(("processing", "batch"),))
    proposal = translate(
        entry("deepseek-chat", provider="deepseek", prices=(off_peak, main)),
        entry("deepseek-flash", provider="deepseek", prices=(off_peak, peak, peak_again), variants=(night,)),
    )
    chat = route(proposal, "deepseek:deepseek/deepseek-chat")
    assert [(s["mode"], s["input"], s["output"]) for s in chat] == [
        ("standard", D("0.27"), D("1.1")),
        ("off_peak", D("0.135"), D("0.55")),
    ]
    flash = route(proposal, "deepseek:deepseek/deepseek-flash")
    assert [(s["mode"], s["input"]) for s in flash] == [("standard", D("0.3")), ("off_peak", D("0.135"))]
    assert proposal.skipped == (
        (
            "deepseek.models.deepseek-chat",
            "peak price at 00:30-16:30 UTC; the rest of the day is the off_peak mode",
        ),
        (
            "deepseek.models.deepseek-flash",
            "peak price at 01:00-04:00 UTC, 06:00-10:00 UTC; the rest of the day is the off_peak mode",
        ),
        (
            "deepseek.models.deepseek-flash",
            "price variant for processing=batch at 00:00-01:00 UTC: no matching price mode",
        ),
    )


def test_prices_that_differ_by_time_of_day_are_skipped() -> None:
    base = Dated(prices(input_mtok=D("1")))
    morning = Dated(prices(input_mtok=D("2")), window=(60, 120))
    evening = Dated(prices(input_mtok=D("3")), window=(600, 660))
    proposal = translate(entry("m-1", provider="deepseek", prices=(base, morning, evening)))
    assert [(s["mode"], s["input"]) for s in route(proposal, "deepseek:deepseek/m-1")] == [("standard", D(1))]
    assert proposal.skipped[0][1].startswith("time-of-day price at 01:00-02:00 UTC, 10:00-11:00 UTC")


def test_service_tiers_map_to_modes_and_fast_only_stands_in_for_priority() -> None:
    def tier(name: str, price: str) -> Dated:
        return Dated(prices(input_mtok=D(price)), when=(("service_tier", name),))

    both = translate(entry(variants=(tier("default", "2"), tier("priority", "4"), tier("fast", "9"))))
    assert [(s["mode"], s["input"]) for s in route(both, "openai:openai/gpt-9")] == [
        ("standard", D(2)),
        ("priority", D(4)),
    ]
    fast_only = translate(entry(variants=(tier("fast", "9"), tier("flex", "1"))))
    assert [(s["mode"], s["input"]) for s in route(fast_only, "openai:openai/gpt-9")] == [
        ("standard", D(2)),
        ("flex", D(1)),
        ("priority", D(9)),
    ]
    speed = translate(entry(variants=(Dated(prices(input_mtok=D(12)), when=(("speed", "fast"),)),)))
    assert speed.skipped == (("openai.models.gpt-9", "price variant for speed=fast: no matching price mode"),)


def test_providers_locators_checked_dates_and_skipped_plans() -> None:
    comments = "Flex rates verified on 2026-10-12 at x. Batch rates verified on 2026-10-14 at y."
    proposal = translate(
        entry(comments=comments, context_window=128_000, deprecated=True),
        entry("gpt-9", provider="openrouter", provider_name="OpenRouter", deprecated=True),
        entry("gpt-9", provider="github-copilot"),
        entry("grok-9", provider="x-ai", provider_name="X AI"),
    )
    found = offers(proposal)
    assert found[("provider", "openai")].values == {
        "name": "OpenAI",
        "kind": "first-party",
        "lab": "openai",
        "pricing_urls": ["https://openai.com/api/pricing/"],
    }
    assert found[("provider", "openrouter")].values["kind"] == "aggregator"
    assert found[("provider", "xai")].values["lab"] == "xai"
    assert ("provider", "github-copilot") not in found
    assert proposal.skipped == (
        ("github-copilot", "subscription plan billed in credits, not a per-token API"),
    )
    first_party = found[("route", "openai:openai/gpt-9")]
    assert (first_party.locator, first_party.url) == (
        "openai.models.gpt-9",
        "https://openai.com/api/pricing/",
    )
    assert first_party.checked == dt.date(2026, 10, 12)
    assert first_party.values["status"] == "deprecated"
    assert found[("route", "openrouter:openai/gpt-9")].values["status"] == "deprecated"
    # The lab's own API deprecating it deprecates the model; its entry names it.
    assert found[("model", "openai/gpt-9")].values == {
        "name": "GPT-9",
        "context_window": 128_000,
        "status": "deprecated",
    }
    assert proposal.source["retrieved"] == TODAY
    assert_valid(proposal)


@pytest.mark.sources
def test_real_package_reference_routes_and_counts() -> None:
    from importlib.metadata import version

    proposal = gp.translate(gp.parse(gp.fetch()), TODAY, version("genai-prices"))
    assert_valid(proposal)
    found = offers(proposal)
    gemini = route(proposal, "google:google/gemini-3.1-pro-preview")
    [standard] = by_mode(gemini, "standard")
    assert (standard["input"], standard["output"], standard["cache_read"]) == (D(2), D(12), D("0.2"))
    assert standard["tiers"] == [
        {"threshold": 200_000, "comparison": ">", "input": D(4), "output": D(18), "cache_read": D("0.4")}
    ]
    [batch] = by_mode(gemini, "batch")
    assert (batch["input"], batch["output"]) == (D(1), D(6))
    gpt = route(proposal, "openai:openai/gpt-4o-2024-11-20")
    [standard] = by_mode(gpt, "standard")
    assert (standard["input"], standard["output"], standard["cache_read"]) == (D("2.5"), D(10), D("1.25"))
    [batch] = by_mode(gpt, "batch")
    assert (batch["input"], batch["output"]) == (D("1.25"), D(5))
    [priority] = by_mode(gpt, "priority")
    assert (priority["input"], priority["output"]) == (D("4.25"), D(17))
    assert found[("route", "openai:openai/gpt-4o-2024-11-20")].locator == "openai.models.gpt-4o"

    raw = gp.fetch()
    assert len(raw) == 47
    kinds = [o.kind for o in proposal.offers]
    assert 25 <= kinds.count("provider") <= 47
    assert 1500 <= kinds.count("model") <= 3000
    assert 2000 <= kinds.count("route") <= 4000
    schedules = [s for o in proposal.offers for s in o.prices or ()]
    assert sum(1 for s in schedules if s.get("tiers")) >= 150
    assert {"standard", "batch", "flex", "priority"} <= {s["mode"] for s in schedules}


def _our_price(schedule: dict[str, Any], tokens: int, cached: int, output: int) -> Decimal:
    """Price of one request under our schedule semantics (the cliff tier the engine applies)."""
    row: dict[str, Any] = {}
    for tier in schedule.get("tiers", []):
        if tokens > tier["threshold"]:
            row = tier
    rate = {c: row.get(c, schedule.get(c)) for c in ("input", "output", "cache_read")}
    uncached = rate["input"] or D(0)
    cache_read = uncached if rate["cache_read"] is None else rate["cache_read"]
    per_token = (tokens - cached) * uncached + cached * cache_read + output * (rate["output"] or D(0))
    return per_token / 1_000_000 + schedule.get("per_unit", {}).get("request", D(0))


@pytest.mark.sources
def test_real_package_schedules_price_requests_as_genai_prices_does() -> None:
    """Every proposed schedule prices requests below and above its tiers as `calc_price` does."""
    from genai_prices.types import Usage

    raw = {p.id: p for p in gp.fetch()}
    proposal = gp.translate(gp.parse(list(raw.values())), TODAY, "0.2.3")
    contexts = {"standard": None, "batch": {"processing": "batch"}}
    checked = 0
    for offer in proposal.offers:
        provider_id, _, model_id = offer.locator.partition(".models.")
        for schedule in offer.prices or ():
            provider = raw[provider_id]
            [model] = [m for m in provider.models if m.id == model_id]
            day = schedule.get("effective_from") or (
                schedule["effective_until"] - dt.timedelta(days=1) if "effective_until" in schedule else TODAY
            )
            moment = moment_for(model, schedule["mode"], day)
            context = contexts.get(schedule["mode"], {"service_tier": schedule["mode"]})
            if schedule["mode"] == "off_peak":
                context = None
            for tokens, cached, output in ((1_000, 200, 500), (300_000, 100_000, 10_000)):
                usage = Usage(input_tokens=tokens, cache_read_tokens=cached, output_tokens=output)
                theirs = model.calc_price(
                    usage, provider, genai_request_timestamp=moment, price_context=context
                )
                assert _our_price(schedule, tokens, cached, output) == theirs.total_price, (
                    offer.id,
                    schedule,
                )
                checked += 1
    assert checked > 5000
