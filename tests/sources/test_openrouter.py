"""OpenRouter importer: per-token strings to exact per-1M prices, tiers, facts and skips."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from modelvs.schema import Model, PriceSchedule, Provider, Route, Source
from modelvs.sources import openrouter
from modelvs.sources.proposal import Proposal, ProposedRecord
from tests.sources import assert_no_floats

FIXTURE = Path(__file__).parent / "fixtures" / "openrouter" / "models.json"
RETRIEVED = dt.date(2026, 11, 24)
D = Decimal


def _doc() -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(FIXTURE.read_text())
    return doc


def _row(doc: dict[str, Any], model_id: str) -> dict[str, Any]:
    return next(row for row in doc["data"] if row["id"] == model_id)


def _proposal(doc: dict[str, Any] | None = None) -> Proposal:
    raw = FIXTURE.read_bytes() if doc is None else json.dumps(doc).encode()
    return openrouter.translate(openrouter.parse(raw), RETRIEVED, "models.json")


def _offers(proposal: Proposal) -> dict[tuple[str, str], ProposedRecord]:
    return {(o.kind, o.id): o for o in proposal.offers}


def _price(proposal: Proposal, route: str) -> dict[str, Any]:
    (schedule,) = _offers(proposal)[("route", route)].prices or ()
    return schedule


def test_fetch_reads_a_file() -> None:
    raw, version = openrouter.fetch(str(FIXTURE))
    assert raw == FIXTURE.read_bytes()
    assert version == "models.json"


def test_every_offer_fits_the_schema() -> None:
    proposal = _proposal()
    assert proposal.source_id == openrouter.SOURCE_ID == "openrouter"
    Source.model_validate(proposal.source)
    kinds = [o.kind for o in proposal.offers]
    assert kinds.count("provider") == 1
    assert kinds.count("model") == kinds.count("route") == 11
    for offer in proposal.offers:
        assert_no_floats(offer.values)
        assert_no_floats(offer.prices)
        if offer.kind == "model":
            Model.model_validate(offer.values)
        if offer.kind == "route":
            assert offer.history is False
            for schedule in offer.prices or ():
                PriceSchedule.model_validate({**schedule, "citation": "x"})
            Route.model_validate(offer.values)


def test_provider_offer_carries_the_credit_fee() -> None:
    offer = _offers(_proposal())[("provider", "openrouter")]
    provider = Provider.model_validate(offer.values)
    assert provider.kind == "aggregator"
    assert provider.name == "OpenRouter"
    assert provider.pricing_urls == ["https://openrouter.ai/models"]
    (fee,) = offer.values["fees"]
    assert (fee["kind"], fee["percent"], fee["minimum_usd"]) == ("credit_purchase", D("5.5"), D("0.80"))
    assert fee["citation"] == "openrouter-faq"
    assert openrouter.FAQ_URL == "https://openrouter.ai/docs/faq"


def test_gpt_4o_prices_and_facts() -> None:
    proposal = _proposal()
    offers = _offers(proposal)
    route = offers[("route", "openrouter:openai/gpt-4o-2024-11-20")]
    assert route.values == {"provider_model_id": "openai/gpt-4o-2024-11-20"}
    price = _price(proposal, "openrouter:openai/gpt-4o-2024-11-20")
    assert price == {
        "mode": "standard",
        "input": D("2.5"),
        "output": D("10"),
        "cache_read": D("1.25"),
        "per_unit": {"web_search": D("0.01")},
    }
    assert str(price["output"]) == "10"
    model = offers[("model", "openai/gpt-4o-2024-11-20")].values
    assert model["name"] == "GPT-4o (2024-11-20)"
    assert model["knowledge_cutoff"] == "2023-10-31"
    assert model["release_date"] == dt.date(2024, 11, 20)
    assert (model["context_window"], model["max_output"]) == (128000, 16384)
    assert model["modalities_in"] == ["text", "image", "pdf"]
    caps = model["capabilities"]
    assert caps["vision"] is True
    assert caps["pdf_input"] is True
    assert caps["audio_input"] is False
    for capability in (
        "function_calling",
        "tool_choice",
        "parallel_tool_calls",
        "structured_outputs",
        "json_mode",
    ):
        assert caps[capability] is True, capability
    assert "reasoning" not in caps


def test_long_context_override_is_a_strict_tier() -> None:
    price = _price(_proposal(), "openrouter:google/gemini-3.1-pro-preview")
    assert (price["input"], price["output"], price["cache_read"]) == (D("2"), D("12"), D("0.2"))
    assert price["reasoning"] == D("12")
    assert price["cache_write"] == {"default": D("0.375")}
    assert price["tiers"] == [
        {"threshold": 200000, "comparison": ">", "input": D("4"), "output": D("18"), "cache_read": D("0.4")}
    ]


def test_anthropic_cache_write_ttls() -> None:
    price = _price(_proposal(), "openrouter:anthropic/claude-sonnet-4.5")
    assert price["cache_write"] == {"5m": D("3.75"), "1h": D("6")}
    assert price["tiers"][0]["cache_write"] == {"5m": D("7.5"), "1h": D("12")}
    assert price["tiers"][0]["output"] == D("22.5")


def test_small_prices_stay_exact() -> None:
    proposal = _proposal()
    qwen = _price(proposal, "openrouter:alibaba/qwen3-235b-a22b-2507")
    assert (qwen["input"], qwen["output"]) == (D("0.071"), D("0.1"))
    deepseek = _price(proposal, "openrouter:deepseek/deepseek-v3.2")
    assert deepseek["cache_read"] == D("0.0252")
    assert str(deepseek["cache_read"]) == "0.0252"


def test_identity_limits_and_reasoning() -> None:
    offers = _offers(_proposal())
    llama = offers[("model", "meta/llama-3.3-70b-instruct")]
    assert llama.aliases == ("meta-llama/llama-3.3-70b-instruct",)
    assert "reasoning" not in llama.values["capabilities"]
    assert offers[("model", "zhipu/glm-4.6")].values["capabilities"]["reasoning"] is True
    assert "max_output" not in offers[("model", "mistral/mistral-large-2512")].values
    assert ("route", "openrouter:moonshot/kimi-k2-thinking") in offers


def test_free_variants_and_routers_are_skipped() -> None:
    proposal = _proposal()
    skipped = dict(proposal.skipped)
    assert "free" in skipped["data.openai/gpt-oss-120b:free"]
    assert "router" in skipped["data.openrouter/auto"]
    assert not any("gpt-oss" in o.id or "auto" in o.id for o in proposal.offers)


def test_overrides_zero_components_and_expiration() -> None:
    doc = _doc()
    row = _row(doc, "deepseek/deepseek-v3.2")
    row["pricing"]["internal_reasoning"] = "0"
    row["pricing"]["request"] = "0"
    row["pricing"]["overrides"] = [
        {"utc_start": 1630, "utc_end": 30, "prompt": "0.000000126"},
        {"min_prompt_tokens": 64000, "prompt": "0.0000005"},
        {"min_prompt_tokens": 64000, "prompt": "0.0000006", "completion": "0.000001"},
    ]
    row["expiration_date"] = "2027-01-14"
    proposal = _proposal(doc)
    price = _price(proposal, "openrouter:deepseek/deepseek-v3.2")
    assert "reasoning" not in price
    assert "per_unit" not in price
    # Later overrides win per key; a time window is not a tier.
    assert price["tiers"] == [{"threshold": 64000, "comparison": ">", "input": D("0.6"), "output": D("1")}]
    assert "time-of-day" in dict(proposal.skipped)["data.deepseek/deepseek-v3.2.pricing.overrides[0]"]
    route = _offers(proposal)[("route", "openrouter:deepseek/deepseek-v3.2")]
    assert route.values["retirement_date"] == dt.date(2027, 1, 14)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("pricing", {"prompt": "cheap", "completion": "0.00001"}, "'pricing.prompt'"),
        ("pricing", {"prompt": "0.0000025"}, "'pricing'"),
        ("knowledge_cutoff", "Oct 2023", "'knowledge_cutoff'"),
        ("context_length", "128k", "'context_length'"),
        (
            "pricing",
            {"prompt": "0.1", "completion": "0.1", "overrides": [{"prompt": "n/a"}]},
            "overrides[0].prompt",
        ),
    ],
)
def test_malformed_row_names_model_and_field(field: str, value: Any, message: str) -> None:
    doc = _doc()
    _row(doc, "openai/gpt-4o-2024-11-20")[field] = value
    with pytest.raises(ValueError, match="openai/gpt-4o-2024-11-20") as error:
        openrouter.parse(json.dumps(doc).encode())
    assert message in str(error.value)


def test_row_without_id_is_rejected() -> None:
    with pytest.raises(ValueError, match=r"data\[0\]: field 'id'"):
        openrouter.parse(b'{"data": [{"name": "x"}]}')
