"""Kinds and display names derived by stated rules after a merge."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from modelvs.schema.vocab import ModelKind
from modelvs.sources.display_names import name_from_id
from modelvs.sources.kinds import kind_of
from modelvs.sync.derived import RULES, derive

TODAY = dt.date(2026, 11, 24)


@pytest.mark.parametrize(
    ("model_id", "outputs", "kind"),
    [
        ("openai/gpt-5.5", ["text"], ModelKind.TEXT),
        ("openai/text-embedding-3-large", [], ModelKind.EMBEDDING),
        ("baai/bge-reranker-base", [], ModelKind.RERANK),
        ("black-forest-labs/flux-1-dev-controlnet-union", [], ModelKind.IMAGE),
        ("google/gemini-2.5-flash-image", ["text", "image"], ModelKind.IMAGE),
        ("mistral/voxtral-mini-transcribe-2507", ["text"], ModelKind.SPEECH_TO_TEXT),
        ("openai/gpt-4o-mini-tts", ["audio"], ModelKind.TEXT_TO_SPEECH),
        ("openai/gpt-realtime", ["text", "audio"], ModelKind.REALTIME_AUDIO),
        ("google/veo-3", ["video"], ModelKind.VIDEO),
        ("meta/llama-guard-4-12b", ["text"], ModelKind.MODERATION),
    ],
)
def test_kinds_follow_the_stated_rules(model_id: str, outputs: list[str], kind: ModelKind) -> None:
    assert kind_of(model_id, "", outputs, [])[0] is kind


@pytest.mark.parametrize(
    ("model", "name"),
    [
        ("qwen3-235b-a22b-instruct-2507", "Qwen3 235B A22B Instruct 2507"),
        ("gemini-2.5-pro-preview-06-05", "Gemini 2.5 Pro Preview (06-05)"),
        ("claude-3-5-sonnet-20241022", "Claude 3.5 Sonnet (2024-10-22)"),
        ("qwen1p5-72b-chat", "Qwen1.5 72B Chat"),
        ("glm-4.7", "GLM 4.7"),
        ("deepseek-v4-flash", "DeepSeek V4 Flash"),
    ],
)
def test_a_name_built_from_an_id(model: str, name: str) -> None:
    assert name_from_id(model) == name


def record(name: str, holder: str, alternatives: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {
        "name": name,
        "citations": {
            "litellm": {"source": "litellm", "locator": "x"},
            "genai-prices": {"source": "genai-prices", "locator": "openai.models.gpt-9"},
            "review": {"source": "modelvs"},
        },
        "provenance": {"name": holder},
        "alternatives": alternatives or [],
    }


def test_a_human_name_any_source_gives_beats_an_id() -> None:
    records = {
        ("model", "openai/gpt-9"): record(
            "gpt-9", "litellm", [{"field": "name", "value": "OpenAI: GPT-9", "citation": "genai-prices"}]
        )
    }
    derive(records, TODAY)
    raw = records[("model", "openai/gpt-9")]
    assert (raw["name"], raw["provenance"]["name"]) == ("GPT-9", "genai-prices")  # the lab prefix goes
    assert raw["kind"] == "text"
    assert raw["citations"][RULES]["locator"] == "kinds.text"


def test_no_human_name_anywhere_gives_a_name_from_the_id_and_reviewed_names_stay() -> None:
    records = {
        ("model", "openai/gpt-9-mini"): record("gpt-9-mini", "litellm"),
        ("model", "openai/gpt-9"): record("GPT nine", "review"),
    }
    derive(records, TODAY)
    assert records[("model", "openai/gpt-9-mini")]["name"] == "GPT 9 Mini"
    assert records[("model", "openai/gpt-9-mini")]["provenance"]["name"] == f"{RULES}~name"
    assert records[("model", "openai/gpt-9")]["name"] == "GPT nine"
    before = {k: dict(v) for k, v in records.items()}
    derive(records, TODAY)
    assert records == before  # derived again, the same


def test_two_models_of_one_name_are_named_apart_by_date_then_lab() -> None:
    records = {
        ("model", "cohere/command-r-03-2024"): record("Command R", "genai-prices"),
        ("model", "cohere/command-r-08-2024"): record("Command R", "litellm"),
        ("model", "tencent/hy3"): record("Hy3", "genai-prices"),
        ("model", "kyma/hy3"): record("Hy3", "litellm"),
    }
    derive(records, TODAY)
    names = {k[1]: v["name"] for k, v in records.items()}
    assert names["cohere/command-r-03-2024"] == "Command R (03-2024)"
    assert names["cohere/command-r-08-2024"] == "Command R (08-2024)"
    assert (names["tencent/hy3"], names["kyma/hy3"]) == ("Hy3", "Hy3 (kyma)")
    before = {k: dict(v) for k, v in records.items()}
    derive(records, TODAY)
    assert records == before


def test_a_model_without_a_release_date_gets_a_first_listed_stand_in_and_ga_reads_current() -> None:
    records = {
        ("model", "alibaba/qwen-plus-2025-01-25"): record("Qwen Plus", "litellm") | {"status": "ga"},
        ("model", "openai/gpt-9"): record("GPT-9", "litellm") | {"release_date": dt.date(2026, 1, 1)},
        ("route", "alibaba:alibaba/qwen-plus-2025-01-25"): {
            "prices": [
                {"mode": "standard", "input": 1, "effective_from": dt.date(2025, 3, 1), "citation": "x"}
            ]
        },
    }
    derive(records, TODAY)
    qwen = records[("model", "alibaba/qwen-plus-2025-01-25")]
    assert qwen["first_listed"] == dt.date(2025, 1, 25)  # the snapshot date in the id, before the first price
    assert qwen["citations"][qwen["provenance"]["first_listed"]]["locator"] == "first_listed.id"
    assert qwen["status"] == "current"
    assert "first_listed" not in records[("model", "openai/gpt-9")]


def test_the_day_a_price_history_first_recorded_a_model_stands_in_unless_an_id_is_earlier() -> None:
    records = {
        ("model", "inception/mercury"): record("Mercury", "litellm"),
        ("model", "alibaba/qwen-plus-2025-01-25"): record("Qwen Plus", "litellm"),
    }
    listed = {
        "inception/mercury": (dt.date(2025, 8, 3), "model-prices.prices.inception.mercury"),
        "alibaba/qwen-plus-2025-01-25": (dt.date(2025, 10, 14), "model-prices.prices.alibaba.qwen-plus"),
    }
    derive(records, TODAY, listed)
    mercury = records[("model", "inception/mercury")]
    assert mercury["first_listed"] == dt.date(2025, 8, 3)
    locator = mercury["citations"][mercury["provenance"]["first_listed"]]["locator"]
    assert locator == "first_listed.recorded.model-prices.prices.inception.mercury"
    assert records[("model", "alibaba/qwen-plus-2025-01-25")]["first_listed"] == dt.date(2025, 1, 25)
    before = {k: dict(v) for k, v in records.items()}
    derive(records, TODAY, listed)
    assert records == before
