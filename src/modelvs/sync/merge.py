"""Merge proposals into the catalog's raw records. Pure: records in, records and changes out.

Rules, in order:
- A value whose provenance points at a curated citation is never replaced; a differing
  import is kept beside it as an alternative and reported as a conflict.
- Otherwise the source earlier in the priority list wins (facts and prices have separate
  lists); the loser's differing value is kept as an alternative.
- A source's own earlier value is replaced by its new one; a value it no longer offers is
  removed, and a record left with no sourced value at all is removed.
- Models join across sources on their identity key (lab + loose name) and on aliases.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any

from modelvs.catalog.layout import record_path
from modelvs.catalog.names import name_key
from modelvs.schema.pricing import TOKEN_COMPONENTS
from modelvs.sources.identity import LABS
from modelvs.sources.proposal import Offer, Proposal
from modelvs.sources.providers import FIRST_PARTY
from modelvs.sources.registry import FACT_PRIORITY, HISTORY_SOURCE, IMPORTED, PRICE_PRIORITY
from modelvs.sync.changes import Change, ChangeKind
from modelvs.sync.consolidate import consolidate, settle_alias_routes
from modelvs.sync.derived import derive
from modelvs.sync.fields import add_alternative, drop, drop_alternative, get, set_
from modelvs.sync.identity import IdentityMap, Placement

Key = tuple[str, str]
"""(kind, id) of a record."""
Records = dict[Key, dict[str, Any]]

RULES_SOURCE = "modelvs"
"""The curated source for values modelvs states itself (lab names from its own table)."""
_NESTED = ("capabilities",)
_COMPARED_PRICES = ("input", "output", "cache_read")


_TRUST_ORDER = ("first_party", "major_cloud", "established", "reseller")
_RESELLER = 3
ROUNDS = 4
"""Most merge rounds a sync runs: identity joins found in one round can move values in the next."""


def merge(records: Records, proposals: Iterable[Proposal], today: dt.date) -> tuple[Records, list[Change]]:
    """The records after merging `proposals`, and every change and conflict.

    Merging is repeated until it changes nothing (at most `ROUNDS` times): the result is a fixed
    point, so syncing the same inputs again writes nothing.
    """
    proposals = list(proposals)
    current = records
    for _ in range(ROUNDS):
        merger = _merge_round(current, proposals, today)
        if merger.records == current:
            break
        current = merger.records
    return merger.records, merger.changes(records)


def _merge_round(records: Records, proposals: list[Proposal], today: dt.date) -> _Merger:
    identity = IdentityMap(records, proposals)
    merger = _Merger(consolidate(copy.deepcopy(records), identity), identity)
    for proposal in proposals:
        merger.apply(proposal)
    merger.settle_aliases()
    merger.ensure_providers()
    merger.ensure_labs(today)
    settle_alias_routes(merger.records)
    derive(merger.records, today)
    _normalise(merger.records)
    return merger


class _Merger:
    def __init__(self, records: Records, identity: IdentityMap) -> None:
        self.records = records
        self.identity = identity
        self.conflicts: list[Change] = []

    def apply(self, proposal: Proposal) -> None:
        source = proposal.source_id
        self.records[("source", source)] = dict(proposal.source)
        groups: dict[Key, list[tuple[Offer, Placement | None]]] = {}
        for offer in sorted(proposal.offers, key=_join_order):
            placed = self._key(offer)
            if placed is not None:
                groups.setdefault(placed[0], []).append((offer, placed[1]))
        for key, offers in groups.items():
            if key[0] == "route":
                self._merge_offer(key, _combined_route(offers), source)
                continue
            ordered = sorted(offers, key=lambda op: self._speaks_first(key, *op))
            self._merge_offer(key, _clean_model_offer(ordered[0]), source)
            for n, (extra, _) in enumerate(ordered[1:], start=2):
                if self._trust_rank(key[1], extra.listing) < _RESELLER:
                    self._fill(key, extra, source, n)
                else:
                    self._add_aliases(key, self.records[key], extra, source)
            _prune_citations(self.records[key])
        self._retire(source, set(groups))

    def _trust_rank(self, model_id: str, provider: str | None) -> int:
        """0 for the lab's own API, then major clouds, established hosts, and resellers (3)."""
        raw = self.records.get(("provider", provider or ""), {})
        trust = raw.get("trust", "reseller")
        if trust == "first_party" and raw.get("lab") != model_id.split("/", 1)[0]:
            trust = "established"  # a lab's API selling another lab's model
        return _TRUST_ORDER.index(trust) if trust in _TRUST_ORDER else _RESELLER

    def _speaks_first(self, key: Key, offer: Offer, placed: Placement | None) -> tuple[int, int]:
        """Within one source, which listing speaks for a model: plain ids before variants' ids,
        then the most trusted provider's (the lab's own first), then the source's own order."""
        folded = placed is not None and (placed.qualifier is not None or placed.mode is not None)
        return int(folded), self._trust_rank(key[1], offer.listing)

    def _key(self, offer: Offer) -> tuple[Key, Placement | None] | None:
        """The record an offer lands on (with the identity placement of its model), or None."""
        if offer.kind == "model":
            placed = self.identity.place(offer.id)
            return (("model", placed.model), placed) if placed is not None else None
        if offer.kind == "route":
            provider, model = offer.id.split(":", 1)
            placed = self.identity.place(model)
            return (("route", placed.route(provider)), placed) if placed is not None else None
        return (offer.kind, offer.id), None

    def _fill(self, key: Key, offer: Offer, source: str, n: int) -> None:
        """A further listing of one model in one source: its ids are aliases, and a capability it
        states as yes that the model lacks is filled (a listed no may be that host's own limit)."""
        raw = self.records[key]
        cite = f"{source}~{n}"
        self._add_aliases(key, raw, offer, source)
        for cap, value in sorted((offer.values.get("capabilities") or {}).items()):
            field = f"capabilities.{cap}"
            current = get(raw, field)
            if current == value:
                continue
            raw.setdefault("citations", {})[cite] = _citation(source, offer)
            if value is True:
                self._merge_value(key, raw, field, True, cite)
            else:
                add_alternative(raw, field, value, cite)

    def _merge_offer(self, key: Key, offer: Offer, source: str) -> None:
        raw = self.records.setdefault(key, {})
        raw.setdefault("citations", {})[source] = _citation(source, offer)
        if "alternatives" in raw:  # this source's disagreements are found afresh below
            raw["alternatives"] = [a for a in raw["alternatives"] if not _owned(a["citation"], source)]
        raw.get("aliases", {}).pop(source, None)  # and so are its ids
        offered = _flatten(offer.values)
        for field in [f for f, s in raw.get("provenance", {}).items() if _owned(s, source)]:
            if field not in offered and field != "prices":
                drop(raw, field)
                _promote_alternative(raw, field, source)
        for field, value in offered.items():
            self._merge_value(key, raw, field, value, source)
        self._add_aliases(key, raw, offer, source)
        if offer.prices is not None:
            self._merge_prices(key, raw, offer, source)

    def _add_aliases(self, key: Key, raw: dict[str, Any], offer: Offer, source: str) -> None:
        if offer.aliases:
            aliases = raw.setdefault("aliases", {})
            aliases[source] = sorted(set(offer.aliases) | set(aliases.get(source, [])))

    def settle_aliases(self) -> None:
        """One name, one model: an alias that is another model's id, or that an earlier model (by
        id) already has, is dropped; reviewed aliases claim their names first."""
        models = sorted(rid for kind, rid in self.records if kind == "model")
        owner: dict[str, str] = {name_key(rid): rid for rid in models}
        for curated_first in (True, False):
            for rid in models:
                aliases = self.records[("model", rid)].get("aliases", {})
                for source in [s for s in aliases if (s not in IMPORTED) is curated_first]:
                    aliases[source] = [
                        a for a in aliases[source] if owner.setdefault(name_key(a), rid) == rid
                    ]
                    if not aliases[source]:
                        del aliases[source]
                if "aliases" in self.records[("model", rid)] and not aliases:
                    del self.records[("model", rid)]["aliases"]

    def _merge_value(self, key: Key, raw: dict[str, Any], field: str, value: Any, source: str) -> None:
        """Set `field` from `source` (a citation key: a source id, or `source~N` for a further
        listing) unless a curated or higher-priority value holds it; the loser is an alternative."""
        provenance = raw.setdefault("provenance", {})
        holder = provenance.get(field)
        current = get(raw, field)
        drop_alternative(raw, field, source)
        if holder is None or holder == source or current is None:
            set_(raw, field, value)
            provenance[field] = source
            return
        if current == value:
            return
        if self._is_curated(raw, holder) or _rank(FACT_PRIORITY, holder) <= _rank(FACT_PRIORITY, source):
            add_alternative(raw, field, value, source)
            self.conflicts.append(
                Change(ChangeKind.CONFLICT, _file(key), field, current, value, source, holder)
            )
            return
        add_alternative(raw, field, current, holder)
        set_(raw, field, value)
        provenance[field] = source

    def _is_curated(self, raw: dict[str, Any], citation_key: str) -> bool:
        citation = raw.get("citations", {}).get(citation_key, {})
        return citation.get("source", citation_key) not in IMPORTED

    def _merge_prices(self, key: Key, raw: dict[str, Any], offer: Offer, source: str) -> None:
        provenance = raw.setdefault("provenance", {})
        # A schedule pricing every token at $0 is a free tier or a placeholder, not a list
        # price: it would rank first everywhere, so it is not imported.
        schedules = [dict(s, citation=source) for s in offer.prices or () if not _is_free(s)]
        existing = raw.get("prices", [])
        if offer.history:
            current = [s for s in existing if s.get("citation") != source]
            raw["prices"] = _with_history(current, schedules)
            if not current and schedules:
                provenance["prices"] = source
            return
        holder = provenance.get("prices")
        history = [s for s in existing if s.get("citation") == HISTORY_SOURCE]
        if holder in (None, source, HISTORY_SOURCE) or (
            not self._is_curated(raw, holder)
            and _rank(PRICE_PRIORITY, source) < _rank(PRICE_PRIORITY, holder)
        ):
            if holder not in (None, source, HISTORY_SOURCE):
                self._price_conflicts(key, raw, existing, schedules, holder, keep_new=True)
            raw["prices"] = _with_history(schedules, history)
            provenance["prices"] = source
            return
        self._price_conflicts(key, raw, existing, schedules, source, keep_new=False)

    def _price_conflicts(
        self,
        key: Key,
        raw: dict[str, Any],
        kept: list[dict[str, Any]],
        other: list[dict[str, Any]],
        loser: str,
        *,
        keep_new: bool,
    ) -> None:
        if keep_new:
            kept, other = other, kept
        ours = _current_by_mode(kept)
        theirs = _current_by_mode(other)
        for mode, schedule in theirs.items():
            mine = ours.get(mode)
            if mine is None:
                continue
            for component in _COMPARED_PRICES:
                a, b = mine.get(component), schedule.get(component)
                if a is not None and b is not None and a != b:
                    field = f"prices.{mode}.{component}"
                    drop_alternative(raw, field, loser)
                    add_alternative(raw, field, b, loser)
                    holder = mine.get("citation", "")
                    self.conflicts.append(Change(ChangeKind.CONFLICT, _file(key), field, a, b, loser, holder))

    def _retire(self, source: str, offered: set[Key]) -> None:
        for key in [k for k in self.records if k[0] in ("model", "route")]:
            raw = self.records[key]
            owned = any(_owned(c, source) for c in raw.get("citations", {})) or source in raw.get(
                "aliases", {}
            )
            if key in offered or not owned:
                continue
            for field in [f for f, s in raw.get("provenance", {}).items() if _owned(s, source)]:
                if field == "prices":
                    raw["prices"] = [p for p in raw.get("prices", []) if p.get("citation") != source]
                    raw["provenance"].pop("prices")
                else:
                    drop(raw, field)
                    _promote_alternative(raw, field, source)
            raw.get("aliases", {}).pop(source, None)
            if not raw.get("aliases", True):
                raw.pop("aliases")
            raw["alternatives"] = [
                a for a in raw.get("alternatives", []) if not _owned(a["citation"], source)
            ]
            if not raw["alternatives"]:
                del raw["alternatives"]
            _prune_citations(raw)
            sourced = [c for c in raw.get("provenance", {}).values() if not c.startswith("modelvs-rules")]
            if not sourced and not raw.get("prices"):
                del self.records[key]  # nothing a source states is left: derived values do not keep it

    def ensure_providers(self) -> None:
        """A lab's own API that a source prices but does not describe gets a record from our table."""
        used = {rid.split(":", 1)[0] for kind, rid in self.records if kind == "route"}
        for provider in sorted(used):
            lab = FIRST_PARTY.get(provider)
            if ("provider", provider) in self.records or lab is None or lab not in LABS:
                continue
            self.records[("provider", provider)] = {
                "name": LABS[lab][0],
                "kind": "first-party",
                "trust": "first_party",
                "trust_reason": f"{LABS[lab][0]}'s own API for its own models.",
                "lab": lab,
                "url": LABS[lab][1],
                "citations": {
                    RULES_SOURCE: {"source": RULES_SOURCE, "locator": f"providers.FIRST_PARTY.{provider}"}
                },
                "provenance": {
                    "name": RULES_SOURCE,
                    "kind": RULES_SOURCE,
                    "trust": RULES_SOURCE,
                    "trust_reason": RULES_SOURCE,
                    "lab": RULES_SOURCE,
                    "url": RULES_SOURCE,
                },
            }

    def ensure_labs(self, today: dt.date) -> None:
        """Every model's lab gets a record: named from modelvs' own table where it knows it."""
        labs = {rid.split("/", 1)[0] for kind, rid in self.records if kind == "model"}
        for kind, lab in [k for k in self.records if k[0] == "lab" and k[1] not in labs]:
            # A lab no model names any more (a host once filed as a lab) goes, unless reviewed.
            cites = self.records[(kind, lab)].get("citations", {}).values()
            if all(
                c.get("source") in IMPORTED or c.get("locator", "").startswith("identity.LABS") for c in cites
            ):
                del self.records[(kind, lab)]
        for lab in sorted(labs):
            if ("lab", lab) in self.records:
                continue
            name, url = LABS.get(lab, (lab, ""))
            raw: dict[str, Any] = {"name": name}
            if url:
                raw["url"] = url
            raw["citations"] = {RULES_SOURCE: {"source": RULES_SOURCE, "locator": f"identity.LABS.{lab}"}}
            raw["provenance"] = {"name": RULES_SOURCE}
            self.records[("lab", lab)] = raw
        self.records.setdefault(
            ("source", RULES_SOURCE),
            {
                "name": "modelvs maintainers",
                "kind": "curated",
                "license": "MIT",
                "retrieved": today,
                "description": "Values reviewed by hand against the cited page, or modelvs' own rules.",
            },
        )

    def changes(self, before: Records) -> list[Change]:
        found: list[Change] = []
        for key in sorted(set(before) | set(self.records)):
            old, new = before.get(key), self.records.get(key)
            if old == new:
                continue
            if old is None:
                found.append(
                    Change(
                        ChangeKind.ADDED,
                        _file(key),
                        "",
                        None,
                        new.get("name", key[1]) if new else None,
                    )
                )
            elif new is None:
                found.append(Change(ChangeKind.REMOVED, _file(key), "", old.get("name", key[1])))
            else:
                found.extend(_field_changes(key, old, new))
        return found + self.conflicts


def changes_between(before: Records, after: Records) -> list[Change]:
    """Added, removed and changed records and values between two states of the catalog."""
    merger = _Merger.__new__(_Merger)
    merger.records, merger.conflicts = after, []
    return merger.changes(before)


def _field_changes(key: Key, old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    flat_old, flat_new = _flatten(old, deep=True), _flatten(new, deep=True)
    found = []
    for field in sorted(set(flat_old) | set(flat_new)):
        if field.startswith(("citations", "provenance", "alternatives")):
            continue
        a, b = flat_old.get(field), flat_new.get(field)
        if a == b:
            continue
        source = new.get("provenance", {}).get(field.split(".")[0], "")
        kind = ChangeKind.ADDED if a is None else ChangeKind.REMOVED if b is None else ChangeKind.CHANGED
        found.append(Change(kind, _file(key), field, a, b, source))
    return found


def _is_free(schedule: dict[str, Any]) -> bool:
    if schedule.get("mode") == "free":
        return False  # a free tier is a mode of its own, never a standard price
    rates = [v for k, v in schedule.items() if k in TOKEN_COMPONENTS and v is not None]
    return not schedule.get("per_unit") and all(v == 0 for v in rates)


def _join_order(offer: Offer) -> int:
    """Models of known labs join first, so hosts' renamed copies find them; routes last."""
    if offer.kind == "model":
        return 0 if offer.id.split("/", 1)[0] in LABS else 1
    return 2


def _file(key: Key) -> str:
    return record_path(Path(), *key).as_posix()


def _rank(order: tuple[str, ...], source: str) -> int:
    source = source.split("~", 1)[0]  # `models-dev~2`: a further listing ranks as its source
    return order.index(source) if source in order else len(order)


def _flatten(values: dict[str, Any], *, deep: bool = False) -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in values.items():
        if isinstance(value, dict) and (deep or key in _NESTED):
            for sub, inner in _flatten(value, deep=deep).items():
                flat[f"{key}.{sub}"] = inner
        else:
            flat[key] = value
    return flat


def _current_by_mode(schedules: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    by_mode: dict[str, dict[str, Any]] = {}
    for schedule in schedules:
        if schedule.get("effective_until") is None:
            by_mode[schedule.get("mode", "standard")] = schedule
    return by_mode


def _with_history(current: list[dict[str, Any]], history: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Current schedules plus closed history periods that end before them, per mode.

    History fills only the time before the current source's earliest schedule of a mode;
    an earliest schedule with no start date begins when the last kept period ends. Modes the
    current source does not price take the history source's schedules whole.
    """
    result = [dict(s) for s in current]
    by_mode: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for schedule in result:
        by_mode[schedule.get("mode", "standard")].append(schedule)
    for period in history:
        mode = period.get("mode", "standard")
        if mode not in by_mode:
            result.append(dict(period))  # a mode the current source does not price
    for mode, schedules in by_mode.items():
        first = min(schedules, key=lambda s: s.get("effective_from") or dt.date.min)
        closed = sorted(
            (dict(p) for p in history if p.get("mode", "standard") == mode and p.get("effective_until")),
            key=lambda p: p.get("effective_from") or dt.date.min,
        )
        start = first.get("effective_from")
        if start is not None:
            kept = [p for p in closed if (p.get("effective_from") or dt.date.min) < start]
            for period in kept:
                period["effective_until"] = min(period["effective_until"], start)
        else:
            end = first.get("effective_until") or dt.date.max
            kept = [p for p in closed if p["effective_until"] < end]
            if kept:
                first["effective_from"] = max(p["effective_until"] for p in kept)
        result.extend(kept)
    return sorted(result, key=lambda s: (s.get("mode", "standard"), s.get("effective_from") or dt.date.min))


def _normalise(records: Records) -> None:
    """Stable order and no dangling citations, so the same inputs always write the same files."""
    for (kind, _), raw in records.items():
        if kind not in ("model", "route", "provider", "lab"):
            continue
        if "alternatives" in raw:
            raw["alternatives"].sort(key=lambda a: (a["field"], a["citation"], repr(a["value"])))
        if "provenance" in raw:
            raw["provenance"] = dict(sorted(raw["provenance"].items()))
        _prune_citations(raw)


def _promote_alternative(raw: dict[str, Any], field: str, gone: str) -> None:
    """When a source stops offering a value, the next source's value for it takes its place."""
    # Only a source's own value is promoted: a further listing's "no" is that host's limit.
    others = [
        a
        for a in raw.get("alternatives", [])
        if a["field"] == field and not _owned(a["citation"], gone) and "~" not in a["citation"]
    ]
    if not others:
        return
    best = min(
        others, key=lambda a: _rank(FACT_PRIORITY, raw["citations"].get(a["citation"], {}).get("source", ""))
    )
    set_(raw, field, best["value"])
    raw.setdefault("provenance", {})[field] = best["citation"]
    raw["alternatives"].remove(best)


def _owned(citation_key: str, source: str) -> bool:
    """Whether a citation key is one of `source`'s: its own id, or `source~N` for a further listing."""
    return citation_key == source or citation_key.startswith(source + "~")


def _citation(source: str, offer: Offer) -> dict[str, Any]:
    citation: dict[str, Any] = {"source": source, "locator": offer.locator}
    if offer.url:
        citation["url"] = offer.url
    if offer.checked:
        citation["checked"] = offer.checked
    return citation


def _used_citations(raw: dict[str, Any]) -> set[str]:
    used = set(raw.get("provenance", {}).values())
    used |= {a["citation"] for a in raw.get("alternatives", [])}
    used |= {p["citation"] for p in raw.get("prices", [])}
    used |= {b["citation"] for b in raw.get("benchmarks", [])}
    used |= {f["citation"] for f in raw.get("fees", [])}
    if raw.get("price_check"):
        used.add(raw["price_check"]["citation"])
    return used


def _prune_citations(raw: dict[str, Any]) -> None:
    """Drop imported citations nothing refers to any more (curated ones are kept as written)."""
    used = _used_citations(raw)
    for key in [k for k, c in raw.get("citations", {}).items() if k not in used]:
        if raw["citations"][key].get("source") in IMPORTED:
            del raw["citations"][key]
    if "citations" in raw and not raw["citations"]:
        del raw["citations"]


_NAME_DECORATION = re.compile(
    r"\s*(\((free|batch|beta|thinking|fast)\)|:(free|beta|thinking|extended|online|exacto))$", re.I
)


def _clean_model_offer(pair: tuple[Offer, Placement | None]) -> Offer:
    """A model offer read from a variant's listing names the model, not the variant."""
    offer, placed = pair
    if placed is None or (placed.qualifier is None and placed.mode is None):
        return offer
    name = offer.values.get("name")
    values = dict(offer.values)
    if isinstance(name, str):
        values["name"] = _NAME_DECORATION.sub("", name).strip() or name
    return dataclasses.replace(offer, values=values)


def _combined_route(offers: list[tuple[Offer, Placement | None]]) -> Offer:
    """One source's listings of one route: the plain id's values and prices, plus the prices of
    its free-tier and batch ids as those modes."""
    plain = [o for o, p in offers if p is None or p.mode is None]
    moded = [(o, p.mode.value) for o, p in offers if p is not None and p.mode is not None]
    base = plain[0] if plain else moded[0][0]
    placed = next((p for o, p in offers if o is base), None)
    values = dict(base.values)
    if placed is not None and placed.variant is not None:
        values["variant"] = placed.variant.value
    schedules = [dict(s) for s in (base.prices or ())] if plain else []
    have = {s.get("mode", "standard") for s in schedules}
    for offer, mode in moded:
        if mode in have:
            continue
        have.add(mode)
        pid = offer.values.get("provider_model_id")
        converted = [
            {**s, "mode": mode, "provider_model_id": pid}
            for s in offer.prices or ()
            if s.get("mode", "standard") == "standard"
        ]
        if not converted and mode == "free":
            converted = [
                {"mode": "free", "input": Decimal(0), "output": Decimal(0), "provider_model_id": pid}
            ]
        schedules.extend(converted)
    if not plain:
        values["provider_model_id"] = base.values.get("provider_model_id")
    return dataclasses.replace(base, values=values, prices=tuple(schedules) or None)
