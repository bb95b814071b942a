from __future__ import annotations

import io

import pytest

from modelvs.usage import FORMATS, read_log, read_logs
from modelvs.usage.record import UsageFormatError
from tests.usage.conftest import FIXTURES

DETECTED = {
    "otel.json": "otel",
    "openai_usage.json": "openai-usage",
    "anthropic_usage.json": "anthropic-usage",
    "openrouter_activity.json": "openrouter-activity",
    "openrouter_activity.csv": "openrouter-activity",
    "litellm_spend.csv": "litellm-spend",
    "litellm_spend.json": "litellm-spend",
    "ccusage.json": "ccusage",
    "usage.csv": "usage-csv",
}


@pytest.mark.parametrize(("name", "expected"), sorted(DETECTED.items()))
def test_every_format_is_detected_from_its_shape(name: str, expected: str) -> None:
    with (FIXTURES / name).open("rb") as f:
        assert read_log(f)[0] == expected


def test_every_format_has_a_fixture_and_its_documentation() -> None:
    assert {f.name for f in FORMATS} == set(DETECTED.values())
    for f in FORMATS:
        assert f.docs.startswith("https://") or "README" in f.docs


def test_a_named_format_skips_detection_and_an_unknown_file_says_what_to_do() -> None:
    assert read_log(io.StringIO("{}"), input_format="ccusage")[0] == "ccusage"
    with pytest.raises(UsageFormatError, match="--input-format"):
        read_log(io.StringIO("a,b\n1,2\n"))
    with pytest.raises(UsageFormatError, match="empty"):
        read_log(io.StringIO(""))
    with pytest.raises(UsageFormatError, match="unknown input format"):
        read_log(io.StringIO("x"), input_format="excel")
    with pytest.raises(UsageFormatError, match="UTF-8"):
        _read_all(b"date,model,input_tokens,output_tokens\n2026-11-05,\xff\xfe,1,1\n")
    late = b"date,model,input_tokens,output_tokens\n" + b"2026-11-05,gpt-4o,1,1\n" * 5000 + b"\xff\n"
    with pytest.raises(UsageFormatError, match="UTF-8"):
        _read_all(late)  # past the start the format is detected from


def _read_all(data: bytes) -> None:
    list(read_log(io.BytesIO(data))[1])


def test_several_files_read_as_one_each_row_marked_with_its_file() -> None:
    with (FIXTURES / "usage.csv").open("rb") as a, (FIXTURES / "openai_usage.json").open("rb") as b:
        fmt, records = read_logs([("usage.csv", a), ("openai_usage.json", b)])
        found = list(records)
    assert fmt == "usage-csv+openai-usage"
    assert {r.file for r in found} == {"usage.csv", "openai_usage.json"}
    bad = io.StringIO("date,model,input_tokens,output_tokens\n2026-11-05,gpt-4o,x,1\n")
    with pytest.raises(UsageFormatError) as err:
        list(
            read_logs([("ok.csv", io.StringIO("date,model,input_tokens,output_tokens\n")), ("bad.csv", bad)])[
                1
            ]
        )
    assert (err.value.file, err.value.line, err.value.field) == ("bad.csv", 2, "input_tokens")
