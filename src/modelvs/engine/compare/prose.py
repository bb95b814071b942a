"""Prose assembled from fact sentences: every sentence is some fact's own; nothing here states a claim."""

from __future__ import annotations

from dataclasses import dataclass

from .facts import Facts
from .types import ModelRef, Names


@dataclass(frozen=True)
class Paragraph:
    id: str
    """`cost`, `limits`, `capabilities`, `benchmarks`, `where` or `lifecycle`."""
    title: str
    sentences: tuple[str, ...]


@dataclass(frozen=True)
class Prose:
    """Intro, one-sentence verdict and deep-dive paragraphs; each sentence said once on the page."""

    intro: tuple[str, ...]
    verdict: str
    deep_dive: tuple[Paragraph, ...]
    headline_rule: str = ""
    """Which rule picked each model's headline route."""
    quality: str = ""
    """What the independent ratings say, beside the cost verdict."""

    def sentences(self) -> list[str]:
        return [
            *self.intro,
            self.verdict,
            self.headline_rule,
            self.quality,
            *(s for p in self.deep_dive for s in p.sentences),
        ]


def _made_by(ref: ModelRef, f: Facts) -> str:
    life = next(m for m in f.lifecycle.models if m.model == ref.id)
    released = f", released on {life.release_date.isoformat()}" if life.release_date else ""
    return f"{ref.name} is made by {ref.lab}{released}"


def prose(refs: tuple[ModelRef, ...], f: Facts, names: Names) -> Prose:
    intro = ("; ".join(_made_by(r, f) for r in refs) + ".", f.workload.sentence(names))
    cost = [
        *(x.sentence(names) for x in f.rates if any(r is not None for r in x.rates)),
        f.blend.sentence(names) if any(b is not None for b in f.blend.blends) else "",
        *(b.sentence(names) for b in f.break_even),
        *(t.sentence(names) for t in f.tiers),
        f.monthly.saving_sentence(names),
        *(s.sentence(names) for s in f.scenarios),
    ]
    caps = [
        f.capabilities.sentence(names),
        f.capabilities.shared_sentence(names),
        f.modalities.sentence(names),
    ]
    lifecycle = [
        f.lifecycle.sentence(names) if f.lifecycle.notable() else "",
        f.cutoffs.sentence(names) if f.cutoffs else "",
        f.parameters.sentence(names) if f.parameters else "",
        f.license.sentence(names),
        f.freshness.sentence(names),
    ]
    paragraphs = (
        ("cost", "Cost", cost),
        ("limits", "Limits", [f.context_window.sentence(names), f.max_output.sentence(names)]),
        ("capabilities", "Capabilities", caps),
        ("benchmarks", "Benchmarks", [f.benchmarks.sentence(names)]),
        ("where", "Where to run", [f.routes.sentence(names), f.shared_providers.sentence(names)]),
        ("lifecycle", "Lifecycle and data", lifecycle),
    )
    deep = tuple(Paragraph(i, t, tuple(dict.fromkeys(s for s in ss if s))) for i, t, ss in paragraphs)
    return Prose(
        intro,
        f.monthly.sentence(names),
        tuple(p for p in deep if p.sentences),
        f.monthly.rule_sentence(names),
        f.rating.sentence(names),
    )
