"""Finding the model a person means: exact ids and slugs first, then names and aliases, then hints.

Rules, in order (the CLI, the API, the web and the library all resolve through here):
1. An exact canonical id (`openai/gpt-5.5`) or site slug (`gpt-5.5`) is that model.
2. A name, display name or any id a source uses, compared loosely (case and the separators
   `_ : . / @` do not matter): one model, or, when several answer to it, the one whose own id or
   slug it is; otherwise the name is ambiguous and the error lists every candidate.
3. The same with every separator ignored (`gpt55`, `claude opus 4.7`).
4. Nothing: an unknown name, with the closest names as suggestions (a trigram index narrows
   the candidates, so a miss costs the same whatever the catalog's size), looked for only when
   they are read, once per name.
Suggestions rank current models before deprecated ones, then models with more routes, then newer.
"""

from __future__ import annotations

import difflib
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, TypeVar

from modelvs.catalog.names import model_key, name_key
from modelvs.schema.vocab import ModelStatus

if TYPE_CHECKING:
    from modelvs.schema import Model

MAX_NAME = 200
"""Longer input is cut before any lookup."""
MEMO_SIZE = 4096
POSTINGS = 12_000
"""Index entries one fuzzy match reads at most: about a name's worth of its rarest trigrams."""
K = TypeVar("K")
V = TypeVar("V")


class UnknownModelError(LookupError):
    """A model name that matches nothing; carries the closest known names.

    The suggestions are looked for when first read (the message reads them): a caller that only
    asks whether a name is known pays for no fuzzy match.
    """

    def __init__(self, name: str, suggestions: list[str] | Callable[[], list[str]]) -> None:
        super().__init__(name)
        self.name = name
        self._suggestions = suggestions

    @property
    def suggestions(self) -> list[str]:
        if callable(self._suggestions):
            self._suggestions = self._suggestions()
        return list(self._suggestions)

    def __str__(self) -> str:
        found = self.suggestions
        hint = f" Did you mean: {', '.join(found)}?" if found else ""
        return f"Unknown model {self.name!r}.{hint}"


class AmbiguousModelError(UnknownModelError):
    """A name that several models answer to, none by its own id: the candidates are listed."""

    def __str__(self) -> str:
        return f"Ambiguous model {self.name!r}: it names {', '.join(self.suggestions)}. Use one of these ids."


class NameIndex:
    """Lookups from any name to model ids, built once per catalog."""

    def __init__(
        self,
        models: Mapping[str, Model],
        slugs: Mapping[str, str],
        loose: Mapping[str, tuple[str, ...]],
        routes_per_model: Mapping[str, int],
    ) -> None:
        self._models = models
        self._loose = loose
        self._exact = {mid: mid for mid in models} | {slug: mid for mid, slug in slugs.items()}
        self._own_keys = {name_key(k): v for k, v in self._exact.items()}
        self._routes = routes_per_model
        self._resolved: dict[str, str | _Failed] = {}
        self._suggested: dict[tuple[str, int], list[str]] = {}

    @cached_property
    def _tight(self) -> dict[str, tuple[str, ...]]:
        # Built when a name is first looked for without separators (most lookups are exact ids).
        tight: dict[str, set[str]] = defaultdict(set)
        for key, ids in self._loose.items():
            tight[model_key(key)].update(ids)
        return {k: tuple(sorted(v)) for k, v in tight.items()}

    @cached_property
    def _grams(self) -> dict[str, list[str]]:
        # Built when a first suggestion is looked for.
        grams: dict[str, list[str]] = defaultdict(list)
        for key in self._loose:
            for gram in _trigrams(key):
                grams[gram].append(key)
        return grams

    def resolve(self, name: str) -> str:
        """The model id `name` names; raises `UnknownModelError` (or `AmbiguousModelError`).

        A failure is remembered as its kind and candidates, never as the exception: each caller
        gets a fresh one, so no traceback (and the frames it holds) outlives its request.
        """
        name = name[:MAX_NAME]
        found = self._resolved.get(name)
        if found is None:
            try:
                found = self._resolve(name)
            except UnknownModelError as err:
                found = _Failed(type(err), err._suggestions)
            _remember(self._resolved, name, found)
        if isinstance(found, _Failed):
            raise found.error(name)
        return found

    def suggest(self, name: str, limit: int = 5) -> list[str]:
        """What to offer for `name`: the model it names, the candidates of an ambiguous name, else
        the model ids whose names are closest (a fuzzy match, done once per name)."""
        try:
            return [self.resolve(name)]
        except AmbiguousModelError as err:
            return err.suggestions[:limit]
        except UnknownModelError:
            return self._closest(name, limit)

    def _closest(self, name: str, limit: int) -> list[str]:
        found = self._suggested.get((name, limit))
        if found is None:
            found = self._suggest(name, limit)
            _remember(self._suggested, (name, limit), found)
        return list(found)

    def _resolve(self, name: str) -> str:
        name = name[:MAX_NAME]
        found = self._exact.get(name) or self._exact.get(name.strip().lower())
        if found is not None:
            return found
        key = name_key(name)
        for candidates in (self._loose.get(key, ()), None):
            if candidates is None:  # only then is the tight index needed
                candidates = self._tight.get(model_key(name), ())
            if len(candidates) == 1:
                return candidates[0]
            if len(candidates) > 1:
                own = self._own_keys.get(key)
                if own in candidates:
                    return own
                raise AmbiguousModelError(name, self._ranked(candidates))
        raise UnknownModelError(name, lambda: self._closest(name, 5))

    def _suggest(self, name: str, limit: int = 5) -> list[str]:
        key = name_key(name[:MAX_NAME])
        if not key:
            return []
        shared: Counter[str] = Counter()
        # The rarest trigrams first, and no more than a budget of index entries: common trigrams
        # (`gpt`, `-4-`) list thousands of names, and a long name would otherwise touch them all.
        budget = POSTINGS
        for postings in sorted((self._grams.get(g, []) for g in _trigrams(key)), key=len):
            if len(postings) > budget and shared:
                break
            shared.update(postings[:budget])
            budget -= min(len(postings), budget)
        pool = [k for k, _ in shared.most_common(60)]
        keys = difflib.get_close_matches(key, pool, n=limit * 3, cutoff=0.6)
        found: list[str] = []
        for k in keys:
            for mid in self._ranked(self._loose[k]):
                if mid not in found:
                    found.append(mid)
        # Closest first, but a deprecated or retired twin never before a current model.
        found.sort(key=lambda mid: self._ended(mid))
        return found[:limit]

    def _ended(self, mid: str) -> bool:
        model = self._models[mid]
        ended = model.status in (ModelStatus.DEPRECATED, ModelStatus.RETIRED)
        return ended or bool(model.deprecation_date or model.retirement_date)

    def _ranked(self, ids: tuple[str, ...] | list[str]) -> list[str]:
        """Current models first, then those with more routes, then the newest, then by id."""

        def rank(mid: str) -> tuple[int, int, str, str]:
            model = self._models[mid]
            released = model.release_date.isoformat() if model.release_date else ""
            return (int(self._ended(mid)), -self._routes.get(mid, 0), _desc(released), mid)

        return sorted(ids, key=rank)


@dataclass(frozen=True)
class _Failed:
    """What a failed lookup remembers: the error's kind and its candidates (or how to find them)."""

    kind: type[UnknownModelError]
    suggestions: list[str] | Callable[[], list[str]]

    def error(self, name: str) -> UnknownModelError:
        return self.kind(name, self.suggestions)


def _remember(memo: dict[K, V], key: K, value: V) -> None:
    if len(memo) >= MEMO_SIZE:
        memo.clear()  # bounded: a flood of distinct names cannot grow it
    memo[key] = value


def _desc(text: str) -> str:
    """A string that sorts in the reverse order of `text` (newest date first)."""
    return "".join(chr(0x10FFFF - ord(c)) for c in text)


def _trigrams(key: str) -> set[str]:
    padded = f"  {key} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}
