"""The rules that decide a model's facts, in the words `/methodology` states them (one list, so the
page cannot leave one out)."""

from __future__ import annotations

from modelvs.catalog.checks import LIMITS_RULE
from modelvs.sources.providers import LAB_ROUTE_RULE
from modelvs.sync.agree import AGREEMENT_RULE
from modelvs.sync.cents import CENTS_RULE
from modelvs.sync.derived import FIRST_LISTED_RULE, NAMES_RULE
from modelvs.sync.ranking import FACT_RULE

DATA_RULES: tuple[str, ...] = (
    FACT_RULE,
    AGREEMENT_RULE,
    NAMES_RULE,
    FIRST_LISTED_RULE,
    LAB_ROUTE_RULE,
    CENTS_RULE,
    LIMITS_RULE,
)
"""Stated on `/methodology`, in this order."""
