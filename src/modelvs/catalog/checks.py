"""Whole-catalog checks: references, tiers, sources, aliases. Every problem, not the first."""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Collection, Iterator
from decimal import Decimal
from typing import TYPE_CHECKING

from modelvs.catalog.agreement import contradictions
from modelvs.catalog.catalog import Catalog
from modelvs.catalog.layout import route_qualifier, split_route_id
from modelvs.catalog.money import is_noisy
from modelvs.catalog.names import name_key
from modelvs.catalog.problems import Problem, Severity
from modelvs.catalog.result_checks import check_results, result_problems
from modelvs.schema.model import MODEL_FACTS
from modelvs.schema.pricing import TOKEN_COMPONENTS
from modelvs.schema.vocab import SourceKind

if TYPE_CHECKING:
    from modelvs.schema import Citation, Model, PriceSchedule, Route, Sourced

STALE_AFTER = dt.timedelta(days=365)
"""A checked date older than this, on the day of the check, earns a warning."""
LIMITS_RULE = (
    "Limits on text: a name has at most 200 characters, any other text field at most 2,000, and a data"
    " file at most 256 KB; `modelvs check` refuses a catalog past them, so no page is built from junk."
)
RECORD_LIMIT = 256 * 1024
"""Most bytes one record (one data file) may hold, measured as its JSON: every real record is a
few kilobytes, and a page built from a larger one is the reader's problem, not ours. Names
(`schema.base.NAME_LIMIT`, 200 characters) and other text fields (`TEXT_LIMIT`, 2,000) have
their own limits, which the schema enforces when a file is read."""

_ROUTE_FACTS = (
    "status",
    "context_window",
    "max_input",
    "max_output",
    "capabilities",
    "deprecation_date",
    "retirement_date",
)


def check(catalog: Catalog, on: dt.date, broken: Collection[tuple[str, str]] = frozenset()) -> list[Problem]:
    """Every problem in `catalog`, checked as of the day `on`.

    `broken` names the (kind, id) of files that did not load (their own problem is reported):
    a reference to one is not reported again.
    """
    checker = _Checker(catalog, on, broken)
    return sorted(checker.run())


class _Checker:
    def __init__(self, catalog: Catalog, on: dt.date, broken: Collection[tuple[str, str]]) -> None:
        self.catalog = catalog
        self.on = on
        self.broken = broken
        self.unrouted = {split_route_id(rid)[1] for kind, rid in broken if kind == "route"}
        """Models with a route file that did not load: "no route" would repeat its problem."""

    def missing(self, kind: str, rid: str, known: Collection[str]) -> bool:
        """Whether a reference to `kind` `rid` is unknown and not explained by a broken file."""
        return rid not in known and (kind, rid) not in self.broken

    def file(self, kind: str, rid: str) -> str:
        return self.catalog.files.get((kind, rid), f"{kind}:{rid}")

    def run(self) -> Iterator[Problem]:
        for lid, lab in self.catalog.labs.items():
            yield from self.sourced("lab", lid, lab, ())
        for pid, provider in self.catalog.providers.items():
            yield from self.sourced("provider", pid, provider, ("trust", "trust_reason"))
            if provider.lab is not None and self.missing("lab", provider.lab, self.catalog.labs):
                yield Problem(self.file("provider", pid), None, "lab", f"unknown lab {provider.lab!r}")
            for i, fee in enumerate(provider.fees):
                if fee.citation not in provider.citations:
                    yield self.no_citation("provider", pid, f"fees.{i}.citation", fee.citation)
        for mid, model in self.catalog.models.items():
            yield from self.model(mid, model)
        yield from check_results(self.catalog, self.broken)
        for rid, route in self.catalog.routes.items():
            yield from self.route(rid, route)
        yield from self.duplicate_aliases()

    def no_citation(self, kind: str, rid: str, field: str, key: str) -> Problem:
        return Problem(self.file(kind, rid), None, field, f"citation {key!r} is not in citations")

    def sourced(self, kind: str, rid: str, record: Sourced, facts: tuple[str, ...]) -> Iterator[Problem]:
        shown = self.file(kind, rid)
        for key, citation in record.citations.items():
            yield from self.citation(shown, f"citations.{key}", citation)
        for fieldpath, key in record.provenance.items():
            if key not in record.citations:
                yield self.no_citation(kind, rid, f"provenance.{fieldpath}", key)
        for i, alt in enumerate(record.alternatives):
            if alt.citation not in record.citations:
                yield self.no_citation(kind, rid, f"alternatives.{i}.citation", alt.citation)
            elif alt.note is None:
                yield Problem(
                    shown,
                    None,
                    alt.field,
                    f"sources disagree: kept {_value_at(record, alt.field)!r}, "
                    f"{record.citations[alt.citation].source} says {alt.value!r}",
                    Severity.WARNING,
                )
        set_fields = record.model_fields_set
        for name in facts:
            if name in set_fields and not _has_provenance(record, name):
                yield Problem(shown, None, name, "value has no source (add it to provenance)")

    def citation(self, shown: str, fieldpath: str, citation: Citation) -> Iterator[Problem]:
        source = self.catalog.sources.get(citation.source)
        if source is None:
            if self.missing("source", citation.source, self.catalog.sources):
                yield Problem(shown, None, f"{fieldpath}.source", f"unknown source {citation.source!r}")
            return
        checked = citation.checked or citation.retrieved or source.retrieved
        if self.on - checked > STALE_AFTER:
            yield Problem(
                shown,
                None,
                fieldpath,
                f"last checked {checked.isoformat()}, over a year before {self.on.isoformat()}",
                Severity.WARNING,
            )

    def model(self, mid: str, model: Model) -> Iterator[Problem]:
        shown = self.file("model", mid)
        yield from self.sourced("model", mid, model, MODEL_FACTS)
        lab = mid.split("/", 1)[0]
        if self.missing("lab", lab, self.catalog.labs):
            yield Problem(shown, None, "", f"unknown lab {lab!r} (add data/labs/{lab}.toml)")
        if not self.catalog.routes_by_model.get(mid) and mid not in self.unrouted:
            yield Problem(shown, None, "", "model has no route (no provider sells it)")
        if (
            model.context_window is not None
            and model.max_output is not None
            and model.max_output > model.context_window
        ):
            yield Problem(
                shown, None, "max_output", "max_output exceeds the context window", Severity.WARNING
            )
        for i, result in enumerate(model.benchmarks):
            yield from result_problems(
                self.catalog, shown, f"benchmarks.{i}", result, model.citations, self.broken
            )
        for found in contradictions(model):
            yield Problem(shown, None, f"capabilities.{found.capability.value}", found.message())
        yield from _too_large(shown, model)
        if model.billed_as is not None and self.missing("model", model.billed_as, self.catalog.models):
            yield Problem(shown, None, "billed_as", f"unknown model {model.billed_as!r}")

    def route(self, rid: str, route: Route) -> Iterator[Problem]:
        shown = self.file("route", rid)
        provider, model = split_route_id(rid)
        yield from self.sourced("route", rid, route, _ROUTE_FACTS)
        if self.missing("provider", provider, self.catalog.providers):
            yield Problem(shown, None, "", f"unknown provider {provider!r}")
        if self.missing("model", model, self.catalog.models):
            yield Problem(shown, None, "", f"unknown model {model!r}")
        for i, schedule in enumerate(route.prices):
            yield from self.schedule(rid, route, f"prices.{i}", schedule)
        yield from self.overlaps(shown, route)
        if (route_qualifier(rid) is None) != (route.variant is None):
            yield Problem(
                shown, None, "variant", "a variant route needs `@qualifier` in its file name and a `variant`"
            )
        yield from _too_large(shown, route)
        if route.billed_as is not None and self.missing("model", route.billed_as, self.catalog.models):
            yield Problem(shown, None, "billed_as", f"unknown model {route.billed_as!r}")
        if route.price_check is not None:
            cite = route.citations.get(route.price_check.citation)
            source = self.catalog.sources.get(cite.source) if cite else None
            if source is None or source.kind is not SourceKind.CURATED:
                yield Problem(
                    shown, None, "price_check.citation", "a price check must cite a curated (reviewed) source"
                )

    def schedule(self, rid: str, route: Route, where: str, schedule: PriceSchedule) -> Iterator[Problem]:
        shown = self.file("route", rid)
        if schedule.citation not in route.citations:
            yield Problem(shown, None, f"{where}.citation", "price has no source")
        if schedule.input is None and schedule.output is None and not schedule.per_unit:
            yield Problem(shown, None, where, "schedule prices nothing")
        for field, value in _prices_in(schedule):
            if is_noisy(value):
                yield Problem(
                    shown, None, f"{where}.{field}", f"{value} carries float noise: write the exact price"
                )
        last = 0
        for j, tier in enumerate(schedule.tiers):
            if tier.threshold <= last:
                yield Problem(shown, None, f"{where}.tiers.{j}.threshold", "tiers out of order")
            last = tier.threshold

    def overlaps(self, shown: str, route: Route) -> Iterator[Problem]:
        by_mode: dict[str, list[PriceSchedule]] = defaultdict(list)
        for schedule in route.prices:
            by_mode[schedule.mode].append(schedule)
        for mode, schedules in by_mode.items():
            ordered = sorted(schedules, key=lambda s: s.effective_from or dt.date.min)
            for earlier, later in itertools.pairwise(ordered):
                end = earlier.effective_until or dt.date.max
                if (later.effective_from or dt.date.min) < end:
                    yield Problem(shown, None, "prices", f"two {mode} schedules overlap in time")

    def duplicate_aliases(self) -> Iterator[Problem]:
        owners: dict[str, set[str]] = defaultdict(set)
        for mid, model in self.catalog.models.items():
            for aliases in model.aliases.values():
                for alias in aliases:
                    owners[name_key(alias)].add(mid)
            owners[name_key(mid)].add(mid)
        for key, mids in sorted(owners.items()):
            if len(mids) > 1:
                first, *rest = sorted(mids)
                yield Problem(
                    self.file("model", first),
                    None,
                    "aliases",
                    f"alias {key!r} is shared with {', '.join(rest)}: one model, or two?",
                )


def _too_large(shown: str, record: Sourced) -> Iterator[Problem]:
    size = len(record.__pydantic_serializer__.to_json(record))
    if size > RECORD_LIMIT:
        yield Problem(shown, None, "", f"the record is {size:,} bytes; the limit is {RECORD_LIMIT:,}")


def _prices_in(schedule: PriceSchedule) -> Iterator[tuple[str, Decimal]]:
    """(field path, value) of every amount in a schedule, tiers and cache writes included."""
    for rates, prefix in ((schedule, ""), *((t, f"tiers.{j}.") for j, t in enumerate(schedule.tiers))):
        for name in TOKEN_COMPONENTS:
            value = getattr(rates, name)
            if value is not None:
                yield prefix + name, value
        for ttl, value in rates.cache_write.items():
            yield f"{prefix}cache_write.{ttl}", value
    for unit, value in schedule.per_unit.items():
        yield f"per_unit.{unit.value}", value


def _has_provenance(record: Sourced, fieldpath: str) -> bool:
    return any(
        fieldpath == key or fieldpath.startswith(key + ".") or key.startswith(fieldpath + ".")
        for key in record.provenance
    )


def _value_at(record: Sourced, fieldpath: str) -> object:
    value: object = record
    for part in fieldpath.split("."):
        if isinstance(value, dict):
            value = value.get(part)
        elif isinstance(value, list) and part.isdigit():
            value = value[int(part)] if int(part) < len(value) else None
        else:
            value = getattr(value, part, None)
    return value
