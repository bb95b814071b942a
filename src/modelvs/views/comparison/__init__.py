"""The comparison page: one view model (`ComparisonPage`), built once, rendered by every format.

    page = comparison_page(catalog, compare(catalog, ids, workload, on), workload, Shell(path, ...))
    comparison_markdown(page); page_json(page); render_comparison_text(console, page)

HTML is rendered by the web app's templates from the same object. The sections are a registry
(`sections.SECTIONS`): a new one is an entry there plus its lines in each renderer.
"""

from modelvs.views.comparison.build import Shell, comparison_page
from modelvs.views.comparison.page import PAGE_VERSION, ComparisonPage
from modelvs.views.comparison.sections import LIVE, SECTIONS

__all__ = ["LIVE", "PAGE_VERSION", "SECTIONS", "ComparisonPage", "Shell", "comparison_page"]
