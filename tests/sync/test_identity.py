"""The identity pass: which ids name one model, and where variants and modes land."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from modelvs.schema.vocab import PriceMode, VariantKind
from modelvs.sources.proposal import Proposal, ProposedRecord
from modelvs.sync.identity import IdentityMap, Placement

TODAY = dt.date(2026, 11, 24)


def proposal(*offers: ProposedRecord, source: str = "models-dev") -> Proposal:
    return Proposal(source, {"name": source}, offers)


def model(mid: str) -> ProposedRecord:
    return ProposedRecord("model", mid, {"name": mid}, f"loc.{mid}")


def route(rid: str, price: str = "1") -> ProposedRecord:
    prices = ({"mode": "standard", "input": Decimal(price), "output": Decimal(price)},)
    return ProposedRecord(
        "route", rid, {"provider_model_id": rid.split("/")[-1]}, f"loc.{rid}", prices=prices
    )


def mapped(
    *offers: ProposedRecord, records: dict[tuple[str, str], dict[str, Any]] | None = None
) -> IdentityMap:
    return IdentityMap(records or {}, [proposal(*offers)])


def test_ids_that_differ_only_by_separators_or_word_order_are_one_model() -> None:
    found = mapped(model("openai/gpt-5.5"), model("openai/gpt-55"), route("openai:openai/gpt-5.5"))
    assert found.model_of("openai/gpt-55") == found.model_of("openai/gpt-5.5") == "openai/gpt-5.5"
    claude = mapped(model("anthropic/claude-3-5-haiku"), model("anthropic/claude-haiku-3.5"))
    assert claude.model_of("anthropic/claude-haiku-3.5") == claude.model_of("anthropic/claude-3-5-haiku")


def test_free_and_batch_ids_are_modes_of_the_plain_route() -> None:
    found = mapped(model("deepseek/deepseek-v4-flash"), route("openrouter:deepseek/deepseek-v4-flash-free"))
    assert found.place("deepseek/deepseek-v4-flash-free") == Placement(
        "deepseek/deepseek-v4-flash", mode=PriceMode.FREE
    )
    assert found.place("deepseek/deepseek-v4-flash-batch") == Placement(
        "deepseek/deepseek-v4-flash", mode=PriceMode.BATCH
    )


def test_thinking_folds_only_where_the_lab_sells_the_plain_model_and_not_the_variant() -> None:
    anthropic = mapped(
        model("anthropic/claude-opus-4-7"),
        route("anthropic:anthropic/claude-opus-4-7"),
        route("aihubmix:anthropic/claude-opus-4-7-think"),
    )
    placed = anthropic.place("anthropic/claude-opus-4-7-think")
    assert placed == Placement("anthropic/claude-opus-4-7", "thinking", VariantKind.THINKING)
    assert placed is not None
    assert placed.route("aihubmix") == "aihubmix:anthropic/claude-opus-4-7@thinking"
    # xAI sells both ids itself: two models.
    xai = mapped(route("xai:xai/grok-4-fast-reasoning"), route("xai:xai/grok-4-fast-non-reasoning"))
    assert xai.model_of("xai/grok-4-fast-non-reasoning") == "xai/grok-4-fast-non-reasoning"
    # A lab with no API of its own in the catalog: a "think" model is kept (Olmo 3 Think has weights).
    open_lab = mapped(route("togetherai:allenai/olmo-3-32b"), route("togetherai:allenai/olmo-3-32b-think"))
    assert open_lab.model_of("allenai/olmo-3-32b-think") == "allenai/olmo-3-32b-think"


def test_quantized_and_tee_copies_are_variants_even_without_the_plain_model() -> None:
    found = mapped(route("chutes:zhipu/glm-5.1-fp8"), route("chutes:zhipu/glm-5.1-tee"))
    assert found.place("zhipu/glm-5.1-fp8") == Placement("zhipu/glm-5.1", "fp8", VariantKind.QUANTIZED)
    assert found.place("zhipu/glm-5.1-tee") == Placement("zhipu/glm-5.1", "tee", VariantKind.TEE)


def test_a_moving_alias_with_nothing_to_point_at_names_no_model() -> None:
    found = mapped(
        route("kilo:openai/gpt-latest"), model("alibaba/qwen-max"), route("p:alibaba/qwen-max-latest")
    )
    assert found.place("openai/gpt-latest") is None
    assert "openai/gpt-latest" in found.skipped
    assert found.place("alibaba/qwen-max-latest") == Placement(
        "alibaba/qwen-max", "latest", VariantKind.ALIAS
    )


def test_an_undated_id_and_its_only_snapshot_are_one_model_unless_the_lab_prices_them_apart() -> None:
    same = mapped(route("openai:openai/gpt-9"), route("openai:openai/gpt-9-2026-01-01"))
    assert same.model_of("openai/gpt-9-2026-01-01") == same.model_of("openai/gpt-9")
    apart = mapped(route("openai:openai/gpt-9", "1"), route("openai:openai/gpt-9-2026-01-01", "2"))
    assert apart.model_of("openai/gpt-9-2026-01-01") == "openai/gpt-9-2026-01-01"
    two = mapped(
        route("openai:openai/gpt-9"),
        route("openai:openai/gpt-9-2026-01-01"),
        route("openai:openai/gpt-9-2026-02-01"),
    )
    assert two.model_of("openai/gpt-9") == "openai/gpt-9"  # which snapshot? a reviewer decides


def test_reviewed_decisions_merge_and_keep_apart() -> None:
    merge = {
        ("identity", "gpt-9"): {
            "action": "merge",
            "into": "openai/gpt-9-2026-02-01",
            "ids": ["openai/gpt-9"],
            "reason": "r",
            "reviewed": TODAY,
        }
    }
    found = IdentityMap(
        merge,
        [
            proposal(
                route("openai:openai/gpt-9"),
                route("openai:openai/gpt-9-2026-02-01"),
                route("openai:openai/gpt-9-2026-01-01"),
            )
        ],
    )
    assert found.model_of("openai/gpt-9") == "openai/gpt-9-2026-02-01"
    apart = {
        ("identity", "x"): {
            "action": "distinct",
            "ids": ["openai/o-1", "openai/o1"],
            "reason": "r",
            "reviewed": TODAY,
        }
    }
    kept = IdentityMap(apart, [proposal(model("openai/o1"), model("openai/o-1"))])
    assert kept.model_of("openai/o-1") == "openai/o-1"
    assert kept.model_of("openai/o1") == "openai/o1"


def test_a_model_filed_under_a_host_joins_its_maker() -> None:
    found = IdentityMap(
        {("provider", "fireworks-ai"): {"name": "Fireworks AI"}},
        [proposal(model("teknium/openhermes-2-mistral-7b"), model("fireworks/openhermes-2-mistral-7b"))],
    )
    assert found.model_of("fireworks/openhermes-2-mistral-7b") == "teknium/openhermes-2-mistral-7b"


def test_existing_aliases_keep_a_merge_across_syncs() -> None:
    records = {("model", "openai/gpt-9"): {"name": "GPT-9", "aliases": {"modelvs": ["gpt-nine"]}}}
    found = IdentityMap(records, [proposal(model("openai/gpt-nine"))])
    assert found.model_of("openai/gpt-nine") == "openai/gpt-9"


def test_one_date_written_two_ways_is_one_snapshot() -> None:
    found = mapped(model("xai/grok-4.20-0309"), model("xai/grok-4.20-20260309"), model("xai/grok-4.20"))
    assert found.model_of("xai/grok-4.20-0309") == found.model_of("xai/grok-4.20-20260309")
    bytedance = mapped(model("bytedance/seed-2-0-lite-260215"), model("bytedance/seed-2-0-lite-20260215"))
    assert bytedance.model_of("bytedance/seed-2-0-lite-260215") == bytedance.model_of(
        "bytedance/seed-2-0-lite-20260215"
    )


def test_a_latest_id_points_at_its_newest_snapshot_and_is_never_a_model() -> None:
    found = mapped(
        model("mistral/mistral-large-2411"),
        model("mistral/mistral-large-2512"),
        route("mistral:mistral/mistral-large-latest"),
        route("mistral:mistral/mistral-large-2512"),
    )
    placed = found.place("mistral/mistral-large-latest")
    assert placed is not None
    assert (placed.model, placed.qualifier) == ("mistral/mistral-large-2512", "latest")
    # A pointer the lab sells with no dated model names the model its base names.
    openai = mapped(route("openai:openai/gpt-5-chat-latest"))
    assert openai.model_of("openai/gpt-5-chat-latest") == "openai/gpt-5-chat"


def test_thinking_budgets_and_custom_tools_are_route_variants() -> None:
    found = mapped(
        model("anthropic/claude-opus-4-1"),
        route("anthropic:anthropic/claude-opus-4-1"),
        route("nano-gpt:anthropic/claude-opus-4-1-thinking-32768"),
        model("google/gemini-3.1-pro-preview"),
        route("google:google/gemini-3.1-pro-preview"),
        route("google:google/gemini-3.1-pro-preview-customtools"),
    )
    assert found.place("anthropic/claude-opus-4-1-thinking-32768") == Placement(
        "anthropic/claude-opus-4-1", "thinking-32768", VariantKind.THINKING
    )
    assert found.place("google/gemini-3.1-pro-preview-customtools") == Placement(
        "google/gemini-3.1-pro-preview", "customtools", VariantKind.ALIAS
    )


def test_hosts_copies_join_the_maker_the_catalog_knows() -> None:
    found = mapped(
        model("tencent/hy3"),
        route("tencent-tokenhub:tencent/hy3"),
        model("kyma/hy3"),
        model("opencode-go/hy3"),
    )
    assert found.model_of("kyma/hy3") == found.model_of("opencode-go/hy3") == "tencent/hy3"
