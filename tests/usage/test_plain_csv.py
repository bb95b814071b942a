from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest

from modelvs.schema.vocab import PriceMode
from modelvs.usage import read_log
from modelvs.usage.plain_csv import parse_columns
from modelvs.usage.record import UsageFormatError, UsageRecord
from tests.usage.conftest import FIXTURES

HEADER = "date,provider,model,input_tokens,output_tokens,cached_input_tokens,requests\n"


def _read(text: str, **options: object) -> list[UsageRecord]:
    return list(read_log(io.StringIO(text), **options)[1])  # type: ignore[arg-type]


def test_the_plain_csv_reads_every_documented_column() -> None:
    with (FIXTURES / "usage.csv").open("rb") as f:
        fmt, records = read_log(f)
        found = list(records)
    assert fmt == "usage-csv"
    assert found[1] == UsageRecord(
        3, dt.date(2026, 11, 5), "anthropic", "claude-opus-4-7", 20000, 0, 5000, 1000, 1000, 0, 1,
        PriceMode.STANDARD, Decimal("0.13625"),
    )  # fmt: skip
    assert found[2].mode is PriceMode.BATCH
    assert found[3].requests == 10


def test_only_date_model_and_token_counts_are_required() -> None:
    (record,) = _read("Date,Model,Input Tokens,Output Tokens\n2026-11-05,gpt-4o,10,5\n")
    assert (record.provider, record.requests, record.cached_tokens) == (None, 1, 0)


@pytest.mark.parametrize(
    ("row", "field"),
    [
        ("2026-11-05,openai,gpt-4o,12x,5,0,1", "input_tokens"),
        ("2026-11-05,openai,gpt-4o,10,-5,0,1", "output_tokens"),
        ("2026-11-05,openai,gpt-4o,10,5,20,1", "input_tokens"),
        ("2026/11/05,openai,gpt-4o,10,5,0,1", "date"),
        ("2026-11-05,openai,gpt-4o,10,5,0,one", "requests"),
    ],
)
def test_a_bad_cell_exits_naming_its_line_and_field(row: str, field: str) -> None:
    text = HEADER + "2026-11-05,openai,gpt-4o,10,5,0,1\n" + row + "\n"
    with pytest.raises(UsageFormatError) as err:
        _read(text)
    assert (err.value.line, err.value.field) == (3, field), str(err.value)


def test_a_short_row_and_a_header_without_required_columns_are_refused() -> None:
    with pytest.raises(UsageFormatError, match="cells where the header has") as err:
        _read(HEADER + "2026-11-05,openai\n")
    assert err.value.line == 2
    with pytest.raises(UsageFormatError, match="lacks output_tokens"):
        _read("date,model,input_tokens\n2026-11-05,gpt-4o,3\n", input_format="usage-csv")


def test_any_csv_reads_through_a_column_map() -> None:
    columns = parse_columns(
        "date=Day,provider=Vendor,model=Model,input_tokens=Prompt,output_tokens=Completion,requests=Calls"
    )
    with (FIXTURES / "columns.csv").open("rb") as f:
        fmt, records = read_log(f, columns=columns)
        found = list(records)
    assert fmt == "columns"
    assert [(r.model, r.input_tokens, r.output_tokens) for r in found] == [
        ("gpt-4o-2024-11-20", 1000, 200),
        ("claude-opus-4-7", 4000, 1000),
    ]
    with pytest.raises(UsageFormatError, match="unknown field 'prompt'"):
        parse_columns("prompt=Prompt")
    with pytest.raises(UsageFormatError, match="FIELD=COLUMN"):
        parse_columns("date")
