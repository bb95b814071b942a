"""Join the benchmark scores sources propose onto canonical models, after the records merge.

A reviewed join (`data/joins/<source>.toml`) wins; otherwise the names a source gives are
resolved as every other name is (`catalog.resolve`), most specific first. A name that carries a
snapshot date never joins a model dated otherwise. What does not join is reported, never guessed.
Results are replaced per benchmark on every import, so a second sync of the same inputs writes
nothing.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from modelvs.catalog.catalog import Catalog
from modelvs.catalog.resolve import UnknownModelError
from modelvs.schema import Model, Route
from modelvs.sources.proposal import Proposal, ProposedResult
from modelvs.sources.variants import parse_date, split_date
from modelvs.sync.fields import Records

JOIN_RULE = (
    "A leaderboard's model names join models by the same name resolution as everything else, the most"
    " specific first (a name's snapshot date before the undated name); a name carrying a snapshot date"
    " joins only a model of that date (its id or one of its ids carries it: `Qwen-Plus (0125)` never"
    " lands on the moving `qwen-plus`), a preview never joins the release, and reviewed exceptions"
    " are kept as data. Names that join no model are reported, never guessed."
)


@dataclass
class JoinReport:
    """How the proposed scores joined: counts by source, and every name that did not join."""

    offered: Counter[str] = field(default_factory=Counter)
    joined: Counter[str] = field(default_factory=Counter)
    unjoined: list[tuple[str, str, str]] = field(default_factory=list)
    """(source, the source's name, why)."""
    models: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    """Source -> the models that received a score."""

    def lines(self) -> list[str]:
        out = []
        for source in sorted(self.offered):
            names = {n for s, n, _ in self.unjoined if s == source}
            out.append(
                f"{source}: {self.joined[source]:,} of {self.offered[source]:,} scores joined "
                f"{len(self.models[source]):,} models; {len(names):,} names did not join"
            )
        seen = set()
        for source, name, why in sorted(self.unjoined):
            if (source, name) not in seen:
                seen.add((source, name))
                out.append(f"  {source}: {name!r}: {why}")
        return out


def attach_results(records: Records, proposals: Iterable[Proposal]) -> tuple[Records, JoinReport]:
    """`records` with the result sets of every proposed benchmark rebuilt from `proposals`."""
    proposals = [p for p in proposals if p.results]
    report = JoinReport()
    if not proposals:
        return _drop_orphans(records), report
    index = _name_index(records)
    replaced = {o.benchmark for p in proposals for o in p.results}
    out = {k: v for k, v in records.items() if k[0] != "result" or k[1].split(":", 1)[0] not in replaced}
    found: dict[tuple[str, str], list[tuple[ProposedResult, str]]] = defaultdict(list)
    for proposal in proposals:
        joins = {j["name"]: j for j in records.get(("join", proposal.source_id), {}).get("joins", [])}
        for offer in proposal.results:
            report.offered[proposal.source_id] += 1
            model, why, setting = _join(index, offer, joins.get(offer.source_name))
            if model is None:
                report.unjoined.append((proposal.source_id, offer.source_name, why))
                continue
            report.joined[proposal.source_id] += 1
            report.models[proposal.source_id].add(model)
            if setting is not None:
                offer = ProposedResult(**{**offer.__dict__, "values": {**offer.values, "setting": setting}})
            found[(offer.benchmark, model)].append((offer, proposal.source_id))
    order = _category_order(records)
    for (benchmark, model), offers in found.items():
        out[("result", f"{benchmark}:{model}")] = _result_set(benchmark, offers, order.get(benchmark, {}))
    return _drop_orphans(out), report


def _join(
    index: Catalog, offer: ProposedResult, decision: dict[str, Any] | None
) -> tuple[str | None, str, str | None]:
    """(model or None, why not, a setting the reviewed join states)."""
    if decision is not None:
        if decision.get("model") is None:
            return None, f"reviewed: {decision['reason']}", None
        return decision["model"], "", decision.get("setting")
    found: list[str] = []
    ambiguous = ""
    for name in offer.names:
        try:
            mid = index.resolve(name)
        except UnknownModelError as err:
            if err.__class__.__name__ == "AmbiguousModelError":
                ambiguous = str(err)
            continue
        if offer.snapshot and not _dated_as(index, mid, offer.snapshot):
            continue
        found.append(mid)
    if not found:
        return None, ambiguous or "no model of the catalog answers to this name", None
    same_lab = [mid for mid in found if offer.lab and mid.split("/", 1)[0] == offer.lab]
    return (same_lab or found)[0], "", None


def _dated_as(index: Catalog, model_id: str, snapshot: str) -> bool:
    """Whether the model may carry a result labelled with `snapshot`.

    A date (`0125`, `2024-08-13`) joins only a model one of whose ids carries that date
    (`qwen-plus-2025-01-25`, `gpt-4-0125-preview`), never an undated or otherwise dated model; a
    version that is no date (`001`) joins unless the model's id is dated otherwise.
    """
    model = index.models[model_id]
    ids = [model_id.split("/", 1)[1], *(a for aliases in model.aliases.values() for a in aliases)]
    theirs = re.sub(r"\D", "", snapshot)
    if parse_date(snapshot) is None and not (len(theirs) == 8 and theirs.startswith("20")):
        _, date = split_date(ids[0])
        mine = re.sub(r"\D", "", date) if date is not None else ""
        return not mine or mine.endswith(theirs) or theirs.endswith(mine)
    for name in ids:
        for found in _DATED.findall(name.rsplit("/", 1)[-1]):
            mine = re.sub(r"\D", "", found)
            if mine.endswith(theirs) or theirs.endswith(mine):
                return True
    return False


_DATED = re.compile(r"(?<![\d.])(\d{4}-\d{2}-\d{2}|\d{2}-\d{2}|\d{4,8})(?![\d.])")
"""Dates written in an id: `2024-11-20`, `02-05`, `0125`, `20241120`."""


def _result_set(
    benchmark: str, offers: list[tuple[ProposedResult, str]], categories: dict[str, int]
) -> dict[str, Any]:
    # One score per category, setting and harness: two source rows folding into one model keep
    # the one with more votes or cases.
    best: dict[tuple[Any, ...], tuple[ProposedResult, str]] = {}
    for offer, source in offers:
        v = offer.values
        slot = (v.get("category"), v.get("setting"), v.get("harness"), v.get("version"))
        held = best.get(slot)
        if held is None or (v.get("samples") or 0, offer.source_name) > (
            held[0].values.get("samples") or 0,
            held[0].source_name,
        ):
            best[slot] = (offer, source)

    def order(item: tuple[ProposedResult, str]) -> tuple[Any, ...]:
        v = item[0].values
        return (
            categories.get(v.get("category") or "", len(categories)),
            v.get("setting") or "",
            v.get("harness") or "",
            v["date"],
            item[0].source_name,
        )

    results, citations = [], {}
    for i, (offer, source) in enumerate(sorted(best.values(), key=order)):
        key = source if i == 0 else f"{source}~{i + 1}"
        citations[key] = {
            "source": source,
            "locator": offer.locator,
            **({"url": offer.url} if offer.url else {}),
        }
        results.append(
            {"benchmark": benchmark, **offer.values, "source_name": offer.source_name, "citation": key}
        )
    return {"results": results, "citations": citations}


def _category_order(records: Records) -> dict[str, dict[str, int]]:
    return {
        rid: {c["id"]: i for i, c in enumerate(raw.get("categories", []))}
        for (kind, rid), raw in records.items()
        if kind == "benchmark"
    }


def _drop_orphans(records: Records) -> Records:
    """Result sets of a model the merge folded away or removed are dropped, not left dangling."""
    return {
        k: v for k, v in records.items() if k[0] != "result" or ("model", k[1].split(":", 1)[1]) in records
    }


def _name_index(records: Records) -> Catalog:
    """A catalog holding only what name resolution reads: names, aliases, dates and route ids."""
    keep = ("name", "aliases", "status", "release_date", "deprecation_date", "retirement_date")
    models = {
        mid: Model.model_construct(**{k: v for k, v in raw.items() if k in keep})
        for (kind, mid), raw in records.items()
        if kind == "model"
    }
    routes = {
        rid: Route.model_construct(provider_model_id=str(raw.get("provider_model_id", "")))
        for (kind, rid), raw in records.items()
        if kind == "route"
    }
    return Catalog(sources={}, labs={}, providers={}, benchmarks={}, models=models, routes=routes)
