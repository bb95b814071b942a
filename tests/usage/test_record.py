from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from modelvs.schema.vocab import PriceMode
from modelvs.usage.record import (
    UsageFormatError,
    UsageRecord,
    checked,
    count,
    day,
    flag,
    mode,
    money,
    unix_day,
)


def test_counts_take_ints_and_their_text_and_name_a_bad_cell() -> None:
    assert count("1200", 3, "input_tokens") == 1200
    assert count(1200, 3, "input_tokens") == 1200
    assert count(Decimal("7"), 3, "x") == 7
    assert count("", 3, "x") == 0
    assert count(None, 3, "x", default=1) == 1
    for bad in ("12.5", "abc", "-3", Decimal("1.5"), True):
        with pytest.raises(UsageFormatError) as err:
            count(bad, 3, "input_tokens")
        assert (err.value.line, err.value.field) == (3, "input_tokens")
    with pytest.raises(UsageFormatError, match="is missing"):
        count(None, 3, "x", default=None)


def test_money_is_exact_and_refuses_what_is_not_an_amount() -> None:
    assert money("0.0035", 1, "cost") == Decimal("0.0035")
    assert money(Decimal("17.58"), 1, "cost") == Decimal("17.58")
    assert money("", 1, "cost") is None
    for bad in ("NaN", "Infinity", "$3", [1]):
        with pytest.raises(UsageFormatError):
            money(bad, 1, "cost")


def test_days_are_utc() -> None:
    assert day("2026-11-03", 1, "date") == dt.date(2026, 11, 3)
    assert day("2026-11-03T23:30:00Z", 1, "date") == dt.date(2026, 11, 3)
    assert day("2026-11-03 23:30:00.123", 1, "date") == dt.date(2026, 11, 3)
    assert day("2026-11-03T23:30:00-05:00", 1, "date") == dt.date(2026, 11, 4)
    assert unix_day(1793491200, 1, "start_time") == dt.date(2026, 11, 1)
    for bad in ("11/03/2026", "2026-13-01", 20261103):
        with pytest.raises(UsageFormatError):
            day(bad, 1, "date")


def test_flags_and_modes() -> None:
    assert flag("true", 1, "batch") is True
    assert flag("", 1, "batch") is False
    assert flag(None, 1, "batch") is False
    with pytest.raises(UsageFormatError):
        flag("maybe", 1, "batch")
    assert mode(None, True, 1, "t") is PriceMode.BATCH
    assert mode("default", False, 1, "t") is PriceMode.STANDARD
    assert mode("flex", False, 1, "t") is PriceMode.FLEX
    with pytest.raises(UsageFormatError, match="unknown service tier"):
        mode("turbo", False, 1, "t")


def test_cached_tokens_cannot_exceed_the_prompt_they_are_part_of() -> None:
    record = UsageRecord(
        4, dt.date(2026, 11, 1), "openai", "gpt-4o", 100, cached_tokens=80, cache_write_tokens=30
    )
    with pytest.raises(UsageFormatError) as err:
        checked(record)
    assert (err.value.line, err.value.field) == (4, "input_tokens")


def test_the_error_names_file_line_and_field() -> None:
    err = UsageFormatError("not a whole number: 'x'", line=12, field="input_tokens")
    err.file = "usage.csv"
    assert str(err) == "usage.csv, line 12, field input_tokens: not a whole number: 'x'"
