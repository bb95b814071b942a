"""Behaviour shared by a schema record and its plain twin (`catalog.plain`): no pydantic here."""

from __future__ import annotations

import datetime as dt


class InEffect:
    """A record with an `effective_from` .. `effective_until` range (the end exclusive)."""

    __slots__ = ()
    effective_from: dt.date | None
    effective_until: dt.date | None

    def applies_on(self, day: dt.date) -> bool:
        """Whether this record is in effect on `day`."""
        if self.effective_from is not None and day < self.effective_from:
            return False
        return self.effective_until is None or day < self.effective_until
