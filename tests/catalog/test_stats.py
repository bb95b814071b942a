"""Issue 15's figures on the shipped catalog, and the functions that measure them."""

from __future__ import annotations

import datetime as dt

import pytest

from modelvs.catalog import Catalog, load_catalog
from modelvs.catalog.agreement import contradictions
from modelvs.catalog.stats import artefact_names, pointer_models, shared_names, truth_figures, undated_models
from modelvs.engine.needs import Needs, meets
from modelvs.schema.vocab import Capability, Modality

ON = dt.date(2026, 12, 5)


@pytest.fixture(scope="module")
def shipped() -> Catalog:
    return load_catalog()


def test_no_capability_contradicts_its_modality(shipped: Catalog) -> None:
    assert [mid for mid, m in shipped.models.items() if contradictions(m)] == []


def test_needing_vision_finds_only_models_that_take_images(shipped: Catalog) -> None:
    needs = Needs(capabilities=frozenset({Capability.VISION}))
    found = [mid for mid in shipped.models if meets(shipped, mid, needs, ON)]
    assert found
    assert all(Modality.IMAGE in shipped.models[mid].modalities_in for mid in found)
    for name in ("meta/llama-3.1-8b-instruct", "openai/gpt-oss-120b"):
        assert name not in found


def test_identity_and_names_where_readers_look(shipped: Catalog) -> None:
    assert len(shared_names(shipped, ON)) <= 3
    artefacts, text = artefact_names(shipped)
    assert len(artefacts) <= 0.005 * text
    assert pointer_models(shipped) == []
    assert "anthropic/claude-3-7-sonnet-20240620" not in shipped.models  # an id no lab published
    assert shipped.resolve("gemini-3.1-pro") == "google/gemini-3.1-pro-preview"
    assert shipped.resolve("deepseek-3.2") == shipped.resolve("deepseek-v3.2")


def test_legacy_models_are_retired_and_say_what_the_lab_bills_now(shipped: Catalog) -> None:
    for name in ("claude-2.1", "claude-instant", "text-davinci-003", "gpt-4-32k", "ada"):
        assert shipped.models[shipped.resolve(name)].retirement_date is not None, name
    fast = shipped.models[shipped.resolve("grok-4-1-fast-reasoning")]
    assert (fast.billed_as, fast.retirement_date) == ("xai/grok-4.3", dt.date(2026, 5, 15))
    grok = shipped.models[shipped.resolve("grok-4-1-fast-reasoning")]
    assert grok.context_window == 2_000_000  # xAI's own listing, not Azure's 128k


def test_the_figures_check_stats_prints(shipped: Catalog) -> None:
    figures = truth_figures(shipped, ON)
    assert figures["models whose capabilities contradict their modalities"] == 0
    assert figures["moving-alias ids (-latest) listed as models"] == 0
    undated, current = undated_models(shipped, ON)
    assert 0 < len(undated) < current
