"""Numbers print one way everywhere: exact for machines, rounded for people, never a Python repr."""

from __future__ import annotations

from decimal import Decimal

import pytest

from modelvs.formatting import count, exact, money, percent, plural, times, tokens, usd


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("4600", "$4,600"),
        ("4747.5", "$4,747.50"),
        ("0.0035", "$0.0035"),  # a single request: enough digits, never `<$0.01`
        ("0.00354321", "$0.003543"),
        ("0.009996", "$0.009996"),
        ("0.01", "$0.01"),
        ("-100", "$100"),
        ("0", "$0"),
        ("1E+3", "$1,000"),
        ("999.995", "$1,000"),  # rounds up to whole dollars: no `.00`
        ("1234.505", "$1,234.51"),
        ("1234567.1", "$1,234,567.10"),
        ("0.0100", "$0.01"),
    ],
)
def test_money(value: str, text: str) -> None:
    assert money(Decimal(value)) == text


def test_rates_counts_and_shares() -> None:
    assert (usd(Decimal("2.5")), usd(Decimal("0.075")), usd(Decimal("1000"))) == ("$2.50", "$0.075", "$1,000")
    assert exact(Decimal("1E+6")) == "1000000"
    assert (tokens(1_048_576), tokens(128_000), tokens(800)) == ("1.05M", "128k", "800")
    # Counts as people write them: billions in B, and a count that rounds up takes the next suffix.
    assert (tokens(3_000_000_000), tokens(250_000_000), tokens(1_250_000_000)) == ("3B", "250M", "1.25B")
    assert (tokens(999_999_999), tokens(999_960)) == ("1B", "1M")
    # Counts as people write them: never `3000M in`.
    assert tokens(1_500_000_000_000) == "1500B"
    assert count(1_000_000) == "1,000,000"
    assert (percent(Decimal("0.762")), percent(Decimal("0.0004")), percent(Decimal(0))) == (
        "76.2%",
        "0.04%",
        "0%",
    )


def test_one_request_and_many() -> None:
    assert (plural(1, "request"), plural(2, "request"), plural(1_000_000, "request")) == (
        "1 request",
        "2 requests",
        "1,000,000 requests",
    )


def test_times_never_prints_a_bare_large_number() -> None:
    assert times(1_048_576, 128_000) == "8.19x"
    assert times(125, 10) == "12.5x"
    assert times(1_000_000, 77) == "12,987x"
    assert times(100, 99) == "1.01x"
    assert times(4, 1) == "4x"
