"""Sync reports values as a reader writes them, never as Python reprs."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from modelvs.schema.vocab import Modality
from modelvs.sync.changes import Change, ChangeKind, plain


def test_plain_values() -> None:
    assert plain(dt.date(2026, 11, 24)) == "2026-11-24"
    assert plain(Decimal("0.1")) == "0.1"
    assert plain(Decimal("1E+6")) == "1000000"
    assert plain("gpt-4o") == '"gpt-4o"'
    assert plain([Modality.TEXT, Modality.IMAGE]) == "[text, image]"
    assert plain({"1h": Decimal("6.0")}) == "{1h = 6.0}"
    assert plain(None) == "none"
    assert plain(True) == "true"


def test_a_change_line_has_no_repr_and_no_empty_source() -> None:
    line = str(
        Change(
            ChangeKind.CHANGED,
            "sources/litellm.toml",
            "retrieved",
            dt.date(2026, 12, 1),
            dt.date(2026, 12, 2),
        )
    )
    assert line == "~ sources/litellm.toml [retrieved]: 2026-12-01 -> 2026-12-02"
    added = str(
        Change(ChangeKind.ADDED, "routes/x.toml", "prices.input", None, Decimal("0.1"), source="genai-prices")
    )
    assert added == "+ routes/x.toml [prices.input] = 0.1  (genai-prices)"
