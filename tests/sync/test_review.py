import datetime as dt
from decimal import Decimal

from modelvs.sync.fields import Records
from modelvs.sync.review import apply_reviews

TODAY = dt.date(2026, 12, 5)
URL = "https://api-docs.deepseek.com/quick_start/pricing"


def records() -> Records:
    return {
        ("model", "deepseek/deepseek-v4-pro"): {
            "name": "DeepSeek V4 Pro",
            "release_date": dt.date(2026, 2, 6),
            "citations": {
                "models-dev": {"source": "models-dev"},
                "review-1": {"source": "modelvs", "url": "https://example.org/a", "checked": TODAY},
            },
            "provenance": {"release_date": "models-dev", "name": "review-1"},
        },
        ("route", "deepseek:deepseek/deepseek-v4-pro"): {
            "provider_model_id": "deepseek-v4-pro",
            "prices": [
                {
                    "mode": "standard",
                    "input": Decimal("1.74"),
                    "output": Decimal("3.48"),
                    "effective_until": dt.date(2026, 5, 25),
                    "citation": "model-prices",
                },
                {
                    "mode": "standard",
                    "input": Decimal("1.1"),
                    "output": Decimal("3.3"),
                    "citation": "genai-prices",
                },
            ],
            "citations": {
                "model-prices": {"source": "model-prices"},
                "genai-prices": {"source": "genai-prices"},
            },
            "provenance": {"prices": "genai-prices"},
        },
    }


def test_a_review_dates_its_page_keeps_what_it_replaces_and_never_renumbers_citations() -> None:
    review = {
        "id": "deepseek-v4-pro",
        "release_date": "2026-04-24",
        "sources": {
            "release_date": {"url": "https://api-docs.deepseek.com/news/news260424", "checked": "2026-04-26"}
        },
        "routes": [
            {
                "provider": "deepseek",
                "url": URL,
                "checked": "2026-10-17",
                "prices": [
                    {
                        "mode": "standard",
                        "input": "1.32",
                        "output": "3.96",
                        "cache_read": "0.044",
                        "effective_from": "2026-08-16",
                    },
                    {"mode": "off_peak", "input": "0.66", "output": "1.98", "effective_from": "2026-08-16"},
                ],
            }
        ],
    }
    after, applied, unmatched = apply_reviews(
        records(), [review], [], lambda n: "deepseek/deepseek-v4-pro", TODAY
    )
    assert (applied, unmatched) == (["deepseek/deepseek-v4-pro"], [])
    model = after[("model", "deepseek/deepseek-v4-pro")]
    assert model["release_date"] == dt.date(2026, 4, 24)
    key = model["provenance"]["release_date"]
    assert key == "review-2"  # review-1 is taken by another page
    assert model["citations"][key]["checked"] == dt.date(2026, 4, 26)
    assert {"field": "release_date", "value": dt.date(2026, 2, 6), "citation": "models-dev"} in model[
        "alternatives"
    ]
    route = after[("route", "deepseek:deepseek/deepseek-v4-pro")]
    by_mode = {(p["mode"], p.get("effective_from")): p for p in route["prices"]}
    assert by_mode[("standard", dt.date(2026, 8, 16))]["input"] == Decimal("1.32")
    assert by_mode[("off_peak", dt.date(2026, 8, 16))]["output"] == Decimal("1.98")
    assert any(p["citation"] == "model-prices" for p in route["prices"])  # history before the review stays
    assert {"field": "prices.standard.input", "value": Decimal("1.1"), "citation": "genai-prices"} in route[
        "alternatives"
    ]
    assert route["citations"][route["provenance"]["prices"]] == {
        "source": "modelvs",
        "url": URL,
        "checked": dt.date(2026, 10, 17),
    }
