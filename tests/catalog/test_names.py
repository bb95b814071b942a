import pytest

from modelvs.catalog.names import has_id_artefact


@pytest.mark.parametrize(
    ("name", "artefact"),
    [
        ("Claude 3 5 Sonnet 20241022 V2 0", True),
        ("Qwen1p5 72B Chat", True),
        ("Claude Fable 5 5", True),
        ("Qwen Plus 2025 01 25", True),
        ("Doubao Seed 250715", True),
        ("Claude 3.5 Sonnet (2024-10-22)", False),
        ("Qwen3 235B A22B Instruct 2507", False),  # the lab's own name
        ("Gemma 3 27B", False),
        ("GPT-4 0613", False),
        ("Llama 3 70B", False),
    ],
)
def test_a_name_that_prints_an_ids_artefacts(name: str, artefact: bool) -> None:
    assert has_id_artefact(name) is artefact
