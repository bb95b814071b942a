"""Problems found in the catalog: every one names the file, the field and what is wrong."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@functools.total_ordering
@dataclass(frozen=True)
class Problem:
    """One problem in one data file."""

    file: str
    """Path relative to the data directory."""
    line: int | None
    """1-based line of the field, when it can be located."""
    field: str
    """Dotted path of the field, or empty for the whole file."""
    message: str
    severity: Severity = Severity.ERROR

    def _key(self) -> tuple[str, int, str, str, str]:
        return (self.file, self.line or 0, self.field, self.message, self.severity.value)

    def __lt__(self, other: object) -> bool:
        """By file, then line (a whole-file problem first), field and message."""
        if not isinstance(other, Problem):
            return NotImplemented
        return self._key() < other._key()

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        field = f" [{self.field}]" if self.field else ""
        return f"{where}{field}: {self.severity}: {self.message}"


class CatalogError(Exception):
    """The catalog cannot be loaded; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        errors = [p for p in self.problems if p.severity is Severity.ERROR]
        shown = "\n".join(str(p) for p in errors[:20])
        more = f"\n... and {len(errors) - 20} more" if len(errors) > 20 else ""
        super().__init__(f"{len(errors)} error(s) in the catalog:\n{shown}{more}")
