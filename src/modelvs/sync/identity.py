"""Which ids name one real model: the identity pass sync runs before merging values.

Every model id the catalog holds or a source proposes is placed:
1. Trailing words fold into the base model as a price mode (`:free`, `:batch`) or a route variant
   (`-thinking`, `-fp8`, `-tee`), as `sources.variants` reads them; a host's decoration (`-maas`)
   is dropped. Thinking, fast and effort words fold only when the lab's own API sells the base
   model and not the full id (Qwen's `...-thinking-2507` and xAI's `...-non-reasoning` are the
   labs' own models).
2. Ids with one identity key (`catalog.names.model_key`: separators and word order do not
   matter) are one model; so are an undated id and its only dated snapshot, when the lab's own
   prices for both agree; so are an existing model and every alias it already has, so a later
   sync cannot split what was joined.
3. Reviewed decisions (`data/identity/*.toml`) merge what rules cannot, and keep apart what
   rules would wrongly join.
Each group's canonical id is the decision's `into`, else the existing record with curated values,
else the existing record with most routes, else the id with most listings, else the shortest.
Pure: records and proposals in, placements out.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from modelvs.catalog.layout import VARIANT_MARK
from modelvs.catalog.names import model_key
from modelvs.schema.vocab import PriceMode, VariantKind
from modelvs.sources import variants
from modelvs.sources.identity import LAB_ALIASES, LABS
from modelvs.sources.proposal import Proposal
from modelvs.sources.providers import FIRST_PARTY
from modelvs.sources.registry import FACT_PRIORITY, IMPORTED
from modelvs.sources.variants import Fold

Records = dict[tuple[str, str], dict[str, Any]]
IDENTITY_RULE = (
    "One model per real model: ids that differ only by separators or word order, vendor and region"
    " prefixes, a host's decorations (Vertex's -maas, Fireworks' `p` for a point), an undated id and its"
    " only dated snapshot at the same price, and every id a source lists for a model are one model;"
    " reviewed decisions merge or keep apart what rules cannot decide. A free tier or batch id is a"
    " price mode of the plain route; thinking, effort, fast, quantized and TEE listings are variants of"
    " the route (thinking, effort and fast only where the lab's own API sells one model with a switch),"
    " as are thinking budgets (`-thinking-32768`) and Google's Custom Tools ids. One date written two ways"
    " (`0309`, `20260309`, `2026-03-09`) is one snapshot. A `-latest` id is never a model: it points at the"
    " model it names, its newest dated snapshot, or (where the lab sells only the pointer) the model its"
    " base names."
)


@dataclass(frozen=True)
class Placement:
    """Where one offered model id lands."""

    model: str
    """Canonical model id (`lab/model`)."""
    qualifier: str | None = None
    """Route variant qualifier (`thinking`, `fp8`), or None for the plain model."""
    variant: VariantKind | None = None
    mode: PriceMode | None = None
    """For a free-tier or batch id: the mode its prices are, on the base route."""

    def route(self, provider: str) -> str:
        tail = f"{VARIANT_MARK}{self.qualifier}" if self.qualifier else ""
        return f"{provider}:{self.model}{tail}"


@dataclass(frozen=True)
class _Folded:
    """An id with its trailing words read: the model it names before grouping."""

    candidate: str
    qualifier: str | None
    variant: VariantKind | None
    mode: PriceMode | None


class IdentityMap:
    """Placements of every model id seen, and the groups rules and decisions formed."""

    def __init__(self, records: Records, proposals: Iterable[Proposal]) -> None:
        proposals = list(proposals)
        self._offered_aliases = [
            (o.id, o.aliases) for p in proposals for o in p.offers if o.kind == "model" and o.aliases
        ]
        self._routes: Counter[str] = Counter()
        self._existing_routes: Counter[str] = Counter()
        self._first_party: set[tuple[str, str]] = set()
        self._first_party_ids: set[str] = set()
        self._labs_with_api: set[str] = set()
        self._lab_prices: dict[str, set[tuple[Any, Any]]] = defaultdict(set)
        ids: set[str] = set()
        self._hosts = {rid for kind, rid in records if kind == "provider"} | {
            o.id for p in proposals for o in p.offers if o.kind == "provider"
        }
        self._hosts = {h for h in self._hosts if h not in FIRST_PARTY}
        self._hosts |= {LAB_ALIASES.get(h, h) for h in self._hosts}
        self._known_labs = frozenset(LABS)
        for (kind, rid), raw in records.items():
            if kind == "model":
                ids.add(rid)
            elif kind == "route":
                provider, model = rid.split(":", 1)
                model = model.partition(VARIANT_MARK)[0]
                ids.add(model)
                self._existing_routes[model] += 1
                self._note_route(provider, model, raw.get("prices", []))
        self._source_rank: dict[str, int] = {}
        for proposal in proposals:
            rank = FACT_PRIORITY.index(proposal.source_id) if proposal.source_id in FACT_PRIORITY else 99
            for offer in proposal.offers:
                if offer.kind == "model":
                    ids.add(offer.id)
                    self._source_rank[offer.id] = min(self._source_rank.get(offer.id, 99), rank)
                elif offer.kind == "route":
                    provider, model = offer.id.split(":", 1)
                    ids.add(model)
                    self._routes[model] += 1
                    self._note_route(provider, model, offer.prices or ())
        self._keys = {model_key_of(i) for i in ids}
        self._offered_keys = {
            model_key_of(o.id.split(":", 1)[-1].partition(VARIANT_MARK)[0])
            for p in proposals
            for o in p.offers
            if o.kind in ("model", "route")
        }
        """What the sources name this run: a moving alias points only at these (not at what an
        earlier sync made of the alias itself)."""
        self._snapshot_ids = _snapshot_index(ids)
        decisions = {rid: raw for (kind, rid), raw in records.items() if kind == "identity"}
        self._decided = {m for d in decisions.values() if d.get("action") == "merge" for m in d["ids"]}
        # Two rounds: the lab sells a model under any of its ids, which grouping finds; a fold
        # that depends on what the lab sells is decided again once the groups are known, so the
        # next sync finds what this one wrote.
        for _ in range(2):
            self._folded = {i: self._fold(i) for i in sorted(ids)}
            self._group(records, decisions)
            for members in self.groups.values():
                keys = {model_key_of(m) for m in members}
                if keys & self._first_party:
                    # Only plain ids: a variant's id joined by an alias is not what the lab sells.
                    self._first_party |= {
                        model_key_of(m) for m in members if not variants.words(*reversed(m.split("/", 1)))
                    }
        self._skipped = {i for i, f in self._folded.items() if f is None}

    # -- reading the catalog -------------------------------------------------------------
    def _note_route(self, provider: str, model: str, prices: Iterable[dict[str, Any]]) -> None:
        lab = model.split("/", 1)[0]
        if FIRST_PARTY.get(provider) != lab:
            return
        self._first_party.add(model_key_of(model))
        self._first_party_ids.add(model)
        self._labs_with_api.add(lab)
        for schedule in prices:
            if schedule.get("mode", "standard") == "standard" and not schedule.get("effective_until"):
                self._lab_prices[model].add((schedule.get("input"), schedule.get("output")))

    def _fold(self, model_id: str) -> _Folded | None:
        if model_id in self._decided:
            return _Folded(model_id, None, None, None)  # a reviewed merge places it
        lab, _, slug = model_id.partition("/")
        lab = LAB_ALIASES.get(lab, lab)
        rest = slug
        words = variants.words(slug, lab)
        # Effort and thinking words fold when the lab sells the model they decorate, however
        # many of them there are (`claude-opus-4.6-thinking-low`).
        base_sold = bool(words) and _key(lab, words[-1].rest) in self._first_party
        mode: PriceMode | None = None
        qualifiers: list[str] = []
        variant: VariantKind | None = None
        for word in words:
            suffix = word.suffix
            if suffix.mode is not None:
                mode = mode or suffix.mode
                rest = word.rest
                continue
            if suffix.fold is Fold.DECORATION:
                rest = word.rest
                continue
            pointer = suffix.variant is VariantKind.ALIAS
            if not pointer and _key(lab, rest) in self._first_party:
                break  # the lab sells this id as a model of its own
            if pointer and _key(lab, word.rest) not in self._offered_keys:
                # A moving alias (`mistral-large-latest`) names the newest dated snapshot of its
                # base; one the lab sells with none is the plain id of the model its base names
                # (`gpt-5-chat-latest` is GPT-5 Chat); any other points at no model.
                newest = self._newest_snapshot(lab, word.rest)
                if newest is not None:
                    qualifiers.insert(0, variants.qualifier(word.text, suffix))
                    return _Folded(f"{lab}/{newest}", "-".join(qualifiers), suffix.variant, mode)
                if _key(lab, rest) not in self._first_party:
                    return None
                return _Folded(f"{lab}/{word.rest}", "-".join(qualifiers) or None, variant, mode)
            if suffix.fold is Fold.UNLESS_LAB_SELLS and not (
                lab in self._labs_with_api and (_key(lab, word.rest) in self._first_party or base_sold)
            ):
                break
            qualifiers.insert(0, variants.qualifier(word.text, suffix))
            variant = variant or suffix.variant
            rest = word.rest
        qualifier = "-".join(qualifiers) or None
        return _Folded(f"{lab}/{rest}", qualifier, variant, mode)

    def _newest_snapshot(self, lab: str, base: str) -> str | None:
        """The model part of the newest dated id of `base` (`mistral-large-2512`), if any."""
        dated = self._snapshot_ids.get(_key(lab, base), [])
        return max(dated)[1].split("/", 1)[1] if dated else None

    # -- grouping ------------------------------------------------------------------------
    def _group(self, records: Records, decisions: dict[str, dict[str, Any]]) -> None:
        candidates = sorted({f.candidate for f in self._folded.values() if f is not None})
        self._parent = {c: c for c in candidates}
        self._members: dict[str, set[str]] = {c: {c} for c in candidates}
        apart: list[set[str]] = [set(d["ids"]) for d in decisions.values() if d.get("action") == "distinct"]
        self._apart = apart
        by_key: dict[tuple[str, str], list[str]] = defaultdict(list)
        for c in candidates:
            by_key[model_key_of(c)].append(c)
        into: dict[str, str] = {}
        for decision in decisions.values():
            if decision.get("action") != "merge":
                continue
            target = decision["into"]
            self._add(target)
            into[target] = target
            for member in decision["ids"]:
                placed = self._candidate_of(member)
                if placed is not None:
                    self._add(placed)
                    self._union(target, placed, forced=True)
        for group in by_key.values():
            for other in group[1:]:
                self._union(group[0], other)
        # A model and the ids a source or the catalog gives for it are one model.
        named: list[tuple[str, Iterable[str]]] = [
            (rid, (a for aliases in raw.get("aliases", {}).values() for a in aliases))
            for (kind, rid), raw in records.items()
            if kind == "model" and rid in self._parent
        ]
        for offered, offered_aliases in self._offered_aliases:
            candidate = self._candidate_of(offered)
            if candidate is not None:
                named.append((candidate, offered_aliases))
        for rid, aliases in named:
            lab = rid.split("/", 1)[0]
            for alias in aliases:
                for found in by_key.get(_key(lab, alias.rsplit("/", 1)[-1]), ()):
                    self._union(rid, found)
        self._snapshots(by_key)
        self._host_copies(candidates)
        self._canonical: dict[str, str] = {}
        self.groups: dict[str, tuple[str, ...]] = {}
        for members in self._members.values():
            group = sorted(members)
            chosen = self._choose(group, records, into)
            self.groups[chosen] = tuple(sorted(group))
            for c in group:
                self._canonical[c] = chosen

    def _snapshots(self, by_key: dict[tuple[str, str], list[str]]) -> None:
        """One date written two ways (`-0309`, `-20260309`, `-2026-03-09`) is one snapshot; an
        undated id and its only dated snapshot are one model, unless the lab prices them apart."""
        dated: dict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)
        days: dict[tuple[str, str], list[tuple[tuple[int | None, int, int], str]]] = defaultdict(list)
        for key, group in by_key.items():
            base, date = variants.split_date(group[0].split("/", 1)[1])
            if date is not None:
                dated[_key(key[0], base)].add(key)
                parsed = variants.parse_date(date)
                if parsed is not None:
                    days[_key(key[0], base)].append((parsed, group[0]))
        for found in days.values():
            for (year, month, day), mid in found:
                same = {m for (y, mo, d), m in found if (mo, d) == (month, day) and y is not None}
                if year is not None:
                    same = {m for (y, mo, d), m in found if (y, mo, d) == (year, month, day)}
                if len(same) == 1 or year is not None:
                    for other in same:
                        self._union(other, mid)
        for base_key, snapshots in dated.items():
            if base_key not in by_key or len({self._find(by_key[k][0]) for k in snapshots}) != 1:
                continue
            undated, snapshot = by_key[base_key][0], by_key[next(iter(snapshots))][0]
            a, b = self._lab_prices.get(undated), self._lab_prices.get(snapshot)
            if a and b and not a & b:
                continue  # the lab's own API charges differently: two models
            self._union(undated, snapshot)

    def _host_copies(self, candidates: list[str]) -> None:
        """A model filed under a host's name (`fireworks/openhermes-2-mistral-7b`,
        `venice/aion-labs-aion-2.0`) is the model its maker lists, when exactly one maker does."""
        makers: dict[str, set[str]] = defaultdict(set)
        for c in candidates:
            lab, model = c.split("/", 1)
            makers[model_key(f"{lab}-{model}")].add(c)
            if lab not in self._hosts or lab in self._known_labs:
                makers[model_key(model)].add(c)
        for c in candidates:
            lab, model = c.split("/", 1)
            if lab in self._hosts or lab not in self._known_labs:
                others = [m for m in makers.get(model_key(model), ()) if not m.startswith(lab + "/")]
                found = {self._find(m) for m in others}
                # Several hosts file one model under their own names: the maker we know wins.
                known = {self._find(m) for m in others if m.split("/", 1)[0] in self._known_labs}
                if len(found) == 1 or len(known) == 1:
                    self._union(next(iter(found if len(found) == 1 else known)), c)

    def _candidate_of(self, model_id: str) -> str | None:
        folded = self._folded.get(model_id) or self._fold(model_id)
        return folded.candidate if folded is not None else None

    def _add(self, c: str) -> None:
        if c not in self._parent:
            self._parent[c] = c
            self._members[c] = {c}

    def _find(self, c: str) -> str:
        while self._parent[c] != c:
            self._parent[c] = self._parent[self._parent[c]]
            c = self._parent[c]
        return c

    def _union(self, a: str, b: str, *, forced: bool = False) -> None:
        ra, rb = self._find(a), self._find(b)
        if ra == rb:
            return
        group_a, group_b = self._members[ra], self._members[rb]
        if not forced and any(group_a & ids and group_b & ids for ids in self._apart):
            return
        if len(group_a) < len(group_b):
            ra, rb, group_a, group_b = rb, ra, group_b, group_a
        self._parent[rb] = ra
        group_a |= group_b
        del self._members[rb]

    def _choose(self, group: list[str], records: Records, into: dict[str, str]) -> str:
        for c in group:
            if c in into:
                return c

        def rank(c: str) -> tuple[int, int, int, int, int, int, int, int, str]:
            raw = records.get(("model", c))
            curated = (
                bool(raw)
                and any(cite.get("source") not in IMPORTED for cite in raw.get("citations", {}).values())
                if raw
                else False
            )
            return (
                int(c.split("/", 1)[0] in self._hosts),
                -int(curated and bool(raw and raw.get("reviewed"))),
                -int(raw is not None),
                -self._existing_routes[c],
                -int(c in self._first_party_ids),
                -int(model_key_of(c) in self._first_party),
                self._source_rank.get(c, 99),
                -self._routes[c],
                f"{len(c):04d}{c}",
            )

        return min(group, key=rank)

    # -- answers -------------------------------------------------------------------------
    def place(self, model_id: str) -> Placement | None:
        """Where an offered (or existing) model id lands; None for an id that names no model."""
        folded = self._folded.get(model_id)
        if folded is None and model_id not in self._folded:
            folded = self._fold(model_id)
        if folded is None:
            return None
        model = self._canonical.get(folded.candidate, folded.candidate)
        return Placement(model, folded.qualifier, folded.variant, folded.mode)

    def model_of(self, model_id: str) -> str | None:
        placed = self.place(model_id)
        return placed.model if placed is not None else None

    def merged(self) -> dict[str, tuple[str, ...]]:
        """Canonical id -> the other ids rules or decisions joined into it."""
        return {c: tuple(m for m in ms if m != c) for c, ms in self.groups.items() if len(ms) > 1}

    def folded(self) -> dict[str, Placement]:
        """Ids that name a variant or a mode of another model, with where they land."""
        found = {}
        for mid, f in self._folded.items():
            if f is not None and (f.qualifier or f.mode):
                placed = self.place(mid)
                if placed is not None:
                    found[mid] = placed
        return found

    @property
    def skipped(self) -> frozenset[str]:
        """Moving aliases that point at no model in the catalog."""
        return frozenset(self._skipped)


def _snapshot_index(ids: Iterable[str]) -> dict[tuple[str, str], list[tuple[tuple[int, int, int], str]]]:
    """(lab, key of the undated base) -> (date, id) of every dated id with a known year."""
    index: dict[tuple[str, str], list[tuple[tuple[int, int, int], str]]] = defaultdict(list)
    for mid in ids:
        lab, _, model = mid.partition("/")
        base, date = variants.split_date(model)
        day = variants.sort_date(date) if date is not None else None
        if day is not None:
            index[_key(lab, base)].append((day, mid))
    return index


def model_key_of(model_id: str) -> tuple[str, str]:
    """(lab, identity key) of a `lab/model` id."""
    lab, _, model = model_id.partition("/")
    return _key(lab, model)


def _key(lab: str, model: str) -> tuple[str, str]:
    # `deepseek/deepseek-v3`, `deepseek/v3` and an alias `anthropic.claude-instant-v1` under
    # anthropic: the lab's name is not part of the key.
    key, lab_key = model_key(model), model_key(lab)
    return lab, key[len(lab_key) :] if key.startswith(lab_key) and len(key) > len(lab_key) else key
