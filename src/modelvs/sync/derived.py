"""Values modelvs derives by its own stated rules after a merge: each model's kind and display name.

They are cited to the `modelvs-rules` source (kind `rules`): not curated, so the next sync
recomputes them, and any source or reviewer that states a value wins over them.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections import defaultdict
from typing import Any

from modelvs.catalog.names import has_id_artefact
from modelvs.sources.display_names import date_label, is_id_like, name_from_id, strip_lab_prefix
from modelvs.sources.identity import LABS
from modelvs.sources.kinds import kind_of
from modelvs.sources.providers import FIRST_PARTY
from modelvs.sources.registry import IMPORTED, RULES
from modelvs.sources.variants import parse_date, split_date

Records = dict[tuple[str, str], dict[str, Any]]
NAMES_RULE = (
    "Names: the first human name a source gives (the lab's own listing first), never one that prints"
    " an id's artefacts (`Claude 3 5 Sonnet 20241022 V2 0`, `Qwen1p5`); else one built from the id,"
    " with its version points and dates as a reader writes them (`Claude 3.5 Sonnet (2024-10-22)`)."
    " Two models of one name are named apart by their snapshot dates, then by their labs."
)
FIRST_LISTED_RULE = (
    "Where no source states a release date, the first date a source lists the model stands in,"
    ' labelled "first listed": the earliest of the snapshot dates in the ids sources use for it,'
    " the first day of its earliest dated price on any route, and the day a price history first"
    " recorded a price for it (model-prices' first observation or models.dev commit; not the"
    " history's own first day, when it cannot tell a new model from one listed before it began);"
    " it is never shown as the release date."
)
Listed = dict[str, tuple[dt.date, str]]
"""Model id -> the first day a source recorded a price for it, and where (`source.locator`)."""


def derive(records: Records, today: dt.date, listed: Listed | None = None) -> None:
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
        if raw.get("status") == "ga":  # the vocabulary's former word for `current`
            raw["status"] = "current"
        if kind == "model":
            _kind(rid, raw)
            _name(rid, raw)
    _apart(records)
    _first_listed(records, listed or {})


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
        shown = strip_lab_prefix(str(name))
        return (int(is_id_like(shown) or has_id_artefact(shown)), int(not first_party))

    best = min(candidates, key=rank) if candidates else None
    if best is not None and rank(best)[0] == 0:
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


def _apart(records: Records) -> None:
    """Two models of one name are told apart: by the snapshot date in each id, then by lab."""
    by_name: dict[str, list[str]] = defaultdict(list)
    for (kind, rid), raw in records.items():
        if kind == "model" and "name" in raw:
            by_name[str(raw["name"]).casefold()].append(rid)
    for ids in by_name.values():
        if len(ids) < 2:
            continue
        for rid in ids:
            _, date = split_date(rid.split("/", 1)[1])
            if date is not None:
                _rename(records[("model", rid)], date_label(date))
        labs = {rid.split("/", 1)[0] for rid in ids}
        if len(labs) > 1 and len({str(records[("model", r)]["name"]).casefold() for r in ids}) < len(ids):
            known = [rid for rid in ids if rid.split("/", 1)[0] in LABS]
            for rid in ids:
                lab = rid.split("/", 1)[0]
                if len(known) != 1 or rid not in known:
                    _rename(records[("model", rid)], f"({LABS.get(lab, (lab,))[0]})")


def _first_listed(records: Records, listed: Listed) -> None:
    """A model without a release date gets the first date a source lists it, as a labelled stand-in."""
    earliest: dict[str, tuple[dt.date, str]] = {
        model: (day, f"first_listed.recorded.{where}") for model, (day, where) in listed.items()
    }
    for (kind, rid), raw in records.items():
        if kind != "route":
            continue
        model = rid.split(":", 1)[1].split("@", 1)[0]
        for schedule in raw.get("prices", []):
            day = schedule.get("effective_from")
            if day is not None and (model not in earliest or day < earliest[model][0]):
                earliest[model] = (day, f"first_listed.prices.{rid}")
    for (kind, rid), raw in records.items():
        if kind != "model":
            continue
        key = f"{RULES}~first_listed"
        if raw.get("provenance", {}).get("first_listed") == key:
            raw.pop("first_listed", None)
            raw["provenance"].pop("first_listed")
            raw.get("citations", {}).pop(key, None)
        if raw.get("release_date") is not None or raw.get("first_listed") is not None:
            continue
        found = [earliest[rid]] if rid in earliest else []
        ids = [(rid.split("/", 1)[1], "first_listed.id")] + [
            (alias, f"first_listed.aliases.{source}")
            for source, names in sorted(raw.get("aliases", {}).items())
            for alias in names
        ]
        for name, locator in ids:
            _, date = split_date(name.rsplit("/", 1)[-1].rsplit(".", 1)[-1])
            parsed = parse_date(date) if date is not None else None
            if parsed is not None and parsed[0] is not None:
                with contextlib.suppress(ValueError):  # not a calendar day (`-0231`): no date
                    found.append((dt.date(parsed[0], parsed[1], parsed[2]), locator))
        if found:
            day, locator = min(found)
            raw["first_listed"] = day
            raw.setdefault("citations", {})[key] = {"source": RULES, "locator": locator}
            raw.setdefault("provenance", {})["first_listed"] = key


def _rename(raw: dict[str, Any], label: str) -> None:
    """The model's name with `label` added (unless a reviewer named it or it says so already)."""
    name, holder = str(raw["name"]), raw.get("provenance", {}).get("name")
    citations = raw.setdefault("citations", {})
    if label.casefold() in name.casefold() or (
        holder is not None and citations.get(holder, {}).get("source") not in IMPORTED
    ):
        return
    if holder is not None and citations.get(holder, {}).get("source") != RULES:
        _keep_alternative(raw, name, holder)
    raw["name"] = f"{name} {label}"
    _cite(raw, "name", "names.apart")


def _keep_alternative(raw: dict[str, Any], value: str, cite: str) -> None:
    entry = {"field": "name", "value": value, "citation": cite}
    alternatives = raw.setdefault("alternatives", [])
    if entry not in alternatives:
        alternatives.append(entry)
