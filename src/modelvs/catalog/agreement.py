"""Where a model's capability flags contradict its modality lists (vision yes, no image input).

Sync makes them agree (`sync.agree`); `check` fails on any contradiction left, and `check
--stats` counts them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from modelvs.schema.vocab import CAPABILITY_INPUTS, CAPABILITY_OUTPUTS, Capability, Modality

if TYPE_CHECKING:
    from modelvs.schema import Model


@dataclass(frozen=True)
class Contradiction:
    """A capability flag that says the opposite of the modality list it stands for."""

    capability: Capability
    field: str
    """`modalities_in` or `modalities_out`."""
    modality: Modality
    flag: bool

    def message(self) -> str:
        listed = "lists" if not self.flag else "does not list"
        return (
            f"capability {self.capability.value} is {'yes' if self.flag else 'no'} but {self.field}"
            f" {listed} {self.modality.value}: a capability and its modality must agree"
        )


def contradictions(model: Model) -> list[Contradiction]:
    """Every flag that contradicts a listed modality list (an empty list is unknown, not a no)."""
    found = []
    for field, pairs in (("modalities_in", CAPABILITY_INPUTS), ("modalities_out", CAPABILITY_OUTPUTS)):
        listed = getattr(model, field)
        for cap, modality in pairs.items():
            flag = model.capabilities.get(cap)
            if flag is not None and listed and flag != (modality in listed):
                found.append(Contradiction(cap, field, modality, flag))
    return found
