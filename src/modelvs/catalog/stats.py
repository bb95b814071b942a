"""The figures `modelvs check --stats` prints: size, identity, trust and sanity of the catalog."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from modelvs.catalog.agreement import contradictions
from modelvs.catalog.catalog import Catalog
from modelvs.catalog.layout import route_qualifier
from modelvs.catalog.lifecycle import Stage, is_current, stage
from modelvs.catalog.names import has_id_artefact
from modelvs.catalog.trust import assessments, is_vetted, lab_route
from modelvs.schema.vocab import ModelKind, ModelStatus, PriceMode, SourceKind

if TYPE_CHECKING:
    from modelvs.schema import Citation

RULES_SOURCE = "modelvs-rules"
FORMER_IDS = "modelvs"
"""The alias key under which a model keeps the ids of records folded into it."""


def catalog_stats(catalog: Catalog, on: dt.date) -> dict[str, int]:
    """Counts, in the order they are printed."""
    priced = [r for r in catalog.routes.values() if r.prices]
    found = assessments(catalog, on)
    out: dict[str, int] = {
        "models": len(catalog.models),
        "routes": len(catalog.routes),
        "providers": len(catalog.providers),
        "labs": len(catalog.labs),
        "sources": len(catalog.sources),
        "priced routes": len(priced),
        "tiered routes": sum(1 for r in priced if any(s.tiers for s in r.prices)),
        "routes with batch prices": sum(
            1 for r in priced if any(s.mode is PriceMode.BATCH for s in r.prices)
        ),
        "dated price schedules": sum(1 for r in priced for s in r.prices if s.effective_until),
        "hand-reviewed models": sum(1 for m in catalog.models.values() if m.reviewed),
        "benchmark results": sum(len(m.benchmarks) for m in catalog.models.values()),
        "conflicts": sum(len(r.alternatives) for r in [*catalog.models.values(), *catalog.routes.values()]),
    }
    out["identity decisions (reviewed)"] = len(catalog.identity)
    out["models joined from several records (former ids kept as aliases)"] = sum(
        1 for m in catalog.models.values() if m.aliases.get(FORMER_IDS)
    )
    out["former model ids folded into others"] = sum(
        len(m.aliases.get(FORMER_IDS, ())) for m in catalog.models.values()
    )
    out["variant routes (@qualifier)"] = sum(1 for rid in catalog.routes if route_qualifier(rid))
    out["free-tier and batch ids folded into modes"] = sum(
        1 for r in catalog.routes.values() for s in r.prices if s.provider_model_id
    )
    kinds = Counter((m.kind.value if m.kind else "unknown") for m in catalog.models.values())
    for kind, n in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0])):
        out[f"models of kind {kind}"] = n
    out["models named from their id (no source has a name)"] = sum(
        1 for m in catalog.models.values() if _named_by_rules(m.provenance.get("name"), m.citations)
    )
    stages = Counter(stage(m, on) for m in catalog.models.values())
    out["models in preview"] = stages[Stage.PREVIEW]
    out["models deprecated"] = stages[Stage.DEPRECATED]
    out["models retired"] = stages[Stage.RETIRED]
    trust = Counter(a.trust.value for a in found.values())
    for level in ("first_party", "major_cloud", "established", "reseller"):
        out[f"routes at trust {level}"] = trust[level]
    out["vetted routes"] = sum(1 for rid in catalog.routes if is_vetted(catalog, rid, on))
    out["incomplete routes (lack a component the lab prices)"] = sum(1 for a in found.values() if a.gaps)
    out["flagged prices"] = sum(1 for a in found.values() if a.flag)
    out["quarantined routes"] = sum(1 for a in found.values() if a.quarantined)
    out["prices confirmed by a reviewer"] = sum(1 for a in found.values() if a.flag and a.confirmed)
    return out


def _named_by_rules(holder: str | None, citations: Mapping[str, Citation]) -> bool:
    cite = citations.get(holder or "")
    return cite is not None and cite.source == RULES_SOURCE


STALE_AFTER = 14
"""Days after which a source's snapshot is reported as stale."""
_IMPORTED_KINDS = frozenset({SourceKind.PACKAGE, SourceKind.FILE, SourceKind.URL})


@dataclass(frozen=True)
class Freshness:
    """When the catalog last took a source's data in, and how old that is on a given day."""

    source: str
    name: str
    version: str | None
    retrieved: dt.date
    age: int
    """Days between the snapshot's date and the day asked about."""
    stale: bool
    """Older than `STALE_AFTER` days."""


def source_freshness(catalog: Catalog, on: dt.date, stale_after: int = STALE_AFTER) -> list[Freshness]:
    """Every imported source (package, file or URL; not curated values or rules) with its snapshot
    date, by id; `on` is the day to measure from (passed in, never read from the clock)."""
    return [
        Freshness(
            sid,
            s.name,
            s.version,
            s.retrieved,
            (on - s.retrieved).days,
            (on - s.retrieved).days > stale_after,
        )
        for sid, s in sorted(catalog.sources.items())
        if s.kind in _IMPORTED_KINDS
    ]


_POINTER = re.compile(r"(^|[-_.])latest($|[-_.])")


def current_text_models(catalog: Catalog, on: dt.date) -> list[str]:
    """Ids of the text-generation models that are current (or in preview) on `on`."""
    return [
        mid
        for mid, m in catalog.models.items()
        if (m.kind or ModelKind.TEXT) is ModelKind.TEXT and is_current(m, on)
    ]


def shared_names(catalog: Catalog, on: dt.date) -> dict[str, list[str]]:
    """Display names (case-folded) that two or more current text models share, with their ids."""
    found: dict[str, list[str]] = {}
    for mid in current_text_models(catalog, on):
        found.setdefault(catalog.models[mid].name.casefold(), []).append(mid)
    return {name: ids for name, ids in found.items() if len(ids) > 1}


def artefact_names(catalog: Catalog) -> tuple[list[str], int]:
    """(text models whose name prints an id's artefacts, how many text models there are)."""
    text = [mid for mid, m in catalog.models.items() if (m.kind or ModelKind.TEXT) is ModelKind.TEXT]
    return [mid for mid in text if has_id_artefact(catalog.models[mid].name)], len(text)


def pointer_models(catalog: Catalog) -> list[str]:
    """Models whose own id is a moving alias (`...-latest`): there should be none."""
    return [mid for mid in catalog.models if _POINTER.search(mid.split("/", 1)[1])]


def undated_models(catalog: Catalog, on: dt.date) -> tuple[list[str], int]:
    """(current text models with neither a release date nor a "first listed" stand-in, how many
    current text models there are)."""
    current = current_text_models(catalog, on)
    undated = [
        mid
        for mid in current
        if catalog.models[mid].release_date is None and not catalog.models[mid].first_listed
    ]
    return undated, len(current)


ARENA = "lmarena"
"""The benchmark whose rating makes a lab's current text model a flagship (as `sync.holds` says)."""


def flagships(catalog: Catalog, on: dt.date) -> list[str]:
    """Current text models with an Arena rating that their lab sells on its own API: the rule
    `sync.holds.flagships` applies to raw records, here on the loaded catalog."""
    return [
        mid
        for mid in current_text_models(catalog, on)
        if f"{ARENA}:{mid}" in catalog.results and lab_route(catalog, mid) is not None
    ]


def undated_flagships(catalog: Catalog, on: dt.date) -> tuple[list[str], int]:
    """(current flagships without a release date, how many current flagships there are); a
    first-listed stand-in does not count here: readers check a flagship's date against its lab."""
    found = flagships(catalog, on)
    return [mid for mid in found if catalog.models[mid].release_date is None], len(found)


def retired_shown_current(catalog: Catalog, on: dt.date) -> list[str]:
    """Current models that a source says are retired (a kept alternative, or the lab's own route)."""
    found = []
    for mid, m in catalog.models.items():
        if not is_current(m, on):
            continue
        said = [a.value for a in m.alternatives if a.field == "status"]
        days = [a.value for a in m.alternatives if a.field == "retirement_date"]
        if ModelStatus.RETIRED.value in said or any(str(d) <= on.isoformat() for d in days):
            found.append(mid)
    return found


def truth_figures(catalog: Catalog, on: dt.date) -> dict[str, int | str]:
    """What issue 15 measures: contradictions, lifecycle, identity, names and dates."""
    artefacts, text = artefact_names(catalog)
    undated, current = undated_models(catalog, on)
    undated_top, top = undated_flagships(catalog, on)
    return {
        "models whose capabilities contradict their modalities": sum(
            1 for m in catalog.models.values() if contradictions(m)
        ),
        "current models a source says are retired": len(retired_shown_current(catalog, on)),
        "display names shared by current text models": len(shared_names(catalog, on)),
        "text model names with id artefacts": (
            f"{len(artefacts):,} of {text:,} ({_share(len(artefacts), text)})"
        ),
        "moving-alias ids (-latest) listed as models": len(pointer_models(catalog)),
        "current text models without a release date or first-listed date": (
            f"{len(undated):,} of {current:,} ({_share(len(undated), current)})"
        ),
        "current flagships without a release date": f"{len(undated_top):,} of {top:,}",
        "models with a first-listed date standing in for a release date": sum(
            1 for m in catalog.models.values() if m.first_listed and not m.release_date
        ),
        "imported benchmark results": sum(len(r.results) for r in catalog.results.values()),
    }


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.1%}" if whole else "0.0%"
