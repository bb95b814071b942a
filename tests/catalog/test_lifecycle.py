import datetime as dt

from modelvs.catalog.lifecycle import Stage, is_current, lifecycle, stage
from modelvs.schema import Model

ON = dt.date(2026, 12, 5)


def test_one_vocabulary_preview_current_deprecated_retired() -> None:
    assert stage(Model(name="m"), ON) is Stage.CURRENT
    preview = Model(name="m", status="preview")
    assert stage(preview, ON) is Stage.PREVIEW
    assert is_current(preview, ON)
    assert stage(Model(name="m", deprecation_date=dt.date(2026, 6, 11)), ON) is Stage.DEPRECATED
    retired = Model(
        name="m", status="retired", retirement_date=dt.date(2026, 5, 15), billed_as="xai/grok-4.3"
    )
    assert stage(retired, ON) is Stage.RETIRED
    assert not is_current(retired, ON)
    assert lifecycle(retired, ON).text() == "retired on 2026-05-15, billed as xai/grok-4.3"
    later = Model(name="m", retirement_date=dt.date(2027, 1, 14))
    assert stage(later, ON) is Stage.CURRENT  # a retirement not yet come
    assert lifecycle(later, ON).retired_on == dt.date(2027, 1, 14)
