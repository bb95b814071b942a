"""Prose assembled from fact sentences: every sentence is some fact's own; nothing here states a claim."""

from __future__ import annotations

from dataclasses import dataclass

from .facts import Facts
from .types import ModelRef, Names, join


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
    conclusion: str = ""
    """The verdict without the costs it compares: who is cheaper at the workload and by how much
    (a page that shows each headline cost beside it says this instead of `verdict`)."""

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


def conclusion(f: Facts, names: Names) -> str:
    """`GPT-4o is $100 (2.2%) a month cheaper than Gemini 3.1 Pro Preview at your traffic.`"""
    m = f.monthly
    if not m.cheapest:
        return m.sentence(names)
    if not m.gaps:
        return f"At your traffic, {join([names[x] for x in m.cheapest])} cost effectively the same."
    lead = join([names[x] for x in m.cheapest])
    if len(m.costs) == 2:
        gap = m.gaps[0]
        return (
            f"{lead} is {gap.amount.text} ({gap.share.text}) a month cheaper than {names[gap.model]}"
            " at your traffic."
        )
    gap = min(m.gaps, key=lambda g: g.amount.value)
    return (
        f"{lead} {'is' if len(m.cheapest) == 1 else 'are'} the cheapest at your traffic,"
        f" {gap.amount.text} ({gap.share.text}) a month below the next, {names[gap.model]}."
    )


def _either(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} or {items[-1]}"


def break_even_sentences(f: Facts, names: Names) -> list[str]:
    """Each break-even ratio's sentence; the pairs where one model is no dearer on either rate are
    said once for all of them, not once per pair."""
    out: list[str] = []
    dominated: dict[tuple[str, str], list[str]] = {}
    for b in f.break_even:
        if b.ratio is None and b.dominant is not None:
            other = b.models[1] if b.dominant == b.models[0] else b.models[0]
            dominated.setdefault((b.basis_label, b.dominant), []).append(other)
        else:
            out.append(b.sentence(names))
    for (basis, top), others in dominated.items():
        them = "it" if len(others) == 1 else "any of them"
        out.append(
            f"At the rates of {basis}, {names[top]} is no dearer on input or output than"
            f" {_either([names[o] for o in others])}, so no input:output mix makes {them} cheaper per token."
        )
    return out


def prose(refs: tuple[ModelRef, ...], f: Facts, names: Names) -> Prose:
    intro = ("; ".join(_made_by(r, f) for r in refs) + ".", f.workload.sentence(names))
    cost = [
        *(x.sentence(names) for x in f.rates if any(r is not None for r in x.rates)),
        f.blend.sentence(names) if any(b is not None for b in f.blend.blends) else "",
        *break_even_sentences(f, names),
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
        conclusion(f, names),
    )
