from __future__ import annotations

from decimal import Decimal

from modelvs.usage import read_log
from tests.usage.conftest import FIXTURES


def _records(name: str) -> list[tuple[object, ...]]:
    with (FIXTURES / name).open("rb") as f:
        fmt, records = read_log(f)
        assert fmt == "openrouter-activity"
        return [r[1:] for r in records]  # all but the line


def test_the_api_json_and_the_csv_export_read_alike() -> None:
    found = _records("openrouter_activity.json")
    assert found == _records("openrouter_activity.csv")
    first = found[0]
    # day, provider, model, input, cached, written, written 1h, output, reasoning, requests, mode, cost
    assert first[1:3] == ("openrouter", "openai/gpt-4o-2024-11-20")  # priced on the route that billed it
    assert first[3:10] == (50, 0, 0, 0, 100, 25, 5)  # completion 125 includes reasoning 25
    assert first[11] == Decimal("0.001375")
