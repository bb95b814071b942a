"""FAQ: direct answers built from fact values, each complete on its own (search results show an
answer without its page). The seed's six questions always; the rest only where the data warrants.
"""

from __future__ import annotations

from dataclasses import dataclass

from .facts import Facts
from .types import Names, join


@dataclass(frozen=True)
class FaqEntry:
    id: str
    question: str
    answer: str


QUESTIONS: dict[str, tuple[str, str]] = {
    "context": ("Which has a larger context window, {pair}?", "Which has the largest context window?"),
    "price": ("Which is cheaper at my traffic, {pair}?", "Which of these models is cheapest at my traffic?"),
    "open_source": ("Is {pair} open source?", "Are any of these models open source?"),
    "vision": ("Which is better for vision, {pair}?", "Which of these models can read images?"),
    "multimodal": ("Which takes more kinds of input, {pair}?", "Which takes the most kinds of input?"),
    "where": ("Where can I run {pair}?", "Where can I run these models?"),
    "long_prompts": ("Do long prompts cost more per token?", "Do long prompts cost more per token?"),
    "lifecycle": ("Is {pair} being deprecated?", "Are any of these models being deprecated?"),
}  # fmt: skip
"""Each question as asked of two models (`{pair}`: `A or B`) and of more."""


def _ask(qid: str, names: Names, models: tuple[str, ...]) -> str:
    two, many = QUESTIONS[qid]
    return two.format(pair=" or ".join(names[m] for m in models)) if len(models) == 2 else many


def faq(f: Facts, names: Names) -> tuple[FaqEntry, ...]:
    models = f.routes.models
    answers = [
        ("context", _context(f, names)),
        ("price", _price(f, names)),
        ("open_source", _open(f, names)),
        ("vision", _vision(f, names)),
        ("multimodal", _inputs(f, names)),
        ("where", _where(f, names)),
    ]
    if f.tiers:
        answers.append(("long_prompts", _tiers(f, names)))
    if f.lifecycle.notable():
        answers.append(("lifecycle", _lifecycle(f, names)))
    return tuple(FaqEntry(qid, _ask(qid, names, models), answer) for qid, answer in answers)


def _context(f: Facts, names: Names) -> str:
    """Who takes the longest prompts, by how much, and the output limits beside."""
    window, output = f.context_window, f.max_output
    known = [(m, v) for m, v in zip(window.models, window.values, strict=True) if v is not None]
    if not known:
        return "The catalog has no published context window for these models."
    ranked = sorted(known, key=lambda kv: -kv[1].value)
    (top, size), rest = ranked[0], ranked[1:]
    if all(v.value == size.value for _, v in rest):
        lead = f"Their context windows are the same size, {size.text} tokens."
    elif len(known) == 2 and window.ratios:
        lead = (
            f"{names[top]}: {size.text} input tokens against {rest[0][1].text} for {names[rest[0][0]]}"
            f" ({window.ratios[0].value.text})."
        )
    else:
        others = join([f"{names[m]} {v.text}" for m, v in rest])
        lead = f"{names[top]}, with {size.text} input tokens; then {others}."
    limits = [f"{names[m]} {v.text}" for m, v in zip(output.models, output.values, strict=True) if v]
    return lead + (f" Longest answers: {join(limits)} tokens." if limits else "")


def _price(f: Facts, names: Names) -> str:
    m = f.monthly
    if not m.cheapest:
        priced = [c for c in m.costs if c.monthly is not None]
        if not priced:
            return "No vetted route prices this traffic for these models."
        return f"Only {join([names[c.model] for c in priced])} has a price for this traffic."
    lead = join([names[x] for x in m.cheapest])
    if not m.gaps:
        text = f"Neither: they cost effectively the same a month at {f.workload.text}."
    else:
        gap = min(m.gaps, key=lambda g: g.amount.value)
        text = f"{lead}, by {gap.amount.text} a month ({gap.share.text}) at {f.workload.text}."
    flips = [
        s.change for s in f.scenarios if s.cheapest and s.cheapest != m.cheapest and len(s.cheapest) == 1
    ]
    for be in f.break_even:
        if be.ratio is not None and be.cheaper_above is not None and be.cheaper_above not in m.cheapest:
            flips.append(f"with traffic more input-heavy than {be.ratio.text} input:output")
    if flips:
        text += f" That changes {_or(flips)}."
    return text


def _or(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} or {items[-1]}"


WEIGHTS = {
    True: "open weights you can download",
    False: "weights not released",
    None: "the catalog does not say whether the weights are released",
}


def _open(f: Facts, names: Names) -> str:
    lic = f.license
    groups: dict[str, list[str]] = {}
    for m, name, weights in zip(lic.models, lic.licenses, lic.open_weights, strict=True):
        groups.setdefault(f"{WEIGHTS[weights]} ({name or 'license unknown'})", []).append(names[m])
    if set(lic.open_weights) == {False}:
        head = "No: neither is." if len(lic.models) == 2 else "No: none of them is."
    elif set(lic.open_weights) == {True}:
        head = "Yes." if len(lic.models) == 2 else "Yes, all of them."
    else:
        head = ""
    listed = "; ".join(f"{join(who)}: {what}" for what, who in groups.items())
    return f"{head} {listed[0].upper()}{listed[1:]}.".strip()


def _vision(f: Facts, names: Names) -> str:
    states = dict(f.capabilities.cells)["vision"]
    by: dict[str, list[str]] = {}
    for m, s in zip(f.capabilities.models, states, strict=True):
        by.setdefault(s, []).append(names[m])
    if set(by) == {"yes"}:
        return f"{'Both' if len(states) == 2 else 'All of them'} take image input."
    parts = [
        f"{join(by['yes'])} {'takes' if len(by['yes']) == 1 else 'take'} image input" if "yes" in by else "",
        f"{join(by['no'])} {'does' if len(by['no']) == 1 else 'do'} not" if "no" in by else "",
        f"the catalog does not say for {join(by['unknown'])}" if "unknown" in by else "",
    ]
    text = "; ".join(p for p in parts if p)
    return f"{text[0].upper()}{text[1:]}."


def _inputs(f: Facts, names: Names) -> str:
    mods = f.modalities
    counts = [len(x) for x in mods.inputs]
    parts = [
        f"{names[m]}: {join(list(x))}" if x else f"{names[m]}: not listed"
        for m, x in zip(mods.models, mods.inputs, strict=True)
    ]
    top = max(counts)
    leaders = [names[m] for m, n in zip(mods.models, counts, strict=True) if n == top]
    if len(leaders) == len(counts):
        head = "They take as many kinds"
    else:
        head = f"{join(leaders)} {'takes' if len(leaders) == 1 else 'take'} the most"
    outputs = mods.outputs[0]
    same = len(set(mods.outputs)) == 1 and outputs
    tail = f" {'Both' if len(counts) == 2 else 'All'} answer in {join(list(outputs))}." if same else ""
    return f"{head}. {'; '.join(parts)}.{tail}"


def _where(f: Facts, names: Names) -> str:
    parts = []
    for m, providers in zip(f.routes.models, f.routes.providers, strict=True):
        listed = list(dict.fromkeys(providers))
        if not listed:
            parts.append(f"{names[m]}: no vetted provider in the catalog")
            continue
        first = join(listed[:3] + ([f"{len(listed) - 3} more"] if len(listed) > 3 else []))
        parts.append(f"{names[m]} on {first}")
    return "; ".join(parts) + ". Prices by route lists every route with its rates."


def _tiers(f: Facts, names: Names) -> str:
    parts = [
        f"{names[t.model]} on {t.provider}: over {t.threshold:,} prompt tokens every token of the request"
        f" bills at the higher tier"
        for t in f.tiers
    ]
    flat = [names[m] for m in f.routes.models if m not in {t.model for t in f.tiers}]
    verb = "has" if len(flat) == 1 else "have"
    tail = f"; {join(flat)} {verb} one rate at any prompt length" if flat else ""
    return "; ".join(parts) + tail + "."


def _lifecycle(f: Facts, names: Names) -> str:
    parts = [f"{names[m.model]} is {m.note}" for m in f.lifecycle.models if m.note]
    return f"As the labs announce it, {'; '.join(parts)}."
