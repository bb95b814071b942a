import pytest

from modelvs.schema.vocab import PriceMode, VariantKind
from modelvs.sources.variants import parse_date, qualifier, sort_date, split_date, words


@pytest.mark.parametrize(
    ("model_id", "lab", "expected"),
    [
        ("deepseek-v4-flash-free", "deepseek", [("free", None, PriceMode.FREE)]),
        ("claude-opus-4.7-batch", "anthropic", [("batch", None, PriceMode.BATCH)]),
        ("claude-opus-4-7-thinking", "anthropic", [("thinking", VariantKind.THINKING, None)]),
        ("qwen3-32b-fp8", "alibaba", [("fp8", VariantKind.QUANTIZED, None)]),
        ("glm-5.1-6bit", "zhipu", [("6bit", VariantKind.QUANTIZED, None)]),
        ("gpt-5.4-high", "openai", [("high", VariantKind.EFFORT, None)]),
        ("mistral-medium", "mistral", []),  # an effort word only counts for labs with effort settings
        (
            "grok-4-fast-non-reasoning",
            "xai",
            [("non-reasoning", VariantKind.NON_THINKING, None), ("fast", VariantKind.FAST, None)],
        ),
        (
            "deepseek-v4.1-flash-fast-fp4",
            "deepseek",
            [("fp4", VariantKind.QUANTIZED, None), ("fast", VariantKind.FAST, None)],
        ),
        ("claude-opus-4-7-default", "anthropic", [("default", None, None)]),
        # A dated release named "thinking" is a model of its own: reading stops at the date.
        ("qwen3-235b-a22b-thinking-2507", "alibaba", []),
    ],
)
def test_trailing_words(
    model_id: str, lab: str, expected: list[tuple[str, VariantKind | None, PriceMode | None]]
) -> None:
    assert [(w.text, w.suffix.variant, w.suffix.mode) for w in words(model_id, lab)] == expected


def test_each_word_keeps_what_is_left_of_the_id() -> None:
    found = words("deepseek-v4.1-flash-1017-fast", "deepseek")
    assert [w.rest for w in found] == ["deepseek-v4.1-flash-1017"]


@pytest.mark.parametrize(
    ("model_id", "expected"),
    [
        ("gpt-4o-2024-11-20", ("gpt-4o", "2024-11-20")),
        ("claude-sonnet-4-5-20250929", ("claude-sonnet-4-5", "20250929")),
        ("command-a-03-2025", ("command-a", "03-2025")),
        ("grok-4-0709", ("grok-4", "0709")),
        ("gemini-3.1-pro-preview", ("gemini-3.1-pro-preview", None)),
    ],
)
def test_snapshot_dates(model_id: str, expected: tuple[str, str | None]) -> None:
    assert split_date(model_id) == expected


def test_qualifiers() -> None:
    (effort,) = words("o3-mini-high", "openai")
    assert qualifier(effort.text, effort.suffix) == "effort-high"
    (quant,) = words("kimi-k2.6-mlx-4bit", "moonshot")
    assert qualifier(quant.text, quant.suffix) == "mlx-4bit"


@pytest.mark.parametrize(
    ("text", "parsed", "ordered"),
    [
        ("2026-03-09", (2026, 3, 9), (2026, 3, 9)),
        ("20260309", (2026, 3, 9), (2026, 3, 9)),
        ("260309", (2026, 3, 9), (2026, 3, 9)),
        ("0309", (None, 3, 9), None),
        ("2507", None, (2025, 7, 0)),  # Qwen's and Mistral's YYMM: a month, no day
        ("08-2025", None, None),
    ],
)
def test_a_snapshot_date_however_it_is_written(
    text: str, parsed: tuple[int | None, int, int] | None, ordered: tuple[int, int, int] | None
) -> None:
    assert parse_date(text) == parsed
    assert sort_date(text) == ordered
