"""Views of a re-priced usage log: the JSON record, the report (terminal, Markdown, CSV) and the page."""

from __future__ import annotations

from modelvs.views.reprice.page import RepricePage, cost_chart, reprice_page
from modelvs.views.reprice.records import RepriceView, reprice_view
from modelvs.views.reprice.report import Report, csv_text, markdown, report

__all__ = [
    "Report",
    "RepricePage",
    "RepriceView",
    "cost_chart",
    "csv_text",
    "markdown",
    "report",
    "reprice_page",
    "reprice_view",
]
