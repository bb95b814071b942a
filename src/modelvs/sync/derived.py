"""Values modelvs derives by its own stated rules after a merge: each model's kind and display name.

They are cited to the `modelvs-rules` source (kind `rules`): not curated, so the next sync
recomputes them, and any source or reviewer that states a value wins over them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from modelvs.sources.display_names import is_id_like, name_from_id, strip_lab_prefix
from modelvs.sources.kinds import kind_of
from modelvs.sources.providers import FIRST_PARTY
from modelvs.sources.registry import IMPORTED, RULES

Records = dict[tuple[str, str], dict[str, Any]]


def derive(records: Records, today: dt.date) -> None:
    """Set every model's kind and display name where no source or reviewer states a better one."""
    records.setdefault(
        ("source", RULES),
        {
            "name": "modelvs rules",
            "kind": "rules",
            "license": "MIT",
            "retrieved": today,
            "description": "Values derived by modelvs' stated rules (kinds, names from ids); recomputed on"
            " every sync, never over a value a source or reviewer states.",
        },
    )
    for (kind, rid), raw in records.items():
        if kind == "model":
            _kind(rid, raw)
            _name(rid, raw)


def _cite(raw: dict[str, Any], field: str, locator: str) -> None:
    key = RULES if field == "kind" else f"{RULES}~{field}"
    raw.setdefault("citations", {})[key] = {"source": RULES, "locator": locator}
    raw.setdefault("provenance", {})[field] = key


def _kind(rid: str, raw: dict[str, Any]) -> None:
    holder = raw.get("provenance", {}).get("kind")
    if holder is not None and raw.get("citations", {}).get(holder, {}).get("source") != RULES:
        return  # a source or a reviewer states it
    kind, rule = kind_of(
        rid, raw.get("name", ""), raw.get("modalities_out", []), raw.get("modalities_in", [])
    )
    raw["kind"] = kind.value
    _cite(raw, "kind", f"kinds.{rule}")


def _name(rid: str, raw: dict[str, Any]) -> None:
    """The first human name any source gives (the lab's own listing first), else one built from the id.

    A function of the sources' names alone, so a sync that finds the same names writes the same.
    """
    provenance = raw.setdefault("provenance", {})
    citations = raw.get("citations", {})

    def derived(cite: str | None) -> bool:
        return cite is not None and citations.get(cite, {}).get("source") == RULES

    # Names derived last time, and "names" that are only ids, are not kept as alternatives.
    raw["alternatives"] = [
        a
        for a in raw.get("alternatives", [])
        if not (a["field"] == "name" and (derived(a["citation"]) or is_id_like(str(a["value"]))))
    ]
    holder = provenance.get("name")
    if derived(holder):
        holder = None
        citations.pop(f"{RULES}~name", None)
    elif holder is not None and citations.get(holder, {}).get("source") not in IMPORTED:
        return  # reviewed by hand
    current = (raw["name"], holder) if holder is not None and "name" in raw else None
    candidates = ([current] if current else []) + [
        (a["value"], a["citation"]) for a in raw["alternatives"] if a["field"] == "name"
    ]
    lab = rid.split("/", 1)[0]

    def rank(candidate: tuple[str, str]) -> tuple[int, int]:
        name, cite = candidate
        locator = str(citations.get(cite, {}).get("locator", ""))
        first_party = FIRST_PARTY.get(locator.split(".", 1)[0]) == lab
        return (int(is_id_like(strip_lab_prefix(str(name)))), int(not first_party))

    best = min(candidates, key=rank) if candidates else None
    if best is not None and not is_id_like(strip_lab_prefix(str(best[0]))):
        if best != current:
            raw["alternatives"] = [
                a for a in raw["alternatives"] if (a["field"], a["value"], a["citation"]) != ("name", *best)
            ]
            if current is not None and not is_id_like(current[0]):
                _keep_alternative(raw, *current)
        raw["name"] = strip_lab_prefix(best[0])
        provenance["name"] = best[1]
    else:
        raw["name"] = name_from_id(rid.split("/", 1)[1])
        _cite(raw, "name", "names.from_id")
    if not raw["alternatives"]:
        del raw["alternatives"]


def _keep_alternative(raw: dict[str, Any], value: str, cite: str) -> None:
    entry = {"field": "name", "value": value, "citation": cite}
    alternatives = raw.setdefault("alternatives", [])
    if entry not in alternatives:
        alternatives.append(entry)
