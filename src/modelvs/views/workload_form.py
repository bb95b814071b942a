"""The workload as an editable form: one definition for every page that prices the reader's traffic."""

from __future__ import annotations

from dataclasses import dataclass

from modelvs.engine.workload import Workload
from modelvs.params import workload_query


@dataclass(frozen=True)
class Field:
    """One input of the workload form."""

    name: str
    label: str
    value: str
    inputmode: str


@dataclass(frozen=True)
class WorkloadForm:
    """The workload as an editable form (HTML) or as the command-line flags that change it."""

    action: str
    """Where the form submits (GET)."""
    fragment: str | None
    """The endpoint that answers the live sections for a new workload; None where the page reloads
    on submit, or nothing computes one (the static build)."""
    targets: tuple[str, ...]
    """Ids of the page's elements the fragment replaces."""
    hidden: tuple[tuple[str, str], ...]
    fields: tuple[Field, ...]
    hint: str
    note: str
    """Why the form is read-only, when it is."""
    flags: str
    """How the CLI changes the workload (`--requests 2M --input 3k`)."""
    read_only: bool = False
    """Shown but not editable: nothing here can price another workload (the static build)."""


FIELDS = (
    ("requests", "Requests a month", "numeric"),
    ("input", "Input tokens", "numeric"),
    ("output", "Output tokens", "numeric"),
    ("cached", "Cached input tokens", "numeric"),
    ("reasoning", "Reasoning tokens", "numeric"),
    ("batch_share", "Batch share", "decimal"),
)
HINT = (
    "Tokens are per request (cached ones are part of the input); counts accept 800, 200k or 1.5M,"
    " the batch share 0.5 or 50%."
)
STATIC_NOTE = (
    "This copy of the page is priced at the default workload; the live site or the modelvs command"
    " prices any other."
)


def workload_form(
    workload: Workload,
    action: str,
    fragment: str | None,
    targets: tuple[str, ...],
    hidden: tuple[tuple[str, str], ...] = (),
    flags: str = "",
    read_only: bool | None = None,
) -> WorkloadForm:
    """The form for `workload`: live (`fragment` answers `targets`), submitted as a page load, or
    read-only (by default, when there is no fragment)."""
    values = workload_query(workload)
    fields = tuple(Field(name, label, values[name], mode) for name, label, mode in FIELDS)
    locked = fragment is None if read_only is None else read_only
    note = STATIC_NOTE if locked else ""
    return WorkloadForm(action, fragment, targets, hidden, fields, HINT, note, flags, locked)
