"""model-prices importer: dated schedules, tiers, modes and skips from a hand-made snapshot."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from modelvs.schema import PriceSchedule, Source
from modelvs.sources import model_prices
from modelvs.sources.proposal import Proposal, ProposedRecord
from tests.sources import assert_no_floats

FIXTURE = Path(__file__).parent / "fixtures" / "model_prices" / "snapshot.json"
RETRIEVED = dt.date(2026, 11, 24)
D = Decimal


def _proposal(raw: bytes | None = None) -> Proposal:
    return model_prices.translate(model_prices.parse(raw or FIXTURE.read_bytes()), RETRIEVED, "0.0.5")


def _offers(proposal: Proposal) -> dict[tuple[str, str], ProposedRecord]:
    return {(o.kind, o.id): o for o in proposal.offers}


def _schedules(offer: ProposedRecord, mode: str) -> list[dict[str, Any]]:
    return [s for s in offer.prices or () if s["mode"] == mode]


def test_source_record_is_valid() -> None:
    proposal = _proposal()
    assert proposal.source_id == model_prices.SOURCE_ID == "model-prices"
    source = Source.model_validate(proposal.source)
    assert source.version == "0.0.5"
    assert source.retrieved == RETRIEVED


def test_every_schedule_validates_and_holds_no_float() -> None:
    proposal = _proposal()
    routes = [o for o in proposal.offers if o.kind == "route"]
    assert routes
    for offer in routes:
        assert offer.history is True
        assert offer.prices
        for schedule in offer.prices:
            PriceSchedule.model_validate({**schedule, "citation": "x"})
        assert_no_floats(offer.prices)
        assert_no_floats(offer.values)


def test_history_is_dated_closed_and_collapsed() -> None:
    offer = _offers(_proposal())[("route", "deepseek:deepseek/deepseek-chat")]
    assert offer.values == {"provider_model_id": "deepseek-chat", "status": "deprecated"}
    standard = _schedules(offer, "standard")
    spans = [(s.get("effective_from"), s.get("effective_until"), s["input"], s["output"]) for s in standard]
    # Two changes on 2025-09-05 keep the later; equal prices on 2025-11-17 merge into one span;
    # the peak-hour rule from 2026-08-16 closes the last one.
    assert spans == [
        (None, dt.date(2025, 6, 10), D("0.27"), D("1.1")),
        (dt.date(2025, 6, 10), dt.date(2025, 9, 5), D("0.27"), D("1.1")),
        (dt.date(2025, 9, 5), dt.date(2025, 11, 17), D("0.56"), D("1.68")),
        (dt.date(2025, 11, 17), dt.date(2026, 8, 16), D("0.28"), D("0.42")),
    ]
    assert "cache_read" not in standard[0]
    assert standard[1]["cache_read"] == D("0.07")
    assert standard[3]["cache_read"] == D("0.028")


def test_tiers_cache_writes_and_batch() -> None:
    offer = _offers(_proposal())[("route", "anthropic:anthropic/claude-sonnet-4-0")]
    (standard,) = _schedules(offer, "standard")
    assert "effective_from" not in standard
    assert "effective_until" not in standard
    assert (standard["input"], standard["output"], standard["cache_read"]) == (D("3"), D("15"), D("0.3"))
    assert standard["cache_write"] == {"5m": D("3.75"), "1h": D("6")}
    assert standard["tiers"] == [
        {
            "threshold": 200000,
            "comparison": ">",
            "input": D("6"),
            "output": D("22.5"),
            "cache_read": D("0.6"),
            "cache_write": {"5m": D("7.5"), "1h": D("12")},
        }
    ]
    (batch,) = _schedules(offer, "batch")
    assert batch["effective_from"] == dt.date(2024, 10, 8)
    assert "effective_until" not in batch
    assert (batch["input"], batch["output"]) == (D("1.5"), D("7.5"))
    assert batch["cache_write"] == {"5m": D("1.875"), "1h": D("3")}


def test_float_residue_is_removed_and_openai_fast_is_priority() -> None:
    offer = _offers(_proposal())[("route", "openai:openai/gpt-4o-mini")]
    (batch,) = _schedules(offer, "batch")
    assert batch["input"] == D("0.075")
    assert str(batch["input"]) == "0.075"
    assert batch["cache_read"] == D("0.0375")
    assert "cache_write" not in batch  # a 1h multiple without a recorded write price says nothing
    (priority,) = _schedules(offer, "priority")
    assert priority["effective_from"] == dt.date(2026, 10, 1)
    assert (priority["input"], priority["output"], priority["cache_read"]) == (D("0.25"), D("1"), D("0.125"))
    assert str(priority["output"]) == "1"
    assert "status" not in offer.values  # "removed" from models.dev is not a retirement


def test_gemini_tier_and_batch_start() -> None:
    offer = _offers(_proposal())[("route", "google:google/gemini-pro-latest")]
    (standard,) = _schedules(offer, "standard")
    assert standard["tiers"][0]["threshold"] == 200000
    assert standard["tiers"][0]["input"] == D("4")
    assert standard["tiers"][0]["output"] == D("18")
    (batch,) = _schedules(offer, "batch")
    assert batch["effective_from"] == dt.date(2025, 7, 7)
    assert batch["cache_read"] == D("0.2")
    assert batch["tiers"][0]["output"] == D("9")


def test_model_offers_and_aliases() -> None:
    offers = _offers(_proposal())
    sonnet = offers[("model", "anthropic/claude-sonnet-4-0")]
    assert sonnet.values == {"name": "claude-sonnet-4-0"}
    assert sonnet.aliases == ("claude-sonnet-4", "claude-sonnet-4-0")
    assert offers[("model", "google/gemini-pro-latest")].aliases == (
        "gemini-3.1-pro-preview",
        "gemini-pro-latest",
    )
    nova = offers[("model", "amazon/nova-pro")]
    assert nova.aliases == ("amazon.nova-pro-v1:0", "eu.amazon.nova-pro-v1:0")
    assert offers[("route", "amazon-bedrock:amazon/nova-pro")].values["provider_model_id"] == (
        "amazon.nova-pro-v1:0"
    )


def test_the_first_day_the_history_recorded_a_model_is_offered_as_its_listed_day() -> None:
    listed = {o.id: o.listed for o in _proposal().offers if o.kind == "model"}
    assert listed["google/gemini-pro-latest"] == dt.date(2025, 7, 7)  # the models.dev commit of its rates
    assert listed["anthropic/claude-sonnet-4-0"] == dt.date(2024, 10, 8)  # a dated interval, earlier still
    # The history's own first day only says the model was listed by then: no day is offered.
    assert listed["openai/gpt-4o-mini"] is None


def test_a_listed_day_never_moves_a_price() -> None:
    first = _schedules(_offers(_proposal())[("route", "google:google/gemini-pro-latest")], "standard")[0]
    assert "effective_from" not in first  # the first interval still covers every earlier day


def test_skips_name_their_reasons() -> None:
    proposal = _proposal()
    skipped = dict(proposal.skipped)
    assert "meta" in skipped["prices.meta.muse-spark-1.3"]
    assert "fast" in skipped["prices.anthropic.claude-sonnet-4-0.fast"]
    assert "ultrafast" in skipped["prices.openai.gpt-4o-mini.ultrafast"]
    assert "same route" in skipped["prices.amazon-bedrock.eu.amazon.nova-pro-v1:0"]
    assert "peak" in skipped["schedules.schedule[1]"]
    assert "off-peak" in skipped["schedules.schedule[0]"]
    assert "subscription" in skipped["plans[0]"]
    assert "estimate" in skipped["estimates[0]"]
    # A model first priced after the peak rule began still shows the package's open start.
    v4 = _offers(proposal)[("route", "deepseek:deepseek/deepseek-v4-pro")]
    assert [s.get("effective_until") for s in v4.prices or ()] == [dt.date(2026, 8, 16)]
    assert not any(o.id.startswith("meta") for o in proposal.offers)


def _broken(path: list[str | int], value: Any) -> bytes:
    doc = json.loads(FIXTURE.read_text())
    target = doc
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return json.dumps(doc).encode()


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (["prices", "openai", "gpt-4o-mini", "standard", 0, "rates", "input"], "cheap", "'input'"),
        (["prices", "openai", "gpt-4o-mini", "standard", 0, "rates", "output"], None, "'output'"),
        (
            ["prices", "google", "gemini-pro-latest", "standard", 0, "rates", "tiers", 0, "above"],
            0,
            "'above'",
        ),
        (["prices", "openai", "gpt-4o-mini", "batch", 1, "start"], "yesterday", "'start'"),
        (["prices", "openai", "gpt-4o-mini", "standard"], [], "prices.openai.gpt-4o-mini.standard"),
    ],
)
def test_malformed_entry_names_entry_and_field(path: list[str | int], value: Any, message: str) -> None:
    with pytest.raises(ValueError, match=r"prices\.(openai|google)") as error:
        model_prices.parse(_broken(path, value))
    assert message in str(error.value)


def test_translate_is_pure() -> None:
    entries = model_prices.parse(FIXTURE.read_bytes())
    assert model_prices.translate(entries, RETRIEVED, "v") == model_prices.translate(entries, RETRIEVED, "v")


@pytest.mark.sources
def test_real_snapshot() -> None:
    raw, version = model_prices.fetch()
    assert version == "0.0.5"
    entries = model_prices.parse(raw)
    priced = [e for e in entries if isinstance(e, model_prices.ModelEntry)]
    assert len(priced) == 575
    assert len({e.provider for e in priced}) == 32
    proposal = model_prices.translate(entries, RETRIEVED, version)
    routes = [o for o in proposal.offers if o.kind == "route"]
    assert 450 <= len(routes) <= 575
    assert 450 <= sum(o.kind == "model" for o in proposal.offers) <= 575
    for offer in routes:
        for schedule in offer.prices or ():
            PriceSchedule.model_validate({**schedule, "citation": "x"})
        assert_no_floats(offer.prices)
    offers = _offers(proposal)
    # DeepSeek's V3.1 price list (models.dev commit of 2025-08-25) until V3.2 on 2025-11-17.
    chat = _schedules(offers[("route", "deepseek:deepseek/deepseek-chat")], "standard")
    v31 = next(s for s in chat if s.get("effective_from") == dt.date(2025, 8, 25))
    assert (v31["input"], v31["output"], v31["cache_read"]) == (D("0.57"), D("1.68"), D("0.07"))
    assert v31["effective_until"] == dt.date(2025, 11, 17)
    # GPT-4o: $2.50 / $10, cache reads at $1.25 recorded from 2025-06-05; priority $4.25 / $17.
    gpt4o = offers[("route", "openai:openai/gpt-4o")]
    first, cached = _schedules(gpt4o, "standard")
    assert (first["input"], first["output"], first["effective_until"]) == (
        D("2.5"),
        D("10"),
        dt.date(2025, 6, 5),
    )
    assert cached["cache_read"] == D("1.25")
    (priority,) = _schedules(gpt4o, "priority")
    assert (priority["input"], priority["output"]) == (D("4.25"), D("17"))
