"""Capability facts (tri-state, full set differences) and use-case tags from stated rules."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar, NamedTuple

from modelvs.catalog import Catalog
from modelvs.catalog.sourcing import field_source
from modelvs.schema.vocab import CAPABILITY_LABELS, Capability

from .costs import MonthlyFact
from .specs import LimitFact
from .types import Basis, Names, join

YES, NO, UNKNOWN = "yes", "no", "unknown"


def label(cap: str) -> str:
    return CAPABILITY_LABELS[Capability(cap)]


class CapabilityCell(NamedTuple):
    """One capability's state per model: yes, no or unknown, in the models' order."""

    capability: str
    states: tuple[str, ...]


@dataclass(frozen=True)
class CapabilityFact:
    """Every registered capability per model as yes / no / unknown, and the full set differences.

    `differences[i]` is model i's yes set minus every other model's yes set, complete and in
    registry order. It splits into `only` (every other model is a known no) and `unconfirmed`
    (some other model is unknown, so it may have it too). Unknown is never counted as no.
    """

    kind: ClassVar[str] = "capabilities"
    models: tuple[str, ...]
    cells: tuple[CapabilityCell, ...]
    """Every capability in the registry, with its state per model."""
    differences: tuple[tuple[str, ...], ...]
    only: tuple[tuple[str, ...], ...]
    unconfirmed: tuple[tuple[str, ...], ...]
    shared: tuple[str, ...]
    """Capabilities every model has."""
    yes_counts: tuple[int, ...]
    basis: tuple[Basis, ...]

    def state(self, model: str, cap: str) -> str:
        i = self.models.index(model)
        return next(states[i] for c, states in self.cells if c == cap)

    def sentence(self, names: Names) -> str:
        parts = []
        for i, m in enumerate(self.models):
            others = join([names[o] for o in self.models if o != m])
            if self.only[i]:
                parts.append(f"only {names[m]} supports {join([label(c) for c in self.only[i]])}")
            if self.unconfirmed[i]:
                parts.append(
                    f"{names[m]} supports {join([label(c) for c in self.unconfirmed[i]])},"
                    f" which the catalog does not record for {others}"
                )
        if not parts:
            return (
                "Neither model supports a capability the other is known to lack."
                if len(self.models) == 2
                else ("No model supports a capability all the others are known to lack.")
            )
        text = "; ".join(parts)
        # Capitalise our own lead word only, never a model's name.
        return f"{'O' + text[1:] if text.startswith('only ') else text}."

    def shared_sentence(self, names: Names) -> str:
        if not self.shared:
            return ""
        who = "Both" if len(self.models) == 2 else "All of them"
        return f"{who} support {join([label(c) for c in self.shared])}."


def capability_fact(catalog: Catalog, model_ids: list[str]) -> CapabilityFact:
    models = [catalog.models[m] for m in model_ids]
    cells = []
    for cap in Capability:
        states = tuple({True: YES, False: NO, None: UNKNOWN}[m.capabilities.get(cap)] for m in models)
        cells.append(CapabilityCell(cap.value, states))
    yes = [{c for c, s in cells if s[i] == YES} for i in range(len(models))]
    diffs, only, unconfirmed = [], [], []
    for i in range(len(models)):
        others = set().union(*(yes[j] for j in range(len(models)) if j != i))
        diff = [c for c, _ in cells if c in yes[i] and c not in others]
        diffs.append(tuple(diff))
        by_cap = dict(cells)
        only.append(tuple(c for c in diff if all(by_cap[c][j] == NO for j in range(len(models)) if j != i)))
        unconfirmed.append(tuple(c for c in diff if c not in only[-1]))
    shared = tuple(c for c, s in cells if all(x == YES for x in s))
    basis = tuple(
        Basis(
            mid,
            f"capabilities.{cap}",
            "yes" if m.capabilities[cap] else "no",
            field_source(catalog, m, f"capabilities.{cap}"),
        )
        for mid, m in zip(model_ids, models, strict=True)
        for cap in m.capabilities
    )
    return CapabilityFact(
        tuple(model_ids),
        tuple(cells),
        tuple(diffs),
        tuple(only),
        tuple(unconfirmed),
        shared,
        tuple(len(y) for y in yes),
        basis,
    )


@dataclass(frozen=True)
class TagRule:
    """A use-case tag and the rule, stated in words, that earns it."""

    id: str
    label: str
    rule: str


TAG_RULES: tuple[TagRule, ...] = (
    TagRule(
        "long-context",
        "Long context",
        "context window of at least 500,000 tokens and the largest in this comparison",
    ),
    TagRule("vision", "Vision", "vision (image input) is a known yes"),
    TagRule("agents", "Agents and tool use", "function calling is a known yes"),
    TagRule("reasoning", "Reasoning", "reasoning (thinking) is a known yes"),
    TagRule("open-weights", "Open weights", "the weights can be downloaded"),
    TagRule(
        "cheapest",
        "Cheapest at your traffic",
        "the lowest monthly cost at this workload, as displayed (equal displayed costs share it)",
    ),
)
LONG_CONTEXT_MIN = 500_000


@dataclass(frozen=True)
class TagsFact:
    """Use-case tags per model; each tag only by its rule, and the rules are part of the result."""

    kind: ClassVar[str] = "tags"
    rules: tuple[TagRule, ...]
    models: tuple[str, ...]
    tags: tuple[tuple[str, ...], ...]

    def labels(self, i: int) -> list[str]:
        by_id = {r.id: r.label for r in self.rules}
        return [by_id[t] for t in self.tags[i]]


def tags_fact(catalog: Catalog, model_ids: list[str], context: LimitFact, monthly: MonthlyFact) -> TagsFact:
    def has(cap: Capability) -> Callable[[str], bool]:
        return lambda m: catalog.models[m].capabilities.get(cap) is True

    def long_context(m: str) -> bool:
        window = catalog.models[m].context_window
        return window is not None and window >= LONG_CONTEXT_MIN and m in context.largest

    tests: dict[str, Callable[[str], bool]] = {
        "long-context": long_context,
        "vision": has(Capability.VISION),
        "agents": has(Capability.FUNCTION_CALLING),
        "reasoning": has(Capability.REASONING),
        "open-weights": lambda m: catalog.models[m].open_weights is True,
        "cheapest": lambda m: m in monthly.cheapest,
    }
    tags = tuple(tuple(r.id for r in TAG_RULES if tests[r.id](m)) for m in model_ids)
    return TagsFact(TAG_RULES, tuple(model_ids), tags)
