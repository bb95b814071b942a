"""The comparison engine: facts -> verdicts -> prose, FAQ and related comparisons. Pure: no I/O, no clock.

    compare(catalog, ["google/gemini-3.1-pro-preview", "openai/gpt-4o-2024-11-20"], DEFAULT_WORKLOAD, on)

Every figure on the page is a `Figure` inside some fact, with the catalog values (`Basis`) and
sources it rests on; prose is made only of the facts' own sentences.
"""

from modelvs.engine.compare.comparison import COMPARISON_VERSION, Comparison, compare, display_names
from modelvs.engine.compare.facts import Facts, figures
from modelvs.engine.compare.faq import FaqEntry
from modelvs.engine.compare.prose import Paragraph, Prose
from modelvs.engine.compare.related import SIMILARITY_RULE, RelatedModel, RelatedSet
from modelvs.engine.compare.serialize import comparison_to_dict
from modelvs.engine.compare.types import Basis, Figure, ModelRef
from modelvs.engine.compare.verdicts import Direction, ScoreRow, Verdicts

__all__ = [
    "COMPARISON_VERSION",
    "SIMILARITY_RULE",
    "Basis",
    "Comparison",
    "Direction",
    "Facts",
    "FaqEntry",
    "Figure",
    "ModelRef",
    "Paragraph",
    "Prose",
    "RelatedModel",
    "RelatedSet",
    "ScoreRow",
    "Verdicts",
    "compare",
    "comparison_to_dict",
    "display_names",
    "figures",
]
