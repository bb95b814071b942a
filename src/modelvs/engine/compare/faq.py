"""FAQ: direct answers built from fact values. Optional questions appear only where the data warrants."""

from __future__ import annotations

from dataclasses import dataclass

from .facts import Facts
from .types import Names, join


@dataclass(frozen=True)
class FaqEntry:
    id: str
    question: str
    answer: str


def _pair(names: Names, models: tuple[str, ...]) -> str:
    return " or ".join(names[m] for m in models) if len(models) == 2 else "these models"


def _cap_answer(f: Facts, names: Names, cap: str, what: str) -> str:
    states = dict(f.capabilities.cells)[cap]
    parts = [f"{names[m]}: {s}" for m, s in zip(f.capabilities.models, states, strict=True)]
    return f"{what.capitalize()} support as the catalog records it: {'; '.join(parts)}."


def faq(f: Facts, names: Names) -> tuple[FaqEntry, ...]:
    models = f.routes.models
    pair = _pair(names, models)
    out = [
        FaqEntry("context", f"Which has a larger context window, {pair}?", _limits(f, names)),
        FaqEntry("price", f"Which is cheaper, {pair}?", _price(f, names)),
        FaqEntry("open_source", f"Is {pair} open source?", f.license.sentence(names)),
        FaqEntry(
            "vision", f"Which is better for vision, {pair}?", _cap_answer(f, names, "vision", "image input")
        ),
        FaqEntry("multimodal", f"Which takes more kinds of input, {pair}?", f.modalities.sentence(names)),
        FaqEntry("where", f"Where can I run {pair}?", _where(f, names)),
    ]
    if f.scenarios:
        out.append(
            FaqEntry(
                "batch_cache",
                "How do caching and batch mode change the cost?",
                " ".join(s.sentence(names) for s in f.scenarios),
            )
        )
    if f.tiers:
        out.append(
            FaqEntry(
                "long_prompts", "What do long prompts cost?", " ".join(t.sentence(names) for t in f.tiers)
            )
        )
    if f.cutoffs:
        out.append(FaqEntry("cutoff", f"What is the knowledge cutoff of {pair}?", f.cutoffs.sentence(names)))
    if f.lifecycle.notable():
        out.append(FaqEntry("lifecycle", f"Is {pair} being deprecated?", f.lifecycle.sentence(names)))
    return tuple(out)


def _limits(f: Facts, names: Names) -> str:
    parts = []
    for m, c, o in zip(f.routes.models, f.context_window.values, f.max_output.values, strict=True):
        ctx = f"a context window of {c.text} tokens" if c else "no published context window"
        out = f"an output limit of {o.text} tokens" if o else "no published output limit"
        parts.append(f"{names[m]} has {ctx} and {out}")
    return f"{'; '.join(parts)}."


def _price(f: Facts, names: Names) -> str:
    return f"{f.monthly.sentence(names)} {f.workload.sentence(names)}"


def _where(f: Facts, names: Names) -> str:
    parts = [
        f"{names[m]}: {join(list(dict.fromkeys(p)))}" if p else f"{names[m]}: no provider in the catalog"
        for m, p in zip(f.routes.models, f.routes.providers, strict=True)
    ]
    return f"{'; '.join(parts)}."
