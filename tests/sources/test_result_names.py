import pytest

from modelvs.sources.result_names import NameParts, candidates, split_name


@pytest.mark.parametrize(
    ("name", "parts"),
    [
        ("Claude Opus 4.7", NameParts("Claude Opus 4.7")),
        ("Claude Opus 4.7 (High)", NameParts("Claude Opus 4.7", setting="High")),
        (
            "Claude 3.7 Sonnet (Thinking 32K, 20250219)",
            NameParts("Claude 3.7 Sonnet", "20250219", "Thinking 32K"),
        ),
        (
            "GPT-5.6 Sol (xHigh, Codex Harness)",
            NameParts("GPT-5.6 Sol", setting="xHigh", harness="Codex Harness"),
        ),
        ("GPT-4o (2024-08-06)", NameParts("GPT-4o", "2024-08-06")),
        ("Gemini 2.5 Flash Preview (09-2025)", NameParts("Gemini 2.5 Flash Preview", "09-2025")),
        ("claude-opus-4-6-high", NameParts("claude-opus-4-6", setting="High")),
        ("kimi-k2.5-thinking", NameParts("kimi-k2.5", setting="Thinking")),
        ("o3-mini (high)", NameParts("o3-mini", setting="High")),
        (
            "NVIDIA-Nemotron-3-Nano-30B-A3B (BF16)",
            NameParts("NVIDIA-Nemotron-3-Nano-30B-A3B", setting="BF16"),
        ),
        # A name with words keeps a trailing effort-like word: only ids carry it as a suffix.
        ("Mistral Max", NameParts("Mistral Max")),
    ],
)
def test_split_name(name: str, parts: NameParts) -> None:
    assert split_name(name) == parts


def test_a_snapshot_comes_first_and_the_name_before_the_source_ids() -> None:
    found = candidates(split_name("Qwen3-235B-A22B-Thinking (2507)"), ("qwen3-235b-a22b",))
    assert found[:2] == ("Qwen3-235B-A22B-Thinking-2507", "qwen3-235b-a22b-2507")
    assert found[-2:] == ("Qwen3-235B-A22B-Thinking", "qwen3-235b-a22b")


def test_a_preview_never_falls_back_to_the_release_id() -> None:
    found = candidates(split_name("DeepSeek-V4-Flash Preview (High)"), ("deepseek-v4-flash",))
    assert found == ("DeepSeek-V4-Flash Preview",)
    dated = candidates(split_name("Kimi K2 Preview (0711)"), ("kimi-k2",))
    assert "Kimi K2-preview-0711" in dated
    assert "kimi-k2" not in dated
