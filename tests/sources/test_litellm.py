"""LiteLLM cost map importer: strict parse, exact prices, routing of keys, wheel reading."""

from __future__ import annotations

import collections
import datetime as dt
import json
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from modelvs.schema import PriceSchedule, Source
from modelvs.sources import litellm
from modelvs.sources.proposal import Proposal, ProposedRecord
from tests.sources import assert_no_floats

FIXTURE = Path(__file__).parent / "fixtures" / "litellm" / "model_prices.json"
DAY = dt.date(2026, 11, 24)


def _proposal(raw: bytes | None = None, version: str = "sha256:0123456789ab") -> Proposal:
    return litellm.translate(litellm.parse(raw or FIXTURE.read_bytes()), DAY, version)


def _offers(proposal: Proposal) -> dict[tuple[str, str], ProposedRecord]:
    return {(o.kind, o.id): o for o in proposal.offers}


def _schedule(offer: ProposedRecord, mode: str) -> dict[str, Any]:
    (found,) = [s for s in offer.prices or () if s["mode"] == mode]
    return found


@pytest.mark.parametrize(
    ("entry", "field"),
    [
        (
            {"litellm_provider": "openai", "mode": "chat", "input_cost_per_token": "cheap"},
            "input_cost_per_token",
        ),
        (
            {"litellm_provider": "openai", "output_cost_per_token_batches": -1e-06},
            "output_cost_per_token_batches",
        ),
        ({"litellm_provider": "openai", "max_input_tokens": 12.5}, "max_input_tokens"),
        ({"litellm_provider": "openai", "supports_vision": "yes"}, "supports_vision"),
        ({"litellm_provider": "openai", "deprecation_date": "soon"}, "deprecation_date"),
        ({"litellm_provider": 7}, "litellm_provider"),
        ({"tiered_pricing": [{"range": [0], "input_cost_per_token": 1e-06}]}, "tiered_pricing[0].range"),
        (
            {"tiered_pricing": [{"range": [0, 10], "input_cost_per_token": True}]},
            "tiered_pricing[0].input_cost_per_token",
        ),
    ],
)
def test_parse_errors_name_the_key_and_field(entry: dict[str, Any], field: str) -> None:
    raw = json.dumps({"some/model-key": entry}).encode()
    with pytest.raises(ValueError, match=r"'some/model-key'") as error:
        litellm.parse(raw)
    assert f"field '{field}'" in str(error.value)


def test_parse_rejects_non_objects_and_nan() -> None:
    with pytest.raises(ValueError, match="'gpt-x'"):
        litellm.parse(b'{"gpt-x": [1, 2]}')
    with pytest.raises(ValueError, match="top level"):
        litellm.parse(b"[]")
    with pytest.raises(ValueError, match="NaN"):
        litellm.parse(b'{"gpt-x": {"input_cost_per_token": NaN}}')


def test_parse_reads_money_as_decimal() -> None:
    by_key = {e.key: e for e in litellm.parse(FIXTURE.read_bytes())}
    rates = {(r.mode, r.threshold, r.component): r.usd_per_token for r in by_key["gpt-4o-2024-11-20"].rates}
    assert rates[("", None, "input")] == Decimal("0.0000025")
    assert rates[("priority", None, "output")] == Decimal("0.000017")
    assert by_key["gpt-4o-2024-11-20"].deprecation_date == dt.date(2027, 1, 14)


def test_gpt_4o_on_openai() -> None:
    offers = _offers(_proposal())
    route = offers[("route", "openai:openai/gpt-4o-2024-11-20")]
    assert route.locator == "gpt-4o-2024-11-20"
    assert route.url == "https://developers.openai.com/api/docs/pricing"
    assert route.values == {
        "provider_model_id": "gpt-4o-2024-11-20",
        "context_window": 128000,
        "max_output": 16384,
        "deprecation_date": dt.date(2027, 1, 14),
    }
    assert _schedule(route, "standard") == {
        "mode": "standard",
        "input": Decimal("2.5"),
        "output": Decimal("10"),
        "cache_read": Decimal("1.25"),
    }
    # The batch mode sets no cache key of its own: no cache price is carried over.
    assert _schedule(route, "batch") == {"mode": "batch", "input": Decimal("1.25"), "output": Decimal("5")}
    priority = _schedule(route, "priority")
    assert (priority["input"], priority["output"]) == (Decimal("4.25"), Decimal("17"))
    assert [s["mode"] for s in route.prices or ()] == ["standard", "batch", "priority"]

    model = offers[("model", "openai/gpt-4o-2024-11-20")]
    assert model.values["name"] == "gpt-4o-2024-11-20"
    assert model.values["deprecation_date"] == dt.date(2027, 1, 14)
    assert model.values["capabilities"] == {
        "vision": True,
        "function_calling": True,
        "parallel_tool_calls": True,
        "tool_choice": True,
        "structured_outputs": True,
        "pdf_input": True,
        "prompt_caching": True,
        "system_messages": True,
    }
    assert {"gpt-4o-2024-11-20", "openai/gpt-4o-2024-11-20", "azure/eu/gpt-4o-2024-11-20"} <= set(
        model.aliases
    )


def test_gemini_3_1_pro_preview_tiers() -> None:
    offers = _offers(_proposal())
    route = offers[("route", "google:google/gemini-3.1-pro-preview")]
    assert route.values["provider_model_id"] == "gemini-3.1-pro-preview"
    standard = _schedule(route, "standard")
    assert (standard["input"], standard["output"], standard["cache_read"]) == (
        Decimal("2"),
        Decimal("12"),
        Decimal("0.2"),
    )
    assert standard["tiers"] == [
        {
            "threshold": 200000,
            "comparison": ">",
            "input": Decimal("4"),
            "output": Decimal("18"),
            "cache_read": Decimal("0.4"),
        }
    ]
    assert standard["per_unit"] == {"web_search": Decimal("0.014")}
    priority = _schedule(route, "priority")
    assert priority["tiers"][0]["input"] == Decimal("7.2")
    assert _schedule(route, "batch")["cache_read"] == Decimal("0.2")
    assert ("route", "google-vertex:google/gemini-3.1-pro-preview") in offers


def test_bedrock_openrouter_and_anthropic_routes() -> None:
    offers = _offers(_proposal())
    bedrock = offers[("route", "amazon-bedrock:anthropic/claude-sonnet-4-5-20250929")]
    assert bedrock.locator == "anthropic.claude-sonnet-4-5-20250929-v1:0"
    standard = _schedule(bedrock, "standard")
    assert standard["cache_write"] == {"5m": Decimal("3.75"), "1h": Decimal("6")}
    assert standard["tiers"][0]["cache_write"] == {"5m": Decimal("7.5"), "1h": Decimal("12")}
    openrouter = offers[("route", "openrouter:anthropic/claude-sonnet-4.5")]
    assert openrouter.values["provider_model_id"] == "anthropic/claude-sonnet-4.5"
    model = offers[("model", "anthropic/claude-sonnet-4-5-20250929")]
    # The lab's own API speaks for the model, and dates its deprecation.
    assert model.locator == "claude-sonnet-4-5-20250929"
    assert model.values["deprecation_date"] == dt.date(2026, 11, 30)
    assert offers[("provider", "amazon-bedrock")].values == {"name": "bedrock_converse", "kind": "cloud"}
    assert offers[("provider", "openai")].values["lab"] == "openai"


def test_range_tiers_and_cache_hit() -> None:
    offers = _offers(_proposal())
    qwen = _schedule(offers[("route", "alibaba:alibaba/qwen-plus-latest")], "standard")
    assert (qwen["input"], qwen["output"], qwen["reasoning"]) == (
        Decimal("0.4"),
        Decimal("1.2"),
        Decimal("4"),
    )
    assert [(t["threshold"], t["comparison"], t["input"]) for t in qwen["tiers"]] == [
        (256000, ">", Decimal("1.2"))
    ]
    deepseek = _schedule(offers[("route", "deepseek:deepseek/deepseek-chat")], "standard")
    assert deepseek["cache_read"] == Decimal("0.028")


def test_skips_say_why() -> None:
    proposal = _proposal()
    skipped = dict(proposal.skipped)
    assert skipped["text-embedding-3-small"] == "mode 'embedding' is not text generation"
    assert skipped["sample_spec"] == "documentation of the format, not a model"
    assert skipped["azure/eu/gpt-4o-2024-11-20"].startswith("region-specific duplicate")
    assert skipped["openai/gpt-4o-2024-11-20"].startswith("same route")
    assert skipped["us.anthropic.claude-sonnet-4-5-20250929-v1:0"].startswith("same route")
    assert skipped["bedrock/us-gov-west-1/anthropic.claude-sonnet-4-5-20250929-v1:0"].startswith("region")
    assert "commitment" in skipped["bedrock/us-east-1/1-month-commitment/anthropic.claude-v2"]
    assert "local runner" in skipped["ollama/codegemma"]
    offered = {o.locator for o in proposal.offers if o.kind == "route"}
    assert offered.isdisjoint(skipped)


def test_offers_are_valid_and_float_free() -> None:
    proposal = _proposal()
    Source.model_validate(proposal.source)
    assert proposal.source["kind"] == "file"
    assert proposal.source["version"] == "sha256:0123456789ab"
    for offer in proposal.offers:
        assert_no_floats(offer.values)
        assert_no_floats(offer.prices)
        for schedule in offer.prices or ():
            PriceSchedule.model_validate({**schedule, "citation": "x"})


def test_fetch_plain_file_and_wheel(tmp_path: Path) -> None:
    raw, version = litellm.fetch(FIXTURE)
    assert raw == FIXTURE.read_bytes()
    assert version.startswith("sha256:")
    assert len(version) == len("sha256:") + 12
    wheel = tmp_path / "litellm-1.80.5-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        archive.writestr("litellm/__init__.py", "")
        archive.writestr(litellm.WHEEL_MEMBER, raw)
    from_wheel, wheel_version = litellm.fetch(wheel)
    assert (from_wheel, wheel_version) == (raw, "litellm==1.80.5")
    proposal = _proposal(from_wheel, wheel_version)
    assert proposal.source["package"] == "litellm"
    assert proposal.source["version"] == "1.80.5"
    assert proposal.offers == _proposal(raw).offers
    Source.model_validate(proposal.source)


@pytest.mark.sources
def test_installed_litellm_data_file() -> None:
    raw, version = litellm.fetch()
    assert version == "litellm==1.110.2"
    entries = litellm.parse(raw)
    proposal = litellm.translate(entries, DAY, version)
    assert proposal.source["package"] == "litellm"
    kinds = collections.Counter(o.kind for o in proposal.offers)
    assert len(entries) > 4000
    assert kinds["route"] > 2500
    assert kinds["model"] > 1200
    assert kinds["provider"] > 50
    routes = [o for o in proposal.offers if o.kind == "route"]
    assert sum(1 for o in routes if o.prices and any(s.get("tiers") for s in o.prices)) > 100
    for offer in routes:
        assert_no_floats(offer.prices)
        for schedule in offer.prices or ():
            PriceSchedule.model_validate({**schedule, "citation": "x"})
    by_id = _offers(proposal)
    gpt = by_id[("route", "openai:openai/gpt-4o-2024-11-20")]
    assert _schedule(gpt, "standard")["input"] == Decimal("2.5")


def test_model_names_drop_the_routing_path() -> None:
    # anthropic/claude-sonnet-4.5 is listed only by OpenRouter, whose id carries the lab's path.
    offers = _offers(_proposal(FIXTURE.read_bytes()))
    assert offers[("model", "anthropic/claude-sonnet-4.5")].values["name"] == "claude-sonnet-4.5"
