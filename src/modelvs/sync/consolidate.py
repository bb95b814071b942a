"""Folding existing records into their canonical ones when the identity pass joins them.

A model record that the identity map places under another id is absorbed by that record: values
the canonical record lacks move over with their citations, differing ones stay as alternatives,
its ids become aliases. Its routes move to the canonical model (a free-tier or batch id's prices
become that mode of the base route; a variant's become a `@qualifier` route). Nothing reviewed by
hand is lost. Pure: records in, records out.
"""

from __future__ import annotations

from typing import Any

from modelvs.catalog.layout import VARIANT_MARK
from modelvs.sync.fields import add_alternative, get, set_
from modelvs.sync.identity import IdentityMap, Records

FORMER_IDS = "modelvs"
"""Alias key under which a model keeps the ids of records folded into it."""


def consolidate(records: Records, imap: IdentityMap) -> Records:
    """`records` with every model and route under its canonical id (records are changed in place)."""
    for kind, rid in sorted(k for k in records if k[0] == "model"):
        target = imap.model_of(rid)
        if target is None or target == rid:
            continue
        raw = records.pop((kind, rid))
        existing = records.get(("model", target))
        if existing is None:
            records[("model", target)] = raw
            existing = raw
        else:
            absorb(existing, raw)
        _add_alias(existing, rid.split("/", 1)[1])
    for kind, rid in sorted(k for k in records if k[0] == "route"):
        provider, model_part = rid.split(":", 1)
        model, _, qualifier = model_part.partition(VARIANT_MARK)
        placed = imap.place(model)
        if placed is None:
            continue
        raw = records[(kind, rid)]
        if placed.mode is not None and not qualifier:
            _as_mode(raw, placed.mode.value)
        new_qualifier = qualifier or placed.qualifier
        new = f"{provider}:{placed.model}" + (f"{VARIANT_MARK}{new_qualifier}" if new_qualifier else "")
        if new == rid:
            continue
        del records[(kind, rid)]
        if new_qualifier and placed.variant is not None and "variant" not in raw:
            raw["variant"] = placed.variant.value
        into = records.get(("route", new))
        if into is None:
            records[("route", new)] = raw
        else:
            absorb_route(into, raw)
    return records


def absorb(target: dict[str, Any], other: dict[str, Any]) -> None:
    """Move into `target` every sourced value of `other` it lacks; keep the rest as alternatives."""
    renames = _merge_citations(target, other)
    provenance = target.setdefault("provenance", {})
    for field, key in other.get("provenance", {}).items():
        value = get(other, field)
        if value is None:
            continue
        mine = get(target, field)
        if mine is None:
            set_(target, field, value)
            provenance[field] = renames.get(key, key)
        elif mine != value:
            add_alternative(target, field, value, renames.get(key, key))
    for alt in other.get("alternatives", []):
        add_alternative(target, alt["field"], alt["value"], renames.get(alt["citation"], alt["citation"]))
    aliases = target.setdefault("aliases", {})
    for source, ids in other.get("aliases", {}).items():
        aliases[source] = sorted(set(aliases.get(source, [])) | set(ids))
    if not aliases:
        target.pop("aliases", None)
    known = {(b["benchmark"], b.get("version")) for b in target.get("benchmarks", [])}
    for result in other.get("benchmarks", []):
        if (result["benchmark"], result.get("version")) not in known:
            moved = dict(result, citation=renames.get(result["citation"], result["citation"]))
            target.setdefault("benchmarks", []).append(moved)
    if other.get("reviewed") and (not target.get("reviewed") or other["reviewed"] > target["reviewed"]):
        target["reviewed"] = other["reviewed"]


def absorb_route(target: dict[str, Any], other: dict[str, Any]) -> None:
    """A route folded into another of the same provider and model: modes it lacks move over."""
    renames = _merge_citations(target, other)
    have = {s.get("mode", "standard") for s in target.get("prices", [])}
    for schedule in other.get("prices", []):
        if schedule.get("mode", "standard") not in have:
            moved = dict(schedule, citation=renames.get(schedule["citation"], schedule["citation"]))
            target.setdefault("prices", []).append(moved)
    for field in ("context_window", "max_input", "max_output", "deprecation_date", "retirement_date"):
        key = other.get("provenance", {}).get(field)
        if field in other and field not in target and key is not None:
            target[field] = other[field]
            target.setdefault("provenance", {})[field] = renames.get(key, key)


def _as_mode(raw: dict[str, Any], mode: str) -> None:
    """A free-tier or batch id's route: its schedules are that mode of the base model's route."""
    pid = raw.get("provider_model_id")
    raw["prices"] = [
        dict(s, mode=mode, provider_model_id=pid)
        for s in raw.get("prices", [])
        if s.get("mode", "standard") == "standard"
    ]


def _merge_citations(target: dict[str, Any], other: dict[str, Any]) -> dict[str, str]:
    """Copy `other`'s citations into `target`; returns the keys renamed to avoid a clash."""
    mine = target.setdefault("citations", {})
    renames: dict[str, str] = {}
    for key, citation in other.get("citations", {}).items():
        if key not in mine:
            mine[key] = citation
            continue
        if mine[key] == citation:
            continue
        n = 2
        while f"{key}~{n}" in mine and mine[f"{key}~{n}"] != citation:
            n += 1
        mine[f"{key}~{n}"] = citation
        renames[key] = f"{key}~{n}"
    return renames


def _add_alias(raw: dict[str, Any], alias: str) -> None:
    ids = raw.setdefault("aliases", {}).setdefault(FORMER_IDS, [])
    if alias not in ids:
        ids.append(alias)
        ids.sort()


def settle_alias_routes(records: Records) -> None:
    """An alias id (`-latest`) a provider sells at the plain model's price is the plain route.

    It is dropped where the provider also sells the plain id at the same standard prices, and
    becomes the plain route where the provider sells only the alias; at another price it stays
    an `@latest` variant with its own price.
    """
    for kind, rid in sorted(k for k in records if k[0] == "route" and k[1].endswith(f"{VARIANT_MARK}latest")):
        raw = records[(kind, rid)]
        if raw.get("variant") != "alias":
            continue
        plain = rid.rsplit(VARIANT_MARK, 1)[0]
        base = records.get(("route", plain))
        if base is None:
            del records[(kind, rid)]
            raw.pop("variant", None)
            records[("route", plain)] = raw
        elif _standard_rates(base) == _standard_rates(raw) or not raw.get("prices"):
            del records[(kind, rid)]


def _standard_rates(raw: dict[str, Any]) -> set[tuple[Any, Any]]:
    return {
        (s.get("input"), s.get("output"))
        for s in raw.get("prices", [])
        if s.get("mode", "standard") == "standard" and not s.get("effective_until")
    }
