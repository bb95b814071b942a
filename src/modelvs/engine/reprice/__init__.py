"""Re-pricing usage logs: a log's rows priced as they were, and on other models (pure).

`reprice(catalog, records, ...)` reads the records once into groups that bill alike
(`groups`), decides each group's rate card on each route (`cards`), and sums the bills by model,
day and alternative (`repricing`).
"""

from __future__ import annotations

from modelvs.engine.reprice.alternatives import AltRoutes
from modelvs.engine.reprice.groups import LISTED
from modelvs.engine.reprice.repricing import reprice
from modelvs.engine.reprice.result import (
    Alternative,
    DayCost,
    ModelUsage,
    Reason,
    Repricing,
    TokenizerNote,
    Tokens,
    Unpriced,
    Versus,
)

__all__ = [
    "LISTED",
    "AltRoutes",
    "Alternative",
    "DayCost",
    "ModelUsage",
    "Reason",
    "Repricing",
    "TokenizerNote",
    "Tokens",
    "Unpriced",
    "Versus",
    "reprice",
]
