from decimal import Decimal

import pytest

from modelvs.sync.cents import round_conversions, rounded


@pytest.mark.parametrize(
    ("value", "price"),
    [
        ("2.99999", "3"),
        ("15.00002", "15"),
        ("0.50001", "0.5"),
        ("1.87502", "1.875"),
        ("29.99997", "30"),
        ("0.01875", None),  # a real sub-cent price
        ("0.19305", None),  # $0.00005 from 0.193: a price as written
        ("0.09375", None),
        ("0.003625", None),
        ("3.6", None),
    ],
)
def test_a_conversion_residue_is_the_round_price(value: str, price: str | None) -> None:
    assert rounded(Decimal(value)) == (Decimal(price) if price else None)
    if price:
        assert str(rounded(Decimal(value))) == price


def test_imported_prices_round_with_the_source_figure_kept_and_reviewed_ones_stay() -> None:
    records = {
        ("route", "databricks:anthropic/claude-sonnet-4-6"): {
            "prices": [
                {
                    "mode": "standard",
                    "input": Decimal("2.99999"),
                    "output": Decimal("15.00002"),
                    "citation": "litellm",
                }
            ],
            "citations": {"litellm": {"source": "litellm"}},
        },
        ("route", "databricks:openai/gpt-5"): {
            "prices": [{"mode": "standard", "input": Decimal("1.24999"), "citation": "review-1"}],
            "citations": {"review-1": {"source": "modelvs"}},
        },
    }
    round_conversions(records)
    route = records[("route", "databricks:anthropic/claude-sonnet-4-6")]
    assert (route["prices"][0]["input"], route["prices"][0]["output"]) == (Decimal(3), Decimal(15))
    assert {"field": "prices.standard.input", "value": Decimal("2.99999"), "citation": "litellm"} in route[
        "alternatives"
    ]
    assert records[("route", "databricks:openai/gpt-5")]["prices"][0]["input"] == Decimal("1.24999")
