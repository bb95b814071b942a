"""One wording of where a model is in its life, read against the day asked about."""

from __future__ import annotations

import datetime as dt

import pytest

from modelvs.engine.lifecycle_note import billed_as, ended, lifecycle_note, model_note
from modelvs.schema import Model
from tests.minicatalog import in_memory

ON = dt.date(2026, 11, 24)
PAST, FUTURE = dt.date(2026, 1, 5), dt.date(2027, 1, 14)


def model(**fields: object) -> Model:
    return Model.model_validate({"name": "M"} | fields)


@pytest.mark.parametrize(
    ("fields", "note"),
    [
        ({}, ""),
        ({"status": "preview"}, "in preview"),
        ({"retirement_date": PAST}, f"retired on {PAST}"),
        ({"status": "retired"}, "retired"),
        ({"status": "deprecated", "retirement_date": FUTURE}, f"deprecated, retires on {FUTURE}"),
        ({"deprecation_date": PAST}, f"deprecated on {PAST}"),
        ({"deprecation_date": PAST, "retirement_date": FUTURE}, f"deprecated, retires on {FUTURE}"),
        ({"deprecation_date": FUTURE}, f"to be deprecated on {FUTURE}"),
        ({"retirement_date": FUTURE}, f"retires on {FUTURE}"),
        ({"status": "preview", "retirement_date": FUTURE}, f"in preview, retires on {FUTURE}"),
    ],
)
def test_the_note_on_the_day(fields: dict[str, object], note: str) -> None:
    assert lifecycle_note(model(**fields), ON) == note


def test_what_the_lab_bills_now_follows_an_ended_model_only() -> None:
    assert lifecycle_note(model(retirement_date=PAST), ON, "Grok 4.3") == (
        f"retired on {PAST}; the lab bills it as Grok 4.3 now"
    )
    assert lifecycle_note(model(), ON, "Grok 4.3") == ""


def test_ended_means_deprecated_or_retired_on_the_day() -> None:
    assert ended(model(deprecation_date=PAST), ON)
    assert not ended(model(deprecation_date=FUTURE), ON)
    assert not ended(model(status="preview"), ON)


def test_a_catalog_model_without_a_billed_as_fact() -> None:
    catalog = in_memory({"x/old": {"retirement_date": PAST}})
    assert billed_as(catalog, "x/old") is None
    assert model_note(catalog, "x/old", ON) == f"retired on {PAST}"
