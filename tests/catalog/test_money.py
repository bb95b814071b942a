from decimal import Decimal

import pytest

from modelvs.catalog.money import denoise, is_noisy


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("3.5999999999999996", "3.6"),
        ("0.15000999999999998", "0.15001"),
        ("75.00003000000001", "75.00003"),
        ("0.8000000000000001", "0.8"),
        ("2.5", "2.5"),
        ("0.0000375", "0.0000375"),
    ],
)
def test_float_noise_is_removed_and_exact_prices_kept(raw: str, clean: str) -> None:
    assert denoise(Decimal(raw)) == Decimal(clean)
    assert str(denoise(Decimal(raw))) == clean


def test_noise_is_detected() -> None:
    assert is_noisy(Decimal("0.30001999999999996"))
    assert not is_noisy(Decimal("1.25"))
