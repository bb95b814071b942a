import copy
from typing import Any

from modelvs.sync.agree import agree
from modelvs.sync.fields import Records


def model(**raw: Any) -> Records:
    return {("model", "meta/llama-3.1-8b"): raw}


def test_a_lower_ranked_flag_follows_the_modality_list_and_stays_as_an_alternative() -> None:
    records = model(
        modalities_in=["text"],
        capabilities={"vision": True},
        citations={
            "models-dev": {"source": "models-dev", "listing": "groq"},
            "models-dev~3": {"source": "models-dev", "listing": "reseller"},
        },
        provenance={"modalities_in": "models-dev", "capabilities.vision": "models-dev~3"},
    )
    agree(records)
    raw = records[("model", "meta/llama-3.1-8b")]
    assert raw["capabilities"]["vision"] is False
    assert raw["provenance"]["capabilities.vision"] == "modelvs-rules~capabilities.vision"
    assert {"field": "capabilities.vision", "value": True, "citation": "models-dev~3"} in raw["alternatives"]
    before = copy.deepcopy(records)
    agree(records)  # the rule recomputes from the sources' values: the same result
    assert records == before


def test_the_labs_flag_adds_the_modality_it_stands_for() -> None:
    records = model(
        modalities_in=["text"],
        capabilities={"vision": True},
        citations={
            "models-dev": {"source": "models-dev", "listing": "azure"},
            "litellm": {"source": "litellm", "listing": "llama"},
        },
        provenance={"modalities_in": "models-dev", "capabilities.vision": "litellm"},
    )
    agree(records)
    raw = records[("model", "meta/llama-3.1-8b")]
    assert raw["modalities_in"] == ["text", "image"]
    assert {"field": "modalities_in", "value": ["text"], "citation": "models-dev"} in raw["alternatives"]


def test_a_source_that_stops_saying_it_leaves_no_rewritten_value_behind() -> None:
    records = model(
        modalities_in=["text"],
        capabilities={"vision": True},
        citations={
            "models-dev": {"source": "models-dev", "listing": "azure"},
            "litellm": {"source": "litellm", "listing": "llama"},
        },
        provenance={"modalities_in": "models-dev", "capabilities.vision": "litellm"},
    )
    agree(records)
    raw = records[("model", "meta/llama-3.1-8b")]
    raw["alternatives"] = []  # models.dev no longer lists the model: its value is gone
    agree(records)
    # What is left is what the flags say, cited to the rule, not the list rewritten last time.
    assert raw["modalities_in"] == ["text", "image"]
    assert raw["citations"]["modelvs-rules~modalities_in"]["locator"] == "agree.capabilities"


def test_two_reviewed_values_that_disagree_are_left_for_check() -> None:
    records = model(
        modalities_in=["text"],
        capabilities={"vision": True},
        citations={"review-1": {"source": "modelvs"}, "review-2": {"source": "modelvs"}},
        provenance={"modalities_in": "review-1", "capabilities.vision": "review-2"},
    )
    agree(records)
    raw = records[("model", "meta/llama-3.1-8b")]
    assert (raw["modalities_in"], raw["capabilities"]["vision"]) == (["text"], True)


def test_a_model_no_source_lists_inputs_for_takes_text_and_what_its_flags_say() -> None:
    records = model(capabilities={"vision": True, "pdf_input": True, "audio_input": False})
    agree(records)
    raw = records[("model", "meta/llama-3.1-8b")]
    assert raw["modalities_in"] == ["text", "image", "pdf"]
    assert raw["provenance"]["modalities_in"] == "modelvs-rules~modalities_in"
