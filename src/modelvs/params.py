"""Parsing what a person types (CLI flags, query parameters): pure, failing with what is accepted.

Counts like `800`, `200k`, `1.5M`; shares like `0.5` or `50%`. Errors are `ParamError`: the
CLI turns them into exit status 2, the web layer into a 422.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol, TypeVar

from modelvs.engine.workload import DEFAULT_WORKLOAD, Profile, Workload
from modelvs.schema.vocab import Capability, Modality, ModelKind

if TYPE_CHECKING:
    from modelvs.engine.monthly import RouteSet
    from modelvs.engine.rank import Needs, RankOrder

# The engine's types are imported where a parser builds one: a command that parses a count does
# not load the comparison engine.

_COUNT = re.compile(r"^(\d{1,15}(?:\.\d{1,9})?)\s*([kKmMbB]?)$")
_SCALE = {"": 1, "k": 1_000, "m": 1_000_000, "b": 1_000_000_000}
MAX_REQUESTS = 10**12
MAX_TOKENS = 10**8
WORKLOAD_PARAMS = ("requests", "input", "output", "cached", "reasoning", "batch_share")
E = TypeVar("E", bound=StrEnum)


def __getattr__(name: str) -> int:
    if name == "MAX_NAMES":
        return _max_names()
    raise AttributeError(name)


def _max_names() -> int:
    """Model names one request may list: a comparison takes at most this many models."""
    from modelvs.engine.compare.comparison import MAX_MODELS

    return MAX_MODELS


class ParamError(ValueError):
    """A query parameter that cannot be used: which one, and what it accepts."""

    def __init__(self, param: str, detail: str) -> None:
        self.param = param
        self.detail = detail
        super().__init__(f"{param}: {detail}")


def parse_count(text: str, param: str, maximum: int = MAX_TOKENS) -> int:
    """`800`, `200k`, `1.5M` -> a whole number no larger than `maximum`."""
    match = _COUNT.match(text.strip())
    if match is None:
        raise ParamError(param, f"takes a count like 800, 200k or 1.5M, got {text[:40]!r}")
    value = Decimal(match.group(1)) * _SCALE[match.group(2).lower()]
    if value != value.to_integral_value():
        raise ParamError(param, f"must come to a whole number, got {text[:40]!r}")
    if value > maximum:
        raise ParamError(param, f"must be at most {maximum:,}, got {text[:40]!r}")
    return int(value)


def parse_share(text: str, param: str) -> Decimal:
    """`0.5`, `50%` -> Decimal('0.5'); must lie in 0..1."""
    raw = text.strip()
    if len(raw) > 20:
        raise ParamError(param, "takes a share like 0.5 or 50%")
    try:
        value = Decimal(raw[:-1]) / 100 if raw.endswith("%") else Decimal(raw)
    except InvalidOperation:
        raise ParamError(param, f"takes a share like 0.5 or 50%, got {text[:40]!r}") from None
    if not value.is_finite() or not 0 <= value <= 1:
        raise ParamError(param, f"must be between 0 and 1 (or 0% and 100%), got {text[:40]!r}")
    return value


def parse_workload(query: Mapping[str, str]) -> Workload:
    """The workload in a query string; absent parameters take the default workload's values."""
    base = DEFAULT_WORKLOAD.profiles[0]

    def count(name: str, default: int, maximum: int = MAX_TOKENS) -> int:
        raw = query.get(name)
        return default if raw is None or raw.strip() == "" else parse_count(raw, name, maximum)

    requests = count("requests", DEFAULT_WORKLOAD.requests_per_month, MAX_REQUESTS)
    input_ = count("input", base.input_tokens)
    cached = count("cached", 0)
    if cached > input_:
        raise ParamError("cached", f"is part of input and cannot exceed it ({cached:,} > {input_:,})")
    profile = Profile(input_, count("output", base.output_tokens), cached, count("reasoning", 0))
    batch_raw = query.get("batch_share", "")
    batch = parse_share(batch_raw, "batch_share") if batch_raw.strip() else Decimal(0)
    return Workload(requests, (profile,), batch)


def workload_query(workload: Workload) -> dict[str, str]:
    """The query parameters that reproduce `workload` (single-profile workloads)."""
    p = workload.profiles[0]
    return {
        "requests": str(workload.requests_per_month),
        "input": str(p.input_tokens),
        "output": str(p.output_tokens),
        "cached": str(p.cached_tokens),
        "reasoning": str(p.reasoning_tokens),
        "batch_share": format(workload.batch_share.normalize(), "f"),
    }


def parse_vocab(enum: type[E], values: list[str], param: str) -> frozenset[E]:
    """Values of a closed vocabulary, comma separated or repeated; unknown ones fail listing the known."""
    known = {e.value: e for e in enum}
    found: set[E] = set()
    for value in (v.strip() for raw in values for v in raw.split(",")):
        if not value:
            continue
        if value not in known:
            raise ParamError(param, f"unknown value {value[:40]!r}; accepted: {', '.join(known)}")
        found.add(known[value])
    return frozenset(found)


def parse_needs(
    capabilities: list[str],
    min_context: str | None,
    modalities: list[str],
    kinds: list[str] | None = None,
    include_retired: str | None = None,
    routes: str | None = None,
    min_rating: str | None = None,
    rating_category: str | None = None,
) -> Needs:
    """Requirement filters: capabilities that must be a known yes, a minimum context, input
    modalities, model kinds (text by default), whether retired models count, which routes, and a
    lowest Arena rating (overall or in a category)."""
    from modelvs.engine.rank import Needs

    return Needs(
        capabilities=parse_vocab(Capability, capabilities, "capability"),
        min_context=parse_count(min_context, "min_context", 10**9)
        if min_context and min_context.strip()
        else None,
        input_modalities=parse_vocab(Modality, modalities, "input_modality"),
        kinds=parse_vocab(ModelKind, kinds or [], "kind") or frozenset({ModelKind.TEXT}),
        include_retired=parse_flag(include_retired, "include_retired"),
        routes=parse_routes(routes),
        min_rating=parse_rating(min_rating),
        rating_category=parse_category(rating_category),
    )


def parse_rating(text: str | None) -> Decimal | None:
    """A rating like `1450` or `1450.5` (absent: none)."""
    value = (text or "").strip()
    if not value:
        return None
    if not re.fullmatch(r"\d{1,5}(\.\d{1,3})?", value):
        raise ParamError("min_rating", f"takes a rating like 1450, got {value[:40]!r}")
    return Decimal(value)


def parse_category(text: str | None) -> str:
    """An Arena category id (`overall` when absent); letters, digits and dashes."""
    value = (text or "").strip().lower().replace("_", "-") or "overall"
    if not re.fullmatch(r"[a-z][a-z-]{0,40}", value):
        raise ParamError("rating_category", f"takes a category id like coding, got {value[:40]!r}")
    return value


def parse_order(text: str | None) -> RankOrder:
    """`cost` (the default), `rating` or `value` (rating points per dollar)."""
    from modelvs.engine.rank import RankOrder

    value = (text or "").strip().lower() or RankOrder.COST.value
    try:
        return RankOrder(value)
    except ValueError:
        raise ParamError("sort", f"takes cost, rating or value, got {value[:40]!r}") from None


class MultiQuery(Protocol):
    """A query string with repeated keys (Starlette's `QueryParams`)."""

    def get(self, key: str, /) -> str | None: ...

    def getlist(self, key: str) -> list[str]: ...


def needs_in(query: MultiQuery) -> Needs:
    """The requirement filters of a query string: `capability`, `min_context`, `input_modality`,
    `kind`, `include_retired`, `routes`, `min_rating` and `rating_category` (see `parse_needs`)."""
    return parse_needs(
        query.getlist("capability"),
        query.get("min_context"),
        query.getlist("input_modality"),
        query.getlist("kind"),
        query.get("include_retired"),
        query.get("routes"),
        query.get("min_rating"),
        query.get("rating_category"),
    )


def parse_flag(text: str | None, param: str) -> bool:
    """`1`, `true`, `yes` or `0`, `false`, `no` (absent: false)."""
    value = (text or "").strip().lower()
    if value in ("", "0", "false", "no"):
        return False
    if value in ("1", "true", "yes"):
        return True
    raise ParamError(param, f"takes true or false, got {value[:40]!r}")


def parse_routes(text: str | None) -> RouteSet:
    """`vetted` (the default) or `all`."""
    from modelvs.engine.monthly import RouteSet

    value = (text or "").strip().lower() or RouteSet.VETTED.value
    try:
        return RouteSet(value)
    except ValueError:
        raise ParamError("routes", f"takes vetted or all, got {value[:40]!r}") from None


def parse_int(text: str | None, param: str, default: int, low: int, high: int) -> int:
    """A plain whole number in [low, high] (pagination)."""
    if text is None or not text.strip():
        return default
    if not text.strip().isdigit() or len(text.strip()) > 9:
        raise ParamError(param, f"takes a whole number from {low} to {high}, got {text[:40]!r}")
    value = int(text.strip())
    if not low <= value <= high:
        raise ParamError(param, f"takes a whole number from {low} to {high}, got {value}")
    return value


def parse_date(text: str | None, param: str = "on") -> dt.date | None:
    """`YYYY-MM-DD`, or None when absent (the caller's default: today)."""
    if text is None or not text.strip():
        return None
    raw = text.strip()
    try:
        if len(raw) == 10:  # fromisoformat also takes 20261124 and week dates
            return dt.date.fromisoformat(raw)
    except ValueError:
        pass
    raise ParamError(param, f"takes a date as YYYY-MM-DD, got {text[:40]!r}")


def parse_models(text: str | None, param: str = "models") -> list[str]:
    """A comma-separated list of model names (ids, slugs or aliases), order kept, blanks dropped;
    at most `MAX_NAMES` of them, refused before any is looked up."""
    names = [n.strip() for n in (text or "").split(",") if n.strip()]
    if not names:
        raise ParamError(param, "takes model names separated by commas, e.g. gpt-4o,gemini-2.5-pro")
    most = _max_names()
    if len(names) > most:
        raise ParamError(param, f"takes at most {most} model names, got {len(names)}")
    if any(len(n) > 200 for n in names):
        raise ParamError(param, "a model name is at most 200 characters")
    return names
