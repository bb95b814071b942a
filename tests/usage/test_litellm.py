from __future__ import annotations

from modelvs.usage import read_log
from tests.usage.conftest import FIXTURES


def _records(name: str) -> tuple[list[tuple[object, ...]], set[str]]:
    notes: set[str] = set()
    with (FIXTURES / name).open("rb") as f:
        fmt, records = read_log(f, notes=notes)
        assert fmt == "litellm-spend"
        return [r[1:] for r in records], notes


def test_csv_and_json_exports_read_alike_without_the_response_cache_hits() -> None:
    from_csv, notes = _records("litellm_spend.csv")
    from_json, _ = _records("litellm_spend.json")
    assert from_csv == from_json
    assert [r[2] for r in from_csv] == [
        "gpt-4o-2024-11-20",
        "claude-sonnet-4-6",
        "gemini-3.1-pro-preview",
        "llama3.1",
    ]
    assert [r[1] for r in from_csv] == ["openai", "anthropic", "gemini", "ollama"]
    sonnet = from_csv[1]
    assert sonnet[3:5] == (2000, 1500)  # cache reads from metadata.usage_object
    assert any("cache_hit" in n for n in notes)
