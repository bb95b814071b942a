import datetime as dt
from decimal import Decimal
from typing import Any

from modelvs.sources.proposal import Proposal, ProposedRecord
from modelvs.sync.changes import ChangeKind
from modelvs.sync.fields import Records
from modelvs.sync.merge import merge

TODAY = dt.date(2026, 11, 24)


def proposal(source: str, *offers: ProposedRecord) -> Proposal:
    meta = {"name": source, "kind": "package", "license": "MIT", "retrieved": TODAY}
    return Proposal(source, meta, offers)


def model(mid: str, **values: Any) -> ProposedRecord:
    return ProposedRecord("model", mid, {"name": mid, **values}, f"loc.{mid}", aliases=(mid.split("/")[1],))


def route(rid: str, *prices: dict[str, Any], history: bool = False) -> ProposedRecord:
    return ProposedRecord(
        "route", rid, {"provider_model_id": rid.split("/")[-1]}, f"loc.{rid}", prices=prices, history=history
    )


def test_higher_priority_source_wins_and_loser_is_kept() -> None:
    records, changes = merge(
        {},
        [
            proposal("litellm", model("openai/gpt-4o", context_window=100)),
            proposal("models-dev", model("openai/gpt-4o", context_window=128000)),
        ],
        TODAY,
    )
    raw = records[("model", "openai/gpt-4o")]
    assert raw["context_window"] == 128000
    assert raw["provenance"]["context_window"] == "models-dev"
    assert {"field": "context_window", "value": 100, "citation": "litellm"} in raw["alternatives"]
    assert any(c.kind is ChangeKind.ADDED for c in changes)


def test_curated_value_is_never_overwritten() -> None:
    existing: Records = {
        ("model", "openai/gpt-4o"): {
            "name": "GPT-4o",
            "knowledge_cutoff": "2023-10",
            "citations": {
                "card": {"source": "modelvs", "url": "https://platform.openai.com/docs/models/gpt-4o"}
            },
            "provenance": {"name": "card", "knowledge_cutoff": "card"},
        }
    }
    records, changes = merge(
        existing, [proposal("models-dev", model("openai/gpt-4o", knowledge_cutoff="2023-09"))], TODAY
    )
    raw = records[("model", "openai/gpt-4o")]
    assert raw["knowledge_cutoff"] == "2023-10"
    assert {"field": "knowledge_cutoff", "value": "2023-09", "citation": "models-dev"} in raw["alternatives"]
    [conflict] = [c for c in changes if c.kind is ChangeKind.CONFLICT and c.field == "knowledge_cutoff"]
    assert (conflict.old, conflict.new, conflict.source) == ("2023-10", "2023-09", "models-dev")


def test_models_join_across_sources_on_loose_names() -> None:
    records, _ = merge(
        {},
        [
            proposal("models-dev", model("openai/gpt-4.1")),
            proposal("litellm", model("openai/gpt-4-1"), route("azure:openai/gpt-4-1")),
        ],
        TODAY,
    )
    assert [k for k in records if k[0] == "model"] == [("model", "openai/gpt-4.1")]
    assert ("route", "azure:openai/gpt-4.1") in records


def test_unknown_lab_joins_a_known_model_by_its_tail() -> None:
    records, _ = merge(
        {},
        [proposal("models-dev", model("digitalocean/arcee-trinity-large"), model("arcee/trinity-large"))],
        TODAY,
    )
    assert [k[1] for k in records if k[0] == "model"] == ["arcee/trinity-large"]


def test_price_priority_and_conflict() -> None:
    litellm = {"mode": "standard", "input": Decimal("2.6"), "output": Decimal("10")}
    genai = {"mode": "standard", "input": Decimal("2.5"), "output": Decimal("10")}
    records, changes = merge(
        {},
        [
            proposal("litellm", model("openai/gpt-4o"), route("openai:openai/gpt-4o", litellm)),
            proposal("genai-prices", model("openai/gpt-4o"), route("openai:openai/gpt-4o", genai)),
        ],
        TODAY,
    )
    raw = records[("route", "openai:openai/gpt-4o")]
    assert raw["prices"] == [{**genai, "citation": "genai-prices"}]
    assert {"field": "prices.standard.input", "value": Decimal("2.6"), "citation": "litellm"} in raw[
        "alternatives"
    ]
    assert any(c.kind is ChangeKind.CONFLICT and c.field == "prices.standard.input" for c in changes)


def test_history_goes_before_current_prices() -> None:
    current = {"mode": "standard", "input": Decimal("2.5"), "output": Decimal("10")}
    old = {
        "mode": "standard",
        "input": Decimal("5"),
        "output": Decimal("15"),
        "effective_from": dt.date(2024, 5, 13),
        "effective_until": dt.date(2024, 8, 6),
    }
    records, _ = merge(
        {},
        [
            proposal("genai-prices", model("openai/gpt-4o"), route("openai:openai/gpt-4o", current)),
            proposal("model-prices", route("openai:openai/gpt-4o", old, history=True)),
        ],
        TODAY,
    )
    prices = records[("route", "openai:openai/gpt-4o")]["prices"]
    assert [(p["effective_from"], p.get("effective_until"), p["citation"]) for p in prices] == [
        (dt.date(2024, 5, 13), dt.date(2024, 8, 6), "model-prices"),
        (dt.date(2024, 8, 6), None, "genai-prices"),
    ]


def test_a_source_that_drops_a_record_removes_it() -> None:
    first, _ = merge({}, [proposal("models-dev", model("openai/a"), model("openai/b"))], TODAY)
    second, changes = merge(first, [proposal("models-dev", model("openai/a"))], TODAY)
    assert ("model", "openai/b") not in second
    assert [c.file for c in changes if c.kind is ChangeKind.REMOVED] == ["models/openai/b.toml"]


def test_same_input_changes_nothing() -> None:
    offers = proposal(
        "models-dev", model("openai/a", context_window=5), route("openai:openai/a", {"input": Decimal(1)})
    )
    first, _ = merge({}, [offers], TODAY)
    second, changes = merge(first, [offers], TODAY)
    assert second == first
    assert changes == []


def test_free_and_batch_ids_become_modes_of_the_plain_route() -> None:
    plain = {"mode": "standard", "input": Decimal("0.3"), "output": Decimal("1.2")}
    batch = {"mode": "standard", "input": Decimal("0.15"), "output": Decimal("0.6")}
    records, _ = merge(
        {},
        [
            proposal(
                "models-dev",
                model("deepseek/deepseek-flash"),
                route("openrouter:deepseek/deepseek-flash", plain),
                route("openrouter:deepseek/deepseek-flash-batch", batch),
                route("openrouter:deepseek/deepseek-flash-free"),
            )
        ],
        TODAY,
    )
    assert [k[1] for k in records if k[0] == "route"] == ["openrouter:deepseek/deepseek-flash"]
    prices = records[("route", "openrouter:deepseek/deepseek-flash")]["prices"]
    assert sorted((p["mode"], p["input"], p.get("provider_model_id")) for p in prices) == [
        ("batch", Decimal("0.15"), "deepseek-flash-batch"),
        ("free", Decimal(0), "deepseek-flash-free"),
        ("standard", Decimal("0.3"), None),
    ]


def test_a_variant_is_a_route_of_the_model_with_its_kind() -> None:
    records, _ = merge(
        {},
        [
            proposal(
                "models-dev",
                model("zhipu/glm-5.1"),
                route(
                    "chutes:zhipu/glm-5.1-fp8",
                    {"mode": "standard", "input": Decimal(1), "output": Decimal(2)},
                ),
            )
        ],
        TODAY,
    )
    raw = records[("route", "chutes:zhipu/glm-5.1@fp8")]
    assert raw["variant"] == "quantized"
    assert ("model", "zhipu/glm-5.1-fp8") not in records


def test_merging_the_result_again_changes_nothing() -> None:
    offers = [
        proposal(
            "models-dev",
            model("openai/gpt-5.5"),
            model("openai/gpt-55"),
            route("openai:openai/gpt-5.5", {"mode": "standard", "input": Decimal(5), "output": Decimal(30)}),
            route("venice:openai/gpt-55", {"mode": "standard", "input": Decimal(5), "output": Decimal(30)}),
        ),
        proposal("litellm", model("openai/gpt-5-5", context_window=1000)),
    ]
    first, _ = merge({}, offers, TODAY)
    again, changes = merge(first, offers, TODAY)
    assert again == first
    assert [c for c in changes if c.kind is not ChangeKind.CONFLICT] == []
    assert [k[1] for k in first if k[0] == "model"] == ["openai/gpt-5.5"]
    assert ("route", "venice:openai/gpt-5.5") in first


def test_a_reseller_listing_fills_no_capability() -> None:
    trusted = {"name": "p", "kind": "cloud", "trust": "major_cloud"}
    existing: Records = {
        ("provider", "cloudy"): dict(trusted),
        ("provider", "resold"): {"name": "r", "kind": "aggregator"},
    }
    first = ProposedRecord(
        "model", "lab/m", {"name": "M", "capabilities": {"vision": True}}, "a", listing="cloudy"
    )
    cloud = ProposedRecord(
        "model", "lab/m", {"name": "M", "capabilities": {"pdf_input": True}}, "b", listing="cloudy"
    )
    resold = ProposedRecord(
        "model", "lab/m", {"name": "M", "capabilities": {"audio_input": True}}, "c", listing="resold"
    )
    records, _ = merge(existing, [proposal("models-dev", first, cloud, resold)], TODAY)
    caps = records[("model", "lab/m")]["capabilities"]
    assert caps == {"vision": True, "pdf_input": True}


def listed(mid: str, listing: str, **values: Any) -> ProposedRecord:
    return ProposedRecord(
        "model", mid, {"name": "Grok 4.1 Fast", **values}, f"{listing}.{mid}", listing=listing
    )


def test_the_labs_own_listing_in_any_source_speaks_before_another_providers() -> None:
    # models.dev ranks first for facts, but its only listing is Azure's; genai-prices lists xAI's own.
    records, _ = merge(
        {},
        [
            proposal("models-dev", listed("xai/grok-4-1-fast", "azure", context_window=128000)),
            proposal("genai-prices", listed("xai/grok-4-1-fast", "xai", context_window=2000000)),
        ],
        TODAY,
    )
    raw = records[("model", "xai/grok-4-1-fast")]
    assert raw["context_window"] == 2000000
    assert raw["citations"]["genai-prices"]["listing"] == "xai"
    assert {"field": "context_window", "value": 128000, "citation": "models-dev"} in raw["alternatives"]
    again, _ = merge(
        records,
        [
            proposal("models-dev", listed("xai/grok-4-1-fast", "azure", context_window=128000)),
            proposal("genai-prices", listed("xai/grok-4-1-fast", "xai", context_window=2000000)),
        ],
        TODAY,
    )
    assert again == records


def test_a_lab_route_is_never_created_for_a_model_the_lab_does_not_serve() -> None:
    price = {"mode": "standard", "input": Decimal("0.15"), "output": Decimal("0.6")}
    records, _ = merge(
        {},
        [
            proposal(
                "genai-prices",
                model("openai/gpt-oss-120b"),
                route("openai:openai/gpt-oss-120b", price),
                route("groq:openai/gpt-oss-120b", price),
            )
        ],
        TODAY,
    )
    assert ("route", "groq:openai/gpt-oss-120b") in records
    assert ("route", "openai:openai/gpt-oss-120b") not in records
