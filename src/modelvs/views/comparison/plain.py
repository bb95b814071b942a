"""The comparison page as JSON: every field of `ComparisonPage`, money and chart figures exact."""

from __future__ import annotations

from typing import Any

from modelvs.engine.compare.serialize import plain
from modelvs.views.comparison.page import ComparisonPage


def page_json(page: ComparisonPage) -> dict[str, Any]:
    """The page as plain JSON types (Decimals as exact strings), `version` first."""
    out: dict[str, Any] = plain(page)
    return out
