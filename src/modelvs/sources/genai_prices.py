"""genai-prices (PyPI `genai-prices`, pydantic): route prices with tiers, modes and dated history.

genai-prices resolves a price as: the base prices in force on the day (the last
`ConditionalPrice` whose constraint holds), then every `price_variant` whose `when` matches the
request context and whose constraint holds, first to last, each price key taken from the first
such variant that sets it (`ModelInfo.get_prices`). So a variant's partial prices inherit the
base prices, of that day, for every component it does not set: Gemini's batch variant sets
input and output only, and batch cache reads keep the standard rate.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Context, Decimal, Inexact
from typing import Any

from modelvs.catalog.money import denoise
from modelvs.sources.identity import identify, is_router
from modelvs.sources.proposal import Offer, Proposal
from modelvs.sources.providers import FIRST_PARTY, provider_kind

SOURCE_ID = "genai-prices"

_PROVIDER_IDS = {
    "aws": "amazon-bedrock",
    "cloudflare": "cloudflare-workers-ai",
    "fireworks": "fireworks-ai",
    "meta": "llama",
    "novita": "novita-ai",
    "together": "togetherai",
    "x-ai": "xai",
}
"""genai-prices provider id -> models.dev id, where they differ; `google` covers AI Studio."""
_SKIP_PROVIDERS = {
    "cursor": "subscription plan (an IDE), not a per-token API",
    "github-copilot": "subscription plan billed in credits, not a per-token API",
    "openai-decisions": "an OpenAI API product priced per GPT model, not a provider of its own",
}
_MODES = {
    ("processing", "batch"): "batch",
    ("service_tier", "flex"): "flex",
    ("service_tier", "priority"): "priority",
    # An explicit default tier is the standard price (every such variant is empty today).
    ("service_tier", "default"): "standard",
    # OpenAI's `fast` tier is priority processing by another name (genai-prices repeats the
    # priority rates for it): read as priority only where no priority variant exists.
    ("service_tier", "fast"): "priority",
}
_MODE_ORDER = ("standard", "batch", "flex", "priority")
_RATES: dict[str, tuple[str, ...]] = {
    "input_mtok": ("input",),
    "output_mtok": ("output",),
    "cache_read_mtok": ("cache_read",),
    "cache_write_mtok": ("cache_write", "default"),
    "cache_write_5m_mtok": ("cache_write", "5m"),
    "cache_write_1h_mtok": ("cache_write", "1h"),
    "output_reasoning_mtok": ("reasoning",),
    "input_audio_mtok": ("input_audio",),
    "output_audio_mtok": ("output_audio",),
    "input_image_mtok": ("input_image",),
    "output_image_mtok": ("output_image",),
}
"""genai-prices price key per 1M tokens -> our component (and cache TTL)."""
_UNITS = {
    "requests_kcount": ("request", 1000),
    "web_searches_kcount": ("web_search", 1000),
    "audio_hours": ("audio_second", 3600),
    "input_audio_hours": ("audio_second", 3600),
}
"""genai-prices per-count price key -> our per-unit fee and the count it is priced per."""
_CHECKED = re.compile(r"\b(?:verified|checked)(?: on)?[ ,:]*(\d{4}-\d{2}-\d{2})", re.IGNORECASE)
_DAY = 24 * 60
_EXACT = Context(traps=[Inexact])
"""Divides only when the quotient is exact: money is never rounded."""
_SOURCE = {
    "name": "genai-prices",
    "kind": "package",
    "package": "genai-prices",
    "url": "https://github.com/pydantic/genai-prices",
    "license": "MIT",
    "description": "Pydantic's price data: context tiers, cache, batch/flex/priority, price history.",
}


@dataclass(frozen=True)
class Tiered:
    """A cliff price: `base`, or a tier's price once total input tokens exceed its start."""

    base: Decimal
    tiers: tuple[tuple[int, Decimal], ...]


Value = Decimal | Tiered
Prices = tuple[tuple[str, Value], ...]
"""genai-prices price key -> value, as read."""


@dataclass(frozen=True)
class Dated:
    """Prices with their condition: a start date, a daily UTC window in minutes, or none."""

    prices: Prices
    start: dt.date | None = None
    window: tuple[int, int] | None = None
    when: tuple[tuple[str, str], ...] = ()
    """Request context the prices need (price variants only)."""


@dataclass(frozen=True)
class Entry:
    """One genai-prices model entry of one provider."""

    provider: str
    provider_name: str
    pricing_urls: tuple[str, ...]
    provider_comments: str | None
    model_id: str
    name: str | None
    context_window: int | None
    deprecated: bool
    comments: str | None
    exact_ids: tuple[str, ...]
    """The `equals` ids of the entry's match logic (at top level or under `or`)."""
    prices: tuple[Dated, ...]
    variants: tuple[Dated, ...]


def fetch() -> list[Any]:
    """genai-prices' provider objects (the package's bundled data)."""
    from genai_prices.data import providers

    return list(providers)


def parse(raw: list[Any]) -> list[Entry]:
    """Plain entries from genai-prices' `Provider`/`ModelInfo` objects, in the package's order."""
    return [
        Entry(
            provider.id,
            provider.name,
            tuple(provider.pricing_urls or ()),
            provider.price_comments,
            model.id,
            model.name,
            model.context_window,
            bool(model.deprecated),
            model.price_comments,
            tuple(_equals(model.match)),
            tuple(_dated(c.prices, c.constraint) for c in model.prices)
            if isinstance(model.prices, list)
            else (_dated(model.prices, None),),
            tuple(_dated(v.prices, v.constraint, tuple(v.when.items())) for v in model.price_variants or ()),
        )
        for provider in raw
        for model in provider.models
    ]


def translate(entries: list[Entry], retrieved: dt.date, version: str) -> Proposal:
    """Offers for providers, models and routes (one per exact id an entry matches); pure."""
    skipped: list[tuple[str, str]] = []
    providers: dict[str, Offer] = {}
    models: dict[str, tuple[dict[str, Any], str, str | None, set[str], str]] = {}
    routes: dict[str, Offer] = {}
    skipped.extend(sorted({(e.provider, r) for e in entries if (r := _skip_reason(e.provider))}))
    kept = [e for e in entries if not _skip_reason(e.provider) and not is_router(e.model_id)]
    skipped.extend(
        (f"{e.provider}.models.{e.model_id}", "a router that picks another model per request, not a model")
        for e in entries
        if is_router(e.model_id)
    )
    # Lab APIs first so their names lead; on a shared route, Bedrock's global profiles (the
    # list price) beat regional ones, and paid entries beat `:free` rate-limited copies.
    for entry in sorted(kept, key=_order):
        pid = _provider(entry)
        locator = f"{entry.provider}.models.{entry.model_id}"
        url = entry.pricing_urls[0] if entry.pricing_urls else None
        checked = _checked(entry.comments) or _checked(entry.provider_comments)
        if pid not in providers:
            values: dict[str, Any] = {"name": entry.provider_name, "kind": provider_kind(pid).value}
            values["pricing_urls"] = [u for u in entry.pricing_urls if u.startswith(("http://", "https://"))]
            if pid in FIRST_PARTY:
                values["lab"] = FIRST_PARTY[pid]
            providers[pid] = Offer(
                "provider", pid, values, entry.provider, url=url, checked=_checked(entry.provider_comments)
            )
        prices = _schedules(entry, locator, skipped)
        for index, group in enumerate(_groups(entry, pid, locator, skipped)):
            mid = identify(group[0], provider_lab=FIRST_PARTY.get(pid), provider=pid).id
            model_values: dict[str, Any] = {
                "name": (entry.name or entry.model_id) if index == 0 else group[0]
            }
            if entry.context_window:
                model_values["context_window"] = entry.context_window
            route_values: dict[str, Any] = {"provider_model_id": group[0]}
            if entry.deprecated:
                # A host retiring its copy does not deprecate the model; the lab's own API does.
                route_values["status"] = "deprecated"
                if pid in FIRST_PARTY:
                    model_values["status"] = "deprecated"
            models.setdefault(mid, (model_values, locator, url, set(), pid))[3].update(group)
            # genai-prices' `google` is AI Studio and Vertex AI in one; only Vertex AI serves
            # other labs' models (Claude, Llama), so those listings are Vertex AI's.
            seller = "google-vertex" if pid == "google" and not mid.startswith("google/") else pid
            rid = f"{seller}:{mid}"
            if rid in routes:
                skipped.append((locator, f"same route as {routes[rid].locator}; the first is kept"))
                continue
            routes[rid] = Offer("route", rid, route_values, locator, url, checked, prices=prices)
    model_offers = [
        Offer("model", mid, values, locator, url, aliases=tuple(sorted(aliases)), listing=pid)
        for mid, (values, locator, url, aliases, pid) in models.items()
    ]
    offers = (*providers.values(), *model_offers, *routes.values())
    source = {**_SOURCE, "version": version, "retrieved": retrieved}
    return Proposal(SOURCE_ID, source, offers, tuple(dict.fromkeys(skipped)))


def _order(entry: Entry) -> tuple[bool, bool, bool]:
    free = entry.model_id.endswith((":free", "-free"))
    return _provider(entry) not in FIRST_PARTY, entry.model_id.startswith("regional."), free


def _skip_reason(provider: str) -> str | None:
    if provider.startswith("huggingface_"):
        return "Hugging Face router price through one upstream; a route has no slot for the upstream"
    return _SKIP_PROVIDERS.get(provider)


def _provider(entry: Entry) -> str:
    return _PROVIDER_IDS.get(entry.provider, entry.provider)


def _groups(entry: Entry, pid: str, locator: str, skipped: list[tuple[str, str]]) -> list[list[str]]:
    """The entry's ids grouped by the model they name; the entry's own id's group first."""
    groups: dict[str, list[str]] = {}
    for raw in (entry.model_id, *entry.exact_ids):
        model_id = raw.removeprefix("regional.")  # genai-prices' label for Bedrock's unprefixed ids
        if raw != entry.model_id and model_id.endswith("latest"):
            skipped.append((locator, f"moving alias {raw!r}: it names whichever model is current"))
            continue
        key = identify(model_id, provider_lab=FIRST_PARTY.get(pid), provider=pid).key
        if model_id not in groups.setdefault(key, []):
            groups[key].append(model_id)
    return list(groups.values())


def _checked(comments: str | None) -> dt.date | None:
    """The earliest date the comments say prices were verified: every rate named was checked by then."""
    days = [m.group(1) for m in _CHECKED.finditer(comments or "")]
    try:
        return min((dt.date.fromisoformat(day) for day in days), default=None)
    except ValueError:  # a mistyped date in a comment is no check date
        return None


def _schedules(
    entry: Entry, locator: str, skipped: list[tuple[str, str]]
) -> tuple[dict[str, Any], ...] | None:
    """Every mode's schedules over time; what cannot be expressed goes to `skipped`."""
    base = [d for d in entry.prices if d.window is None]
    timed = [d for d in entry.prices if d.window is not None]
    off_peak: list[Dated] = []
    if timed:
        windows = ", ".join(_window(d) for d in timed)
        if len({d.prices for d in timed}) == 1:
            # DeepSeek bills a peak rate in daily windows and half of it at all other hours:
            # the peak rate is the list price a reader checks against; the other is off-peak.
            off_peak, base = base, [Dated(timed[0].prices)]
            skipped.append((locator, f"peak price at {windows}; the rest of the day is the off_peak mode"))
        else:
            skipped.append((locator, f"time-of-day price at {windows}: time of day is not representable"))
    variants: dict[str, list[Dated]] = {}
    for v in entry.variants:
        mode = _MODES.get(v.when[0]) if len(v.when) == 1 else None
        if mode is None or v.window is not None:
            condition = ", ".join(f"{k}={x}" for k, x in v.when) + (f" at {_window(v)}" if v.window else "")
            skipped.append((locator, f"price variant for {condition}: no matching price mode"))
        elif v.when[0][1] != "fast" or not any(
            w.when == (("service_tier", "priority"),) for w in entry.variants
        ):
            variants.setdefault(mode, []).append(v)
    schedules: list[dict[str, Any]] = []
    unknown: set[str] = set()
    timelines = [(m, _timeline(base, variants.get(m, []), m == "standard")) for m in _MODE_ORDER]
    if off_peak:
        timelines.append(("off_peak", _timeline(off_peak, [], True)))
    for mode, timeline in timelines:
        for start, until, prices in timeline:
            schedule = _schedule(mode, start, until, prices, unknown)
            if set(schedule) - {"mode", "effective_from", "effective_until"}:  # it prices something
                schedules.append(schedule)
    skipped.extend(
        (f"{locator}.prices.{key}", "price component with no field (or no exact conversion)")
        for key in sorted(unknown)
    )
    return tuple(schedules) or None


def _window(d: Dated) -> str:
    start, end = d.window or (0, 0)
    return f"{start // 60:02d}:{start % 60:02d}-{end // 60:02d}:{end % 60:02d} UTC"


def _active(d: Dated, day: dt.date | None) -> bool:
    return d.start is None or (day is not None and d.start <= day)


def _timeline(
    base: list[Dated], variants: list[Dated], standard: bool
) -> list[tuple[dt.date | None, dt.date | None, dict[str, Value]]]:
    """(from, until, prices) per stretch of days over which the resolved prices do not change.

    Before the earliest start date only unconstrained prices count (genai-prices would fall
    back to its first price; a price that starts on a date is not proposed for days before it).
    A batch/flex/priority stretch exists only while one of its variants is in force.
    """
    days: list[dt.date | None] = [None, *sorted({d.start for d in (*base, *variants) if d.start})]
    found: list[tuple[dt.date | None, dt.date | None, dict[str, Value]]] = []
    for i, day in enumerate(days):
        active = [v for v in variants if _active(v, day)]
        current = next((d for d in reversed(base) if _active(d, day)), None)
        if current is None or not (standard or active):
            continue
        prices = dict(current.prices)
        overrides: dict[str, Value] = {}
        for v in active:
            for key, value in v.prices:
                overrides.setdefault(key, value)
        prices |= overrides
        until = days[i + 1] if i + 1 < len(days) else None
        if found and found[-1][1] == day and found[-1][2] == prices:
            found[-1] = (found[-1][0], until, prices)
        else:
            found.append((day, until, prices))
    return found


def _schedule(
    mode: str, start: dt.date | None, until: dt.date | None, prices: dict[str, Value], unknown: set[str]
) -> dict[str, Any]:
    """A `PriceSchedule` dict; a tier row carries every tiered component at the price in force above it."""
    schedule: dict[str, Any] = {"mode": mode}
    if start:
        schedule["effective_from"] = start
    if until:
        schedule["effective_until"] = until
    tiered = {k: v for k, v in prices.items() if k in _RATES and isinstance(v, Tiered)}
    starts = sorted({s for v in tiered.values() for s, _ in v.tiers})
    # genai-prices bills a tier when total input tokens `> start`.
    tiers: list[dict[str, Any]] = [{"threshold": s, "comparison": ">"} for s in starts]
    for key, value in sorted(prices.items()):
        base = value.base if isinstance(value, Tiered) else value
        if key in _UNITS and not isinstance(value, Tiered):
            unit, per = _UNITS[key]
            try:
                schedule.setdefault("per_unit", {})[unit] = _EXACT.divide(base, per)
                continue
            except Inexact:
                pass
        if key not in _RATES:
            unknown.add(key)
            continue
        _put(schedule, _RATES[key], base)
        steps = value.tiers if isinstance(value, Tiered) else ()
        for row in tiers:
            in_force = [price for s, price in steps if s <= row["threshold"]]
            if in_force:
                _put(row, _RATES[key], in_force[-1])
    if tiers:
        schedule["tiers"] = tiers
    return schedule


def _put(target: dict[str, Any], path: tuple[str, ...], value: Decimal) -> None:
    if len(path) == 1:
        target[path[0]] = value
    else:
        target.setdefault(path[0], {})[path[1]] = value


def _equals(clause: Any) -> list[str]:
    if hasattr(clause, "equals"):
        return [str(clause.equals)]
    if hasattr(clause, "or_"):
        return [found for inner in clause.or_ for found in _equals(inner)]
    return []


def _dated(prices: Any, constraint: Any, when: tuple[tuple[str, str], ...] = ()) -> Dated:
    values = tuple(
        (k, _value(k, v)) for k, v in vars(prices).items() if v is not None and not k.startswith("_")
    )
    if constraint is None:
        return Dated(values, when=when)
    if hasattr(constraint, "start_date"):
        return Dated(values, start=constraint.start_date, when=when)
    start, end = constraint.start_time, constraint.end_time
    return Dated(values, window=(start.hour * 60 + start.minute, end.hour * 60 + end.minute), when=when)


def _value(key: str, value: Any) -> Value:
    if hasattr(value, "tiers"):
        tiers = tuple(sorted((int(t.start), _decimal(key, t.price)) for t in value.tiers))
        return Tiered(_decimal(key, value.base), tiers)
    return _decimal(key, value)


def _decimal(key: str, value: Any) -> Decimal:
    if not isinstance(value, Decimal) or not value.is_finite() or value < 0:
        raise ValueError(f"genai-prices: price {key!r} is {value!r}, not a non-negative Decimal")
    return denoise(value)
