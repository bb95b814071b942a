"""Spec facts: limits, knowledge cutoff, disclosed parameters, license, lifecycle, input modalities."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import ClassVar, NamedTuple
from urllib.parse import urlsplit

from modelvs.catalog import Catalog
from modelvs.catalog.sourcing import SourceRef, field_source, source_ref
from modelvs.engine.lifecycle_note import ended, model_note
from modelvs.formatting import count, params, times

from .types import Basis, Figure, Names, join

LIMIT_LABELS = {"context_window": "context window", "max_output": "output limit"}


def _basis(catalog: Catalog, model_id: str, field: str, value: str) -> Basis:
    return Basis(model_id, field, value, field_source(catalog, catalog.models[model_id], field))


@dataclass(frozen=True)
class Ratio:
    larger: str
    smaller: str
    value: Figure


@dataclass(frozen=True)
class LimitFact:
    """One token limit per model (`context_window` or `max_output`); the two are never merged."""

    kind: ClassVar[str] = "limit"
    field: str
    models: tuple[str, ...]
    values: tuple[Figure | None, ...]
    largest: tuple[str, ...]
    """Models with the largest known value; empty when any value is unknown."""
    ratios: tuple[Ratio, ...]
    """The largest value over each smaller known one."""
    basis: tuple[Basis, ...]

    def sentence(self, names: Names) -> str:
        label = LIMIT_LABELS[self.field]
        known = [(m, v) for m, v in zip(self.models, self.values, strict=True) if v is not None]
        unknown = [names[m] for m, v in zip(self.models, self.values, strict=True) if v is None]
        tail = f"; the catalog has no {label} for {join(unknown)}" if unknown else ""
        if not known:
            return f"The catalog has no {label} for {join(unknown)}."
        if len(known) > 1 and len({v.value for _, v in known}) == 1:
            return f"{join([names[m] for m, _ in known])} share a {label} of {known[0][1].text} tokens{tail}."
        top = max(known, key=lambda kv: kv[1].value)
        text = (
            f"{names[top[0]]} has the larger {label}, {top[1].text} tokens"
            if len(known) > 1
            else (f"{names[top[0]]}'s {label} is {top[1].text} tokens")
        )
        rel = [
            f"{r.value.text} {names[r.smaller]}'s {self.values[self.models.index(r.smaller)].text}"  # type: ignore[union-attr]
            for r in self.ratios
        ]
        if rel:
            text += ": " + join(rel)
        return text + tail + "."


def limit_fact(catalog: Catalog, model_ids: list[str], field: str) -> LimitFact:
    raw = [getattr(catalog.models[m], field) for m in model_ids]
    values = tuple(Figure(Decimal(v), count(v)) if v is not None else None for v in raw)
    basis = tuple(
        _basis(catalog, m, field, count(v)) for m, v in zip(model_ids, raw, strict=True) if v is not None
    )
    known = [(m, v) for m, v in zip(model_ids, raw, strict=True) if v is not None]
    ratios: list[Ratio] = []
    largest: tuple[str, ...] = ()
    if known:
        top = max(v for _, v in known)
        leaders = [m for m, v in known if v == top]
        ratios = [
            Ratio(leaders[0], m, Figure(Decimal(top) / Decimal(v), times(top, v)))
            for m, v in known
            if v < top
        ]
        if len(known) == len(model_ids):
            largest = tuple(leaders)
    return LimitFact(field, tuple(model_ids), values, largest, tuple(ratios), basis)


def where(ref: SourceRef | None) -> str:
    """A source as a reader recognises it: the site of its page, else its name."""
    if ref is None:
        return "no cited source"
    return urlsplit(ref["url"]).netloc if ref["url"] else ref["name"]


class CutoffAlternative(NamedTuple):
    """A knowledge cutoff another source gives."""

    value: str
    source: SourceRef


@dataclass(frozen=True)
class Cutoff:
    model: str
    value: str | None
    source: SourceRef | None
    alternatives: tuple[CutoffAlternative, ...]
    """What other sources give, when they disagree."""


@dataclass(frozen=True)
class CutoffFact:
    """Knowledge cutoffs with their sources, and the values other sources give where they disagree."""

    kind: ClassVar[str] = "knowledge_cutoff"
    cutoffs: tuple[Cutoff, ...]

    def sentence(self, names: Names) -> str:
        parts = []
        for c in self.cutoffs:
            if c.value is None:
                parts.append(f"none published for {names[c.model]}")
                continue
            alt = "".join(f", though {where(s)} gives {v}" for v, s in c.alternatives)
            parts.append(f"{c.value} for {names[c.model]} (per {where(c.source)}{alt})")
        return f"Knowledge cutoff: {join(parts)}."


def cutoff_fact(catalog: Catalog, model_ids: list[str]) -> CutoffFact | None:
    rows = []
    for m in model_ids:
        model = catalog.models[m]
        alts = tuple(
            CutoffAlternative(str(a.value), source_ref(catalog, model.citations[a.citation]))
            for a in model.alternatives
            if a.field == "knowledge_cutoff"
            and a.citation in model.citations
            and a.value != model.knowledge_cutoff
        )
        rows.append(Cutoff(m, model.knowledge_cutoff, field_source(catalog, model, "knowledge_cutoff"), alts))
    return CutoffFact(tuple(rows)) if any(r.value for r in rows) else None


@dataclass(frozen=True)
class ParametersFact:
    """Parameter counts, only as the catalog records them (disclosed by the lab; rumours are not specs)."""

    kind: ClassVar[str] = "parameters"
    models: tuple[str, ...]
    total: tuple[Figure | None, ...]
    active: tuple[Figure | None, ...]
    basis: tuple[Basis, ...]

    def sentence(self, names: Names) -> str:
        parts = []
        for m, t, a in zip(self.models, self.total, self.active, strict=True):
            if t is not None:
                act = f" ({a.text} active)" if a is not None else ""
                parts.append(f"{names[m]} has {t.text} parameters{act}")
        undisclosed = [names[m] for m, t in zip(self.models, self.total, strict=True) if t is None]
        if undisclosed:
            parts.append(
                f"{join(undisclosed)} {'has' if len(undisclosed) == 1 else 'have'} no disclosed count"
            )
        return f"{join(parts)}."


def parameters_fact(catalog: Catalog, model_ids: list[str]) -> ParametersFact | None:
    models = [catalog.models[m] for m in model_ids]
    if not any(m.parameters for m in models):
        return None
    total = tuple(
        Figure(Decimal(m.parameters), params(m.parameters)) if m.parameters else None for m in models
    )
    active = tuple(
        Figure(Decimal(m.active_parameters), params(m.active_parameters)) if m.active_parameters else None
        for m in models
    )
    basis = tuple(
        _basis(catalog, mid, f, params(v))
        for mid, m in zip(model_ids, models, strict=True)
        for f in ("parameters", "active_parameters")
        if (v := getattr(m, f)) is not None
    )
    return ParametersFact(tuple(model_ids), total, active, basis)


@dataclass(frozen=True)
class LicenseFact:
    """License and whether weights can be downloaded (absent: unknown)."""

    kind: ClassVar[str] = "license"
    models: tuple[str, ...]
    licenses: tuple[str | None, ...]
    open_weights: tuple[bool | None, ...]
    basis: tuple[Basis, ...]

    def sentence(self, names: Names) -> str:
        parts = []
        for m, lic, ow in zip(self.models, self.licenses, self.open_weights, strict=True):
            weights = {
                True: "weights can be downloaded",
                False: "weights are not released",
                None: "weights: unknown",
            }
            parts.append(f"{names[m]}: {lic or 'license unknown'}, {weights[ow]}")
        return f"{'; '.join(parts)}."


def license_fact(catalog: Catalog, model_ids: list[str]) -> LicenseFact:
    models = [catalog.models[m] for m in model_ids]
    basis = tuple(
        _basis(catalog, mid, f, str(v))
        for mid, m in zip(model_ids, models, strict=True)
        for f in ("license", "open_weights")
        if (v := getattr(m, f)) is not None
    )
    return LicenseFact(
        tuple(model_ids), tuple(m.license for m in models), tuple(m.open_weights for m in models), basis
    )


@dataclass(frozen=True)
class Lifecycle:
    model: str
    status: str | None
    release_date: dt.date | None
    deprecation_date: dt.date | None
    retirement_date: dt.date | None
    note: str = ""
    """Where the model is in its life on the day (`retired on 2026-01-05`, `deprecated, retires on
    2027-01-14`, `in preview`), with what its lab bills instead where the catalog records it; empty
    for a current model with nothing announced."""
    ended: bool = False
    """Deprecated or retired on the day: said with the answer."""


@dataclass(frozen=True)
class LifecycleFact:
    """Status and lifecycle dates, read against the comparison date `on`."""

    kind: ClassVar[str] = "lifecycle"
    on: dt.date
    models: tuple[Lifecycle, ...]
    basis: tuple[Basis, ...]

    def notable(self) -> bool:
        return any(m.note for m in self.models)

    def ended(self) -> bool:
        """Some model is deprecated or retired: the answer says so first."""
        return any(m.ended for m in self.models)

    def sentence(self, names: Names) -> str:
        parts = [f"{names[m.model]}: {m.note}" for m in self.models if m.note]
        return f"{'; '.join(parts)}." if parts else ""


def lifecycle_fact(catalog: Catalog, model_ids: list[str], on: dt.date) -> LifecycleFact:
    fields = ("status", "release_date", "deprecation_date", "retirement_date")
    models = [catalog.models[m] for m in model_ids]
    rows = tuple(
        Lifecycle(
            mid,
            m.status.value if m.status else None,
            m.release_date,
            m.deprecation_date,
            m.retirement_date,
            model_note(catalog, mid, on),
            ended(m, on),
        )
        for mid, m in zip(model_ids, models, strict=True)
    )
    basis = tuple(
        _basis(catalog, m, f, str(v))
        for m in model_ids
        for f in fields
        if (v := getattr(catalog.models[m], f))
    )
    return LifecycleFact(on, rows, basis)


@dataclass(frozen=True)
class ModalityFact:
    """What each model accepts and produces, as the catalog lists it (empty: not listed)."""

    kind: ClassVar[str] = "modalities"
    models: tuple[str, ...]
    inputs: tuple[tuple[str, ...], ...]
    outputs: tuple[tuple[str, ...], ...]
    basis: tuple[Basis, ...]

    def sentence(self, names: Names) -> str:
        parts = [
            f"{names[m]} takes {join(list(i)) if i else 'unlisted'} input"
            for m, i in zip(self.models, self.inputs, strict=True)
        ]
        return f"As listed, {join(parts)}."


def modality_fact(catalog: Catalog, model_ids: list[str]) -> ModalityFact:
    models = [catalog.models[m] for m in model_ids]
    basis = tuple(
        _basis(catalog, mid, f, ", ".join(getattr(m, f)))
        for mid, m in zip(model_ids, models, strict=True)
        for f in ("modalities_in", "modalities_out")
        if getattr(m, f)
    )
    return ModalityFact(
        tuple(model_ids),
        tuple(tuple(x.value for x in m.modalities_in) for m in models),
        tuple(tuple(x.value for x in m.modalities_out) for m in models),
        basis,
    )
