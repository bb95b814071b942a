"""Merge proposals into the catalog's raw records. Pure: records in, records and changes out.

Rules, in order:
- A value whose provenance points at a curated citation is never replaced; a differing
  import is kept beside it as an alternative and reported as a conflict.
- Otherwise, for a model's facts, the lab's own listing in any source wins, then the source
  earlier in the priority list (`sync.ranking`); for prices, the source earlier in the price
  list. The loser's differing value is kept as an alternative.
- A source's own earlier value is replaced by its new one; a value it no longer offers is
  removed, and a record left with no sourced value at all is removed.
- Models join across sources on their identity key (lab + loose name) and on aliases.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterable
from typing import Any

from modelvs.catalog.names import name_key
from modelvs.schema.pricing import TOKEN_COMPONENTS
from modelvs.schema.vocab import TRUST_RANK, ProviderTrust
from modelvs.sources.proposal import Proposal, ProposedRecord
from modelvs.sources.providers import lab_sells
from modelvs.sources.registry import FACT_PRIORITY, HISTORY_SOURCE, IMPORTED, PRICE_PRIORITY
from modelvs.sync.agree import agree
from modelvs.sync.cents import round_conversions
from modelvs.sync.changes import Change, ChangeKind, changes_between, record_file
from modelvs.sync.citations import offer_citation, owned_by, prune_citations
from modelvs.sync.consolidate import consolidate, settle_alias_routes
from modelvs.sync.derived import derive
from modelvs.sync.fields import Key, Records, add_alternative, drop, drop_alternative, flatten, get, set_
from modelvs.sync.identity import IdentityMap, Placement
from modelvs.sync.offers import clean_model_offer, combined_route, join_order
from modelvs.sync.own_records import ensure_labs, ensure_providers
from modelvs.sync.price_history import current_by_mode, with_history
from modelvs.sync.ranking import fact_rank, source_rank

_COMPARED_PRICES = ("input", "output", "cache_read")
_RESELLER = TRUST_RANK[ProviderTrust.RESELLER]
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
    ensure_providers(merger.records)
    ensure_labs(merger.records, today)
    settle_alias_routes(merger.records)
    round_conversions(merger.records)
    agree(merger.records)
    derive(merger.records, today, merger.listed)
    _normalise(merger.records)
    return merger


class _Merger:
    def __init__(self, records: Records, identity: IdentityMap) -> None:
        self.records = records
        self.identity = identity
        self.conflicts: list[Change] = []
        self.listed: dict[str, tuple[dt.date, str]] = {}
        """Model id -> the first day a source recorded a price for it, and where (derive reads it)."""

    def apply(self, proposal: Proposal) -> None:
        source = proposal.source_id
        self.records[("source", source)] = dict(proposal.source)
        groups: dict[Key, list[tuple[ProposedRecord, Placement | None]]] = {}
        for offer in sorted(proposal.offers, key=join_order):
            placed = self._key(offer)
            if placed is not None:
                groups.setdefault(placed[0], []).append((offer, placed[1]))
        for key, offers in groups.items():
            self._note_listed(key, offers, source)
            if key[0] == "route":
                self._merge_offer(key, combined_route(offers), source)
                continue
            ordered = sorted(offers, key=lambda op: self._speaks_first(key, *op))
            self._merge_offer(key, clean_model_offer(ordered[0]), source)
            for n, (extra, _) in enumerate(ordered[1:], start=2):
                if self._trust_rank(key[1], extra.listing) < _RESELLER:
                    self._fill(key, extra, source, n)
                else:
                    self._add_aliases(key, self.records[key], extra, source)
            prune_citations(self.records[key])
        self._retire(source, set(groups))

    def _note_listed(
        self, key: Key, offers: list[tuple[ProposedRecord, Placement | None]], source: str
    ) -> None:
        for offer, _ in offers:
            if key[0] == "model" and offer.listed is not None:
                found = (offer.listed, f"{source}.{offer.locator}")
                self.listed[key[1]] = min(self.listed.get(key[1], found), found)

    def _trust_rank(self, model_id: str, provider: str | None) -> int:
        """0 for the lab's own API, then major clouds, established hosts, and resellers (3)."""
        raw = self.records.get(("provider", provider or ""), {})
        trust = raw.get("trust", "reseller")
        if trust == "first_party" and raw.get("lab") != model_id.split("/", 1)[0]:
            trust = "established"  # a lab's API selling another lab's model
        return TRUST_RANK.get(trust, _RESELLER)

    def _speaks_first(self, key: Key, offer: ProposedRecord, placed: Placement | None) -> tuple[int, int]:
        """Within one source, which listing speaks for a model: plain ids before variants' ids,
        then the most trusted provider's (the lab's own first), then the source's own order."""
        folded = placed is not None and (placed.qualifier is not None or placed.mode is not None)
        return int(folded), self._trust_rank(key[1], offer.listing)

    def _key(self, offer: ProposedRecord) -> tuple[Key, Placement | None] | None:
        """The record an offer lands on (with the identity placement of its model), or None."""
        if offer.kind == "model":
            placed = self.identity.place(offer.id)
            return (("model", placed.model), placed) if placed is not None else None
        if offer.kind == "route":
            provider, model = offer.id.split(":", 1)
            placed = self.identity.place(model)
            if placed is None or not lab_sells(provider, placed.model):
                return None  # an alias of no model, or a lab's API listing what it does not serve
            return ("route", placed.route(provider)), placed
        return (offer.kind, offer.id), None

    def _fill(self, key: Key, offer: ProposedRecord, source: str, n: int) -> None:
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
            raw.setdefault("citations", {})[cite] = offer_citation(source, offer)
            if value is True:
                self._merge_value(key, raw, field, True, cite)
            else:
                add_alternative(raw, field, value, cite)

    def _merge_offer(self, key: Key, offer: ProposedRecord, source: str) -> None:
        raw = self.records.setdefault(key, {})
        raw.setdefault("citations", {})[source] = offer_citation(source, offer)
        if "alternatives" in raw:  # this source's disagreements are found afresh below
            raw["alternatives"] = [a for a in raw["alternatives"] if not owned_by(a["citation"], source)]
        raw.get("aliases", {}).pop(source, None)  # and so are its ids
        offered = flatten(offer.values)
        for field in [f for f, s in raw.get("provenance", {}).items() if owned_by(s, source)]:
            if field not in offered and field != "prices":
                drop(raw, field)
                _promote_alternative(raw, field, source, key)
        for field, value in offered.items():
            self._merge_value(key, raw, field, value, source)
        self._add_aliases(key, raw, offer, source)
        if offer.prices is not None:
            self._merge_prices(key, raw, offer, source)

    def _add_aliases(self, key: Key, raw: dict[str, Any], offer: ProposedRecord, source: str) -> None:
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
        if self._holds(key, raw, holder, source):
            add_alternative(raw, field, value, source)
            self.conflicts.append(
                Change(ChangeKind.CONFLICT, record_file(key), field, current, value, source, holder)
            )
            return
        add_alternative(raw, field, current, holder)
        set_(raw, field, value)
        provenance[field] = source

    def _holds(self, key: Key, raw: dict[str, Any], holder: str, source: str) -> bool:
        """Whether the value cited by `holder` stays against `source`'s: lab first for a model."""
        if self._is_curated(raw, holder):
            return True
        if key[0] != "model":
            return source_rank(FACT_PRIORITY, holder) <= source_rank(FACT_PRIORITY, source)
        lab = key[1].split("/", 1)[0]
        return fact_rank(raw, holder, lab) <= fact_rank(raw, source, lab)

    def _is_curated(self, raw: dict[str, Any], citation_key: str) -> bool:
        citation = raw.get("citations", {}).get(citation_key, {})
        return citation.get("source", citation_key) not in IMPORTED

    def _merge_prices(self, key: Key, raw: dict[str, Any], offer: ProposedRecord, source: str) -> None:
        provenance = raw.setdefault("provenance", {})
        # A schedule pricing every token at $0 is a free tier or a placeholder, not a list
        # price: it would rank first everywhere, so it is not imported.
        schedules = [dict(s, citation=source) for s in offer.prices or () if not _is_free(s)]
        existing = raw.get("prices", [])
        if offer.history:
            current = [s for s in existing if s.get("citation") != source]
            raw["prices"] = with_history(current, schedules)
            if not current and schedules:
                provenance["prices"] = source
            return
        holder = provenance.get("prices")
        history = [s for s in existing if s.get("citation") == HISTORY_SOURCE]
        if holder in (None, source, HISTORY_SOURCE) or (
            not self._is_curated(raw, holder)
            and source_rank(PRICE_PRIORITY, source) < source_rank(PRICE_PRIORITY, holder)
        ):
            if holder not in (None, source, HISTORY_SOURCE):
                self._price_conflicts(key, raw, existing, schedules, holder, keep_new=True)
            raw["prices"] = with_history(schedules, history)
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
        ours = current_by_mode(kept)
        theirs = current_by_mode(other)
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
                    self.conflicts.append(
                        Change(ChangeKind.CONFLICT, record_file(key), field, a, b, loser, holder)
                    )

    def _retire(self, source: str, offered: set[Key]) -> None:
        for key in [k for k in self.records if k[0] in ("model", "route")]:
            raw = self.records[key]
            owned = any(owned_by(c, source) for c in raw.get("citations", {})) or source in raw.get(
                "aliases", {}
            )
            if key in offered or not owned:
                continue
            for field in [f for f, s in raw.get("provenance", {}).items() if owned_by(s, source)]:
                if field == "prices":
                    raw["prices"] = [p for p in raw.get("prices", []) if p.get("citation") != source]
                    raw["provenance"].pop("prices")
                else:
                    drop(raw, field)
                    _promote_alternative(raw, field, source, key)
            raw.get("aliases", {}).pop(source, None)
            if not raw.get("aliases", True):
                raw.pop("aliases")
            raw["alternatives"] = [
                a for a in raw.get("alternatives", []) if not owned_by(a["citation"], source)
            ]
            if not raw["alternatives"]:
                del raw["alternatives"]
            prune_citations(raw)
            sourced = [c for c in raw.get("provenance", {}).values() if not c.startswith("modelvs-rules")]
            if not sourced and not raw.get("prices"):
                del self.records[key]  # nothing a source states is left: derived values do not keep it

    def changes(self, before: Records) -> list[Change]:
        return changes_between(before, self.records) + self.conflicts


def _is_free(schedule: dict[str, Any]) -> bool:
    if schedule.get("mode") == "free":
        return False  # a free tier is a mode of its own, never a standard price
    rates = [v for k, v in schedule.items() if k in TOKEN_COMPONENTS and v is not None]
    return not schedule.get("per_unit") and all(v == 0 for v in rates)


def _normalise(records: Records) -> None:
    """Stable order and no dangling citations, so the same inputs always write the same files."""
    for (kind, _), raw in records.items():
        if kind not in ("model", "route", "provider", "lab"):
            continue
        if "alternatives" in raw:
            raw["alternatives"].sort(key=lambda a: (a["field"], a["citation"], repr(a["value"])))
        if "provenance" in raw:
            raw["provenance"] = dict(sorted(raw["provenance"].items()))
        prune_citations(raw)


def _promote_alternative(raw: dict[str, Any], field: str, gone: str, key: Key) -> None:
    """When a source stops offering a value, the next source's value for it takes its place."""
    # Only a source's own value is promoted: a further listing's "no" is that host's limit.
    others = [
        a
        for a in raw.get("alternatives", [])
        if a["field"] == field and not owned_by(a["citation"], gone) and "~" not in a["citation"]
    ]
    if not others:
        return
    lab = key[1].split("/", 1)[0]
    best = min(others, key=lambda a: fact_rank(raw, a["citation"], lab))
    set_(raw, field, best["value"])
    raw.setdefault("provenance", {})[field] = best["citation"]
    raw["alternatives"].remove(best)
