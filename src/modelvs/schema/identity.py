"""Reviewed identity decisions: which ids name one model, and which must stay apart."""

from __future__ import annotations

import datetime as dt
from typing import Literal, Self

from pydantic import Field, model_validator

from modelvs.schema.base import Strict, Text, Url


class IdentityDecision(Strict):
    """One reviewed decision; id is the file name (`data/identity/<id>.toml`).

    Rules join most ids by themselves (separators, vendor prefixes, dated snapshots with one
    date); these decisions cover what rules cannot decide, and no later sync undoes them.
    """

    action: Literal["merge", "distinct"]
    """`merge`: the ids name one model, `into`; `distinct`: no rule may join any two of them."""
    ids: list[str] = Field(min_length=1)
    """Model ids (`lab/model`) as sources propose them."""
    into: str | None = None
    """For a merge: the canonical id the others become aliases of."""
    reason: Text
    """Why, in one sentence a reader can check against `url`."""
    url: Url | None = None
    """The lab's page that shows it (a model list, a deprecation notice, an alias table)."""
    reviewed: dt.date
    """When a person made the decision."""

    @model_validator(mode="after")
    def _merge_has_target(self) -> Self:
        if self.action == "merge" and self.into is None:
            raise ValueError("a merge needs `into`, the canonical id")
        if self.action == "distinct" and (self.into is not None or len(self.ids) < 2):
            raise ValueError("`distinct` takes two or more ids and no `into`")
        return self
