"""Shared pieces of every catalog record: strictness, citations and provenance."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9._+-]*$", max_length=120)]
"""A lower-case id segment: letters, digits and `._+-`, no slash."""

Url = Annotated[str, StringConstraints(pattern=r"^https?://\S+$", max_length=2000)]
"""An absolute http(s) URL."""

Key = Annotated[str, StringConstraints(min_length=1)]
"""A non-empty key (checked in pydantic's core: no Python validator on the load path)."""

Money = Annotated[Decimal, Field(ge=0, allow_inf_nan=False)]
"""USD, exact. Floats never touch a price."""

NAME_LIMIT = 200
"""Most characters a name (of a model, lab, provider, source or benchmark) may have."""
TEXT_LIMIT = 2_000
"""Most characters any other text field (a description, reason, note, locator) may have."""

Name = Annotated[str, StringConstraints(max_length=NAME_LIMIT)]
"""A display name: at most `NAME_LIMIT` characters (a longer one is junk or an attack on pages)."""
Text = Annotated[str, StringConstraints(max_length=TEXT_LIMIT)]
"""Free text: at most `TEXT_LIMIT` characters."""


class Strict(BaseModel):
    """Base for catalog records: unknown keys are errors, instances are immutable.

    Validators are built when a record is first validated (`check`, `sync`), not on import: a
    command reading the compiled catalog validates nothing. Field docstrings are the schema's
    documentation, read where it is written (`schema.docs.document`), not on every import.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Citation(Strict):
    """Where a value came from: a registered source, the key inside it, and dates."""

    source: Slug
    """Id of a registered source (`data/sources/<id>.toml`)."""
    locator: Text | None = None
    """The key or path inside the source (e.g. `openai.models.gpt-4o`)."""
    url: Url | None = None
    """The upstream page the value can be checked against."""
    retrieved: dt.date | None = None
    """When we read it; defaults to the source's snapshot date."""
    checked: dt.date | None = None
    """The date the source itself says the value was checked."""
    listing: Slug | None = None
    """For a model's facts: the provider whose listing in the source they were read from. The
    lab's own listing, in any source, speaks for the model before other providers' listings."""


class Alternative(Strict):
    """A value another source gives for a field, kept when sources disagree."""

    field: str
    """Dotted path of the field (`knowledge_cutoff`, `capabilities.vision`)."""
    value: Any
    """The other source's value."""
    citation: str
    """Key into this record's `citations`."""
    note: Text | None = None
    """Why the chosen value was preferred, when known."""


class Sourced(Strict):
    """A record whose values each name their citation."""

    citations: dict[str, Citation] = Field(default_factory=dict)
    """Citations used by this record, by local key."""
    provenance: dict[Key, Key] = Field(default_factory=dict)
    """Field path -> citation key, for every value that came from somewhere."""
    alternatives: list[Alternative] = Field(default_factory=list)
    """Values other sources give where they disagree with the chosen one."""
