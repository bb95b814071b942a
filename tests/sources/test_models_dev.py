import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from modelvs.schema import PriceSchedule
from modelvs.sources import models_dev

FIXTURE = Path(__file__).parent / "fixtures" / "models_dev" / "api.json"
TODAY = dt.date(2026, 11, 24)


def offers() -> dict[tuple[str, str], models_dev.ProposedRecord]:
    raw, version = models_dev.fetch(FIXTURE)
    proposal = models_dev.translate(models_dev.parse(raw), TODAY, version)
    # Keyed by the first offer per record: the lab's own listing comes first.
    found: dict[tuple[str, str], models_dev.ProposedRecord] = {}
    for offer in proposal.offers:
        found.setdefault((offer.kind, offer.id), offer)
    return found


def test_reference_models_translate_exactly() -> None:
    found = offers()
    gemini = found[("model", "google/gemini-3.1-pro-preview")].values
    assert gemini["context_window"] == 1048576
    assert gemini["max_output"] == 65536
    assert gemini["release_date"] == dt.date(2026, 2, 19)
    assert gemini["capabilities"]["reasoning"] is True
    [schedule] = found[("route", "google:google/gemini-3.1-pro-preview")].prices or ()
    assert (schedule["input"], schedule["output"], schedule["cache_read"]) == (
        Decimal(2),
        Decimal(12),
        Decimal("0.2"),
    )
    assert schedule["tiers"] == [
        {
            "threshold": 200000,
            "comparison": ">",
            "input": Decimal(4),
            "output": Decimal(18),
            "cache_read": Decimal("0.4"),
        }
    ]
    PriceSchedule.model_validate({**schedule, "citation": "x"})
    gpt = found[("model", "openai/gpt-4o-2024-11-20")].values
    assert gpt["knowledge_cutoff"] == "2023-09"
    assert gpt["capabilities"]["vision"] is True
    assert "pdf_input" not in gpt["capabilities"], "an unlisted modality is unknown, not no"


def test_aggregator_ids_join_the_labs_model() -> None:
    found = offers()
    assert ("route", "openrouter:openai/gpt-4o-2024-11-20") in found
    assert ("route", "alibaba-cn:deepseek/deepseek-r1") in found
    assert found[("provider", "openrouter")].values["kind"] == "aggregator"
    assert found[("provider", "openai")].values == {
        "name": "OpenAI",
        "kind": "first-party",
        "lab": "openai",
        "docs_url": "https://platform.openai.com/docs/models",
    }


def test_subscription_plans_are_skipped_with_a_reason() -> None:
    raw, version = models_dev.fetch(FIXTURE)
    proposal = models_dev.translate(models_dev.parse(raw), TODAY, version)
    assert proposal.skipped
    assert all(r == "subscription plan, not a per-token route" for _, r in proposal.skipped)
    assert not any(o.id.startswith("zai-coding-plan") for o in proposal.offers)


def test_malformed_payload_names_the_entry() -> None:
    with pytest.raises(ValueError, match=r"openai\.models\.gpt-x: field 'name' is missing"):
        models_dev.parse(b'{"openai": {"models": {"gpt-x": {"id": "gpt-x"}}}}')


@pytest.mark.sources
def test_real_package() -> None:
    raw, version = models_dev.fetch()
    entries = models_dev.parse(raw)
    proposal = models_dev.translate(entries, TODAY, version)
    assert version == "1.0.398"
    assert len(entries) == 4803
    models = {o.id for o in proposal.offers if o.kind == "model"}
    assert {"google/gemini-3.1-pro-preview", "openai/gpt-4o-2024-11-20"} <= models
    assert len({o.id for o in proposal.offers if o.kind == "provider"}) > 100
