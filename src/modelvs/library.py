"""The library's front door: a catalog, the price of one request, a comparison, a ranking.

    import modelvs
    modelvs.price("gpt-4o-2024-11-20", input_tokens=1000, output_tokens=100, provider="openai").total
    # Decimal('0.0035')

Names resolve as in the CLI (`catalog.resolve`: an exact id or slug first, then names and aliases;
`AmbiguousModelError` lists the candidates). Default answers use vetted routes
(`engine.monthly.RouteSet`); money is an exact `Decimal`; a date before a model's release raises
`NotYetReleasedError`. Every function takes `catalog=` to use another catalog than the shipped one.

Every Decimal in a result is exact and normalised: `Decimal('52.5')`, never `Decimal('52.50000000')`
beside `Decimal('62.000000')` (the engine's arithmetic keeps the scale of each step), so reprs read
as the amounts they are.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import os
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from types import MappingProxyType
from typing import IO, TYPE_CHECKING, Any, TypeVar

from modelvs.catalog import Catalog
from modelvs.catalog import load_catalog as _load
from modelvs.catalog.layout import holds_records, route_provider, route_qualifier
from modelvs.catalog.lifecycle import require_released
from modelvs.catalog.trust import is_vetted, route_tie, route_trust
from modelvs.engine.monthly import RouteSet
from modelvs.engine.pricing import Line, RequestPrice, price_request
from modelvs.engine.rank import Needs, Ranked, RankOrder
from modelvs.engine.rank import rank as _rank
from modelvs.engine.workload import DEFAULT_WORKLOAD, Request, Workload
from modelvs.formatting import exact
from modelvs.schema.vocab import Capability, PriceMode

if TYPE_CHECKING:
    from modelvs.engine.compare import Comparison
    from modelvs.engine.reprice import Repricing

__all__ = ["NoPriceError", "Price", "compare", "load_catalog", "price", "rank", "reprice"]

T = TypeVar("T")

_shipped: Catalog | None = None
_shipped_lock = threading.Lock()


def load_catalog(path: str | os.PathLike[str] | None = None) -> Catalog:
    """The catalog modelvs ships (`$MODELVS_DATA` if set), or the catalog folder at `path`, checked.

    The default catalog is loaded once per process and shared. Raises `FileNotFoundError` for a
    missing or empty folder and `CatalogError` (listing every error) for a catalog that fails its
    checks.
    """
    global _shipped
    if path is None:
        with _shipped_lock:
            if _shipped is None:
                _shipped = _load()
            return _shipped
    folder = Path(path)
    if not folder.is_dir() or not holds_records(folder):
        raise FileNotFoundError(f"{folder} is not a catalog folder (no models/, routes/, ... TOML files)")
    return _load(folder)


class NoPriceError(LookupError):
    """No route (of those allowed) can price the request; says why for each route tried."""


@dataclass(frozen=True)
class Price:
    """The price of one request on one route: exact and itemised."""

    model: str
    """Canonical model id (`openai/gpt-4o-2024-11-20`)."""
    route: str
    """Route id (`openai:openai/gpt-4o-2024-11-20`): the provider and the model it sells."""
    provider: str
    """Provider id (`openai`)."""
    mode: PriceMode
    """The mode billed: the one asked, or standard when the route has no price for it (see `notes`)."""
    total: Decimal
    """The request's price in USD, exact: the sum of `lines`."""
    lines: tuple[Line, ...]
    """One line per billed component: tokens, rate per 1M tokens, cost."""
    on: dt.date
    """The date whose prices were used."""
    tier_above: int | None
    """The threshold of the long-context tier billed, when the prompt crossed one."""
    vetted: bool
    """Whether default answers use this route (the lab's own API, major clouds, established hosts)."""
    notes: tuple[str, ...]
    """What the price assumes (a component billed at another rate, a mode that was not available)."""


def price(
    model: str,
    *,
    input_tokens: int,
    output_tokens: int,
    cached_tokens: int = 0,
    reasoning_tokens: int = 0,
    provider: str | None = None,
    mode: PriceMode | str = PriceMode.STANDARD,
    on: dt.date | str | None = None,
    catalog: Catalog | None = None,
) -> Price:
    """The price of one request of `model` (an id, slug, name or alias).

    `input_tokens` is the whole prompt, `cached_tokens` included; `reasoning_tokens` bill on top of
    `output_tokens`. With `provider` (an id such as `openai`, or a route id), the request is priced
    on that provider's route of the model; without it, on the cheapest vetted route (equal prices go
    to the lab's own API first). `on` (a date or `YYYY-MM-DD`, default today) picks the prices in
    effect that day. Raises `UnknownModelError` / `AmbiguousModelError` for a name, `NoPriceError`
    when no route prices the request, `NotYetReleasedError` for a date before the model's release.
    """
    cat = catalog if catalog is not None else load_catalog()
    model_id = cat.resolve(model)
    day = _day(on)
    require_released(model_id, cat.models[model_id], day)
    request = Request(
        input_tokens,
        output_tokens,
        cached_tokens=cached_tokens,
        reasoning_tokens=reasoning_tokens,
        mode=_mode(mode),
    )
    candidates = _routes(cat, model_id, provider, day)
    priced: list[tuple[tuple[Decimal, int, str, str], RequestPrice]] = []
    reasons: list[str] = []
    for rid in candidates:
        found = price_request(cat, rid, request, day)
        if found.total is None:
            reasons.append(f"{rid}: {found.why}")
            continue
        priced.append(((found.total, *route_tie(route_trust(cat, rid), route_provider(rid), rid)), found))
    if not priced:
        why = "; ".join(reasons[:5]) or "it has no route"
        raise NoPriceError(
            f"no {'vetted ' if provider is None else ''}route prices this request of {model_id}: {why}"
        )
    _, best = min(priced, key=lambda p: p[0])
    assert best.total is not None
    return normalised(
        Price(
            model_id,
            best.route,
            route_provider(best.route),
            best.mode,
            best.total,
            best.lines,
            day,
            best.tier_threshold,
            is_vetted(cat, best.route, day),
            best.notes,
        )
    )


def compare(
    *models: str,
    workload: Workload | None = None,
    on: dt.date | str | None = None,
    routes: RouteSet | str = RouteSet.VETTED,
    catalog: Catalog | None = None,
) -> Comparison:
    """A comparison of 2 to 10 models (ids, slugs, names or aliases) at `workload` (default:
    1,000,000 requests a month of 800 input and 250 output tokens) with the prices of `on`.

    The result is the engine's `Comparison`: facts with their sources, verdicts, prose and FAQ
    (`modelvs.engine.compare.comparison_to_dict` gives it as JSON-ready data).
    """
    from modelvs.engine.compare import compare as _compare  # the comparison engine loads on first use

    cat = catalog if catalog is not None else load_catalog()
    ids = [cat.resolve(m) for m in models]
    return normalised(_compare(cat, ids, workload or DEFAULT_WORKLOAD, _day(on), RouteSet(routes)))


def rank(
    needs: Needs | Iterable[Capability | str] | None = None,
    *,
    workload: Workload | None = None,
    limit: int | None = 20,
    on: dt.date | str | None = None,
    order: RankOrder | str = RankOrder.COST,
    catalog: Catalog | None = None,
) -> list[Ranked]:
    """Current text models that have every capability in `needs`, cheapest first at `workload` on
    their cheapest vetted route; `needs` is a `Needs` (for context, modalities, kinds, routes, a
    lowest Arena rating) or capability names (`["vision", "function_calling"]`). Models released
    after `on` are left out. `order` is `cost`, `rating` (Arena score, highest first) or `value`
    (rating points per dollar); each `Ranked` carries its `rating` and `per_dollar`.
    """
    cat = catalog if catalog is not None else load_catalog()
    if needs is None:
        wanted = Needs()
    elif isinstance(needs, Needs):
        wanted = needs
    else:
        wanted = Needs(capabilities=frozenset(Capability(n) for n in needs))
    day = _day(on)
    load = workload or DEFAULT_WORKLOAD
    return [
        # Each priced now (an engine entry prices on first read) and its cost normalised.
        Ranked(r.model, r.route, (cat, load, day), normalised(r.cost), r.rating)
        for r in _rank(cat, wanted, load, day, limit, RankOrder(order))
    ]


def reprice(
    path_or_file: str | os.PathLike[str] | IO[bytes] | IO[str],
    as_: Iterable[str] = (),
    *,
    routes: str = "lab",
    input_format: str | None = None,
    columns: str | Mapping[str, str] | None = None,
    suggest: int = 5,
    catalog: Catalog | None = None,
) -> Repricing:
    """A usage log (a path or an open file) priced as it was and on other models.

    The format is detected from the file (OpenTelemetry GenAI spans, OpenAI and Anthropic usage
    exports, OpenRouter activity, LiteLLM spend logs, ccusage, the plain usage CSV), or named by
    `input_format`; `columns` reads any CSV (`"date=Day,model=Model,..."` or a mapping). Each row is
    priced on the model and provider it names at the prices of its day; then on each model of `as_`
    (names as everywhere) on its lab's API (`routes="vetted"`: the cheapest vetted route), or,
    without `as_`, on the `suggest` models of the quality-per-dollar frontier that run every row.
    Raises `UsageFormatError` (with `.line` and `.field`) for a file that cannot be read.
    """
    from modelvs.engine.reprice import AltRoutes
    from modelvs.engine.reprice import reprice as _reprice
    from modelvs.usage import parse_columns, read_log
    from modelvs.usage.tokenizers import stated_ratios

    cat = catalog if catalog is not None else load_catalog()
    wanted = [cat.resolve(m) for m in ([as_] if isinstance(as_, str) else as_)]
    mapping = parse_columns(columns) if isinstance(columns, str) else columns
    try:
        chosen = AltRoutes(routes)
    except ValueError:
        raise ValueError(f"routes takes lab or vetted, got {routes!r}") from None
    notes: set[str] = set()
    if isinstance(path_or_file, (str, os.PathLike)):
        with Path(path_or_file).open("rb") as stream:
            fmt, records = read_log(stream, input_format=input_format, columns=mapping, notes=notes)
            return normalised(_reprice(
                cat, records, log_format=fmt, alternatives=wanted, routes=chosen, suggest=suggest,
                ratios=stated_ratios(), notes=notes,
            ))  # fmt: skip
    fmt, records = read_log(path_or_file, input_format=input_format, columns=mapping, notes=notes)
    return normalised(_reprice(
        cat, records, log_format=fmt, alternatives=wanted, routes=chosen, suggest=suggest,
        ratios=stated_ratios(), notes=notes,
    ))  # fmt: skip


def normalised(value: T) -> T:
    """`value` with every Decimal in it (in dataclasses, named tuples, lists and mappings) exact and
    normalised: no trailing zeros, plain notation (`Decimal('4500')`, not `4.5E+3`). Equal values,
    so nothing compares differently; a part that holds no such Decimal is returned as it is."""
    return _normal(value)  # type: ignore[no-any-return]


def _normal(value: Any) -> Any:
    kind = type(value)
    if kind is Decimal:
        plain = Decimal(exact(value))
        return value if plain.as_tuple() == value.as_tuple() else plain
    if isinstance(value, tuple | list):
        items = [_normal(v) for v in value]
        if all(a is b for a, b in zip(items, value, strict=True)):
            return value
        return kind(*items) if hasattr(kind, "_fields") else kind(items)  # a named tuple takes fields
    if kind is dict or kind is MappingProxyType:
        pairs = {k: _normal(v) for k, v in value.items()}
        if all(pairs[k] is v for k, v in value.items()):
            return value
        return pairs if kind is dict else MappingProxyType(pairs)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changed = {}
        for field in dataclasses.fields(value):
            old = getattr(value, field.name)
            new = _normal(old)
            if new is not old:
                changed[field.name] = new
        if not changed:
            return value
        made = copy.copy(value)  # frozen: set past `__setattr__`, on the copy only
        for name, new in changed.items():
            object.__setattr__(made, name, new)
        return made
    return value


def _routes(catalog: Catalog, model_id: str, provider: str | None, on: dt.date) -> list[str]:
    routes = catalog.routes_by_model.get(model_id, ())
    if provider is None:
        return [r for r in routes if is_vetted(catalog, r, on)]
    if provider in routes:
        return [provider]
    plain = [r for r in routes if route_provider(r) == provider and route_qualifier(r) is None]
    if plain:
        return plain
    sellers = sorted({route_provider(r) for r in routes})
    raise NoPriceError(
        f"{model_id} has no route on {provider!r}; providers that sell it: {', '.join(sellers) or 'none'}"
    )


def _mode(mode: PriceMode | str) -> PriceMode:
    try:
        return PriceMode(mode)
    except ValueError:
        raise ValueError(f"mode takes one of {', '.join(m.value for m in PriceMode)}, got {mode!r}") from None


def _day(on: dt.date | str | None) -> dt.date:
    if on is None:
        return dt.date.today()
    if isinstance(on, dt.date):
        return on
    try:
        return dt.date.fromisoformat(on)
    except ValueError:
        raise ValueError(f"on takes a date or YYYY-MM-DD text, got {on!r}") from None
