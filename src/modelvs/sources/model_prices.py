"""model-prices snapshot (PyPI `model-prices`): dated price history of first-party APIs.

The snapshot's `prices.<provider>.<model>.<mode>` is a timeline of intervals, each giving
the rates from its `start` (UTC) until the next; the first, with no start, also covers every
earlier time, and null rates mean the model is not sold in that mode then. Rates are USD per
1M tokens; tiers (`above`) bill the whole request once the prompt (uncached + cache reads +
cache writes) is strictly greater than `above` (`Rates.breakdown`: `prompt > tier.above`).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

from modelvs.sources.identity import identify
from modelvs.sources.proposal import Proposal, ProposedRecord
from modelvs.sources.providers import FIRST_PARTY

SOURCE_ID = "model-prices"

PROVIDERS: dict[str, str] = {
    p: p
    for p in (  # noqa: SIM905 - a list literal formats as one id per line
        "ai21 alibaba amazon-bedrock anthropic bailing cohere deepseek google inception minimax mistral "
        "moonshotai nova openai perplexity tencent-tokenhub upstage xai xiaomi zai"
    ).split()
} | {"stepfun-ai": "stepfun"}  # models.dev's `stepfun-ai` here is StepFun's plan endpoint
"""model-prices provider id -> models.dev provider id. model-prices' ids are models.dev
directory names from a newer commit; providers missing here (`meta`, whose Muse models are
not on models.dev's `llama` Llama API, `volcengine`, `cursor`, ...) have no catalog provider."""

_LABS = {"bailing": "inclusionai", "tencent-tokenhub": "tencent"}
"""Labs of first-party providers that `providers.FIRST_PARTY` does not list yet."""

_EXACT = Decimal("1e-10")


@dataclass(frozen=True)
class Tier:
    """A long-context tier: rates once the prompt exceeds `above` tokens."""

    above: int
    rates: dict[str, Decimal]


@dataclass(frozen=True)
class Rates:
    """One interval's rates, USD per 1M tokens."""

    values: dict[str, Decimal]
    """`input`, `output`, and `cache_read` / `cache_write` when priced."""
    cache_write_1h_multiple: Decimal | None
    tiers: tuple[Tier, ...]
    source: str | None
    recorded: dt.date | None = None
    """The UTC day the history first recorded these rates (`valid_from`: a models.dev commit or
    the package's first observation); for an interval without a start, the only date it has."""


@dataclass(frozen=True)
class Interval:
    start: dt.datetime | None
    rates: Rates | None


@dataclass(frozen=True)
class ModelEntry:
    """One provider's model with its timeline per mode."""

    provider: str
    model: str
    timelines: tuple[tuple[str, tuple[Interval, ...]], ...]
    status: str | None
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Unpriced:
    """Snapshot content that no route can carry (plans, estimates, time-of-day rules)."""

    locator: str
    reason: str
    provider: str
    window: tuple[dt.date, dt.date | None] | None = None
    """For a peak-price rule: the days whose base rates are not the price."""


Entry = ModelEntry | Unpriced


def fetch(path: Path | None = None) -> tuple[bytes, str]:
    """The snapshot JSON and the package version (or the file's name)."""
    if path is not None:
        return path.read_bytes(), path.name
    from importlib.metadata import version

    return resources.files("model_prices").joinpath("snapshot.json").read_bytes(), version("model-prices")


def parse(raw: bytes) -> list[Entry]:
    """Every provider-model timeline, then what cannot be priced; money as Decimal."""
    doc = json.loads(raw, parse_float=Decimal)
    if not isinstance(doc, dict) or not isinstance(doc.get("prices"), dict):
        raise ValueError("model-prices snapshot: field 'prices' must be an object")
    aliases: dict[tuple[str, str], set[str]] = {}
    for name, target in (doc.get("aliases") or {}).get("models", {}).items():
        provider, _, model = str(target).partition("/")
        aliases.setdefault((provider, model), set()).add(name)
    for provider, bases in (doc.get("bases") or {}).items():
        priced = {m.lower() for m in doc["prices"].get(provider, {})}
        for lab_model, model in bases.items():
            # A lab name the provider also prices is its own model, not another id for this one.
            if lab_model.lower() not in priced:
                aliases.setdefault((provider, model), set()).add(lab_model)
    status = doc.get("status") or {}
    entries: list[Entry] = []
    for provider, models in sorted(doc["prices"].items()):
        for model, modes in sorted(models.items()):
            where = f"prices.{provider}.{model}"
            if not isinstance(modes, dict):
                raise ValueError(f"model-prices snapshot: {where}: must be an object of modes")
            timelines = tuple(
                (mode, _intervals(f"{where}.{mode}", ivs)) for mode, ivs in sorted(modes.items())
            )
            names = tuple(sorted(aliases.get((provider, model), ())))
            entries.append(ModelEntry(provider, model, timelines, status.get(provider, {}).get(model), names))
    entries.extend(_unpriced(doc))
    return entries


def _intervals(where: str, raw: Any) -> tuple[Interval, ...]:
    if not isinstance(raw, list) or not raw:
        raise ValueError(f"model-prices snapshot: {where}: must be a non-empty list of intervals")
    found = []
    for i, item in enumerate(raw):
        here = f"{where}[{i}]"
        if not isinstance(item, dict) or "start" not in item or "rates" not in item:
            raise ValueError(f"model-prices snapshot: {here}: fields 'start' and 'rates' are required")
        try:
            start = dt.datetime.fromisoformat(item["start"].replace("Z", "+00:00")) if item["start"] else None
        except (AttributeError, ValueError):
            raise ValueError(f"model-prices snapshot: {here}: field 'start' is not an ISO time") from None
        rates = item["rates"]
        found.append(Interval(start, None if rates is None else _rates(here, rates)))
    return tuple(found)


def _rates(where: str, raw: Any) -> Rates:
    values = _money(where, raw, ("input", "output"), ("cache_read", "cache_write"))
    tiers = []
    for j, tier in enumerate(raw.get("tiers") or []):
        here = f"{where}.rates.tiers[{j}]"
        above = tier.get("above") if isinstance(tier, dict) else None
        if not isinstance(above, int) or isinstance(above, bool) or above <= 0:
            raise ValueError(f"model-prices snapshot: {here}: field 'above' must be a positive integer")
        tiers.append(Tier(above, _money(here, tier, (), ("input", "output", "cache_read", "cache_write"))))
    multiple = raw.get("cache_write_1h_multiple")
    if multiple is not None and not isinstance(multiple, (int, Decimal)):
        raise ValueError(
            f"model-prices snapshot: {where}: field 'rates.cache_write_1h_multiple' is not a number"
        )
    source = raw.get("source")
    recorded = None
    if raw.get("valid_from"):
        try:
            recorded = _day(str(raw["valid_from"]))
        except ValueError:
            where_from = f"model-prices snapshot: {where}: field 'rates.valid_from'"
            raise ValueError(f"{where_from} is not an ISO time") from None
    return Rates(values, None if multiple is None else Decimal(multiple), tuple(tiers), source, recorded)


def _money(where: str, raw: Any, required: tuple[str, ...], optional: tuple[str, ...]) -> dict[str, Decimal]:
    if not isinstance(raw, dict):
        raise ValueError(f"model-prices snapshot: {where}: field 'rates' must be an object")
    found: dict[str, Decimal] = {}
    for key in required + optional:
        value = raw.get(key)
        if value is None and key in optional:
            continue
        if isinstance(value, bool) or not isinstance(value, (int, Decimal)) or value < 0:
            raise ValueError(f"model-prices snapshot: {where}: field '{key}' must be a non-negative number")
        found[key] = Decimal(value)
    return found


def _unpriced(doc: dict[str, Any]) -> list[Unpriced]:
    found = []
    for i, rule in enumerate((doc.get("schedules") or {}).get("schedule", [])):
        try:
            start = _day(rule["valid_from"])
            until = _day(rule["valid_until"]) if rule.get("valid_until") else None
        except (KeyError, AttributeError, ValueError):
            raise ValueError(
                f"model-prices snapshot: schedules.schedule[{i}]: field 'valid_from' is invalid"
            ) from None
        if "peak_multiplier" in rule:
            reason = f"peak hours cost {rule['peak_multiplier']}x the recorded rates: no single price per day"
            found.append(Unpriced(f"schedules.schedule[{i}]", reason, rule["provider"], (start, until)))
        else:
            reason = "off-peak discount by time of day: the recorded rates stay the standard price"
            found.append(Unpriced(f"schedules.schedule[{i}]", reason, rule["provider"]))
    for i, plan in enumerate(doc.get("plans") or []):
        reason = f"subscription plan {plan.get('name')!r}: not a per-token price"
        found.append(Unpriced(f"plans[{i}]", reason, str(plan.get("provider"))))
    for i, estimate in enumerate(doc.get("estimates") or []):
        reason = f"stand-in estimate for {estimate.get('model')!r}, not a published price"
        found.append(Unpriced(f"estimates[{i}]", reason, str(estimate.get("provider"))))
    return found


def translate(entries: list[Entry], retrieved: dt.date, version: str) -> Proposal:
    """History route offers on first-party providers, and model offers; pure."""
    skipped: list[tuple[str, str]] = []
    blanks: dict[str, list[tuple[dt.date, dt.date | None]]] = {}
    for entry in entries:
        if isinstance(entry, Unpriced):
            skipped.append((entry.locator, entry.reason))
            if entry.window:
                blanks.setdefault(entry.provider, []).append(entry.window)
    models: dict[str, tuple[str, str, set[str]]] = {}
    routes: dict[str, ProposedRecord] = {}
    listed: dict[str, dt.date] = {}
    began = min((d for e in entries if isinstance(e, ModelEntry) for d in _recorded(e)), default=None)
    for entry in entries:
        if not isinstance(entry, ModelEntry):
            continue
        locator = f"prices.{entry.provider}.{entry.model}"
        provider = PROVIDERS.get(entry.provider)
        if provider is None:
            skipped.append((locator, f"no models.dev provider id known for {entry.provider!r}"))
            continue
        lab = FIRST_PARTY.get(provider) or _LABS.get(provider)
        identity = identify(entry.model, provider_lab=lab, provider=provider)
        route_id = f"{provider}:{identity.id}"
        if route_id in routes:  # Bedrock's regional profiles (`eu.amazon.nova-pro-v1:0`)
            skipped.append((locator, f"same route as {routes[route_id].locator}"))
            models[identity.id][2].add(entry.model)
            continue
        prices: list[dict[str, Any]] = []
        for mode, intervals in entry.timelines:
            target = _mode(entry.provider, mode)
            if target is None:
                skipped.append((f"{locator}.{mode}", f"mode {mode!r} has no catalog price mode"))
                continue
            prices.extend(_schedules(target, intervals, blanks.get(entry.provider, [])))
        if not prices:
            skipped.append((locator, "no interval with a representable price"))
            continue
        values: dict[str, Any] = {"provider_model_id": entry.model}
        if entry.status == "deprecated":
            values["status"] = "deprecated"
        routes[route_id] = ProposedRecord(
            "route", route_id, values, locator, url=_latest_source(entry), prices=tuple(prices), history=True
        )
        # The snapshot names no models: the first id stands in as the name (lowest fact priority).
        _, _, aliases = models.setdefault(identity.id, (entry.model, locator, set()))
        aliases.update((entry.model, *entry.aliases))
        first = min(_recorded(entry), default=None)
        if first is not None and first != began and first < listed.get(identity.id, dt.date.max):
            listed[identity.id] = first
    offers = [
        ProposedRecord(
            "model", mid, {"name": name}, locator, aliases=tuple(sorted(aliases)), listed=listed.get(mid)
        )
        for mid, (name, locator, aliases) in sorted(models.items())
    ]
    return Proposal(SOURCE_ID, _source(version, retrieved), (*offers, *routes.values()), tuple(skipped))


def _source(version: str, retrieved: dt.date) -> dict[str, Any]:
    return {
        "name": "model-prices",
        "kind": "package",
        "package": "model-prices",
        "version": version,
        "url": "https://github.com/wakamex/model-prices",
        "license": "MIT",
        "retrieved": retrieved,
        "description": "Dated first-party API prices from models.dev git history, with sourced corrections.",
    }


def _mode(provider: str, mode: str) -> str | None:
    """The catalog mode. OpenAI's `fast` is `service_tier: priority` (models.dev's
    `experimental.modes.fast`); Anthropic's `fast` (faster output) and Alibaba's `thinking`
    (re-prices all output) have none."""
    if mode == "fast" and provider == "openai":
        return "priority"
    return mode if mode in ("standard", "batch", "flex") else None


def _schedules(
    mode: str, intervals: tuple[Interval, ...], blanks: list[tuple[dt.date, dt.date | None]]
) -> list[dict[str, Any]]:
    """Closed and open dated schedules: a change applies from its UTC day, until the next."""
    spans: list[tuple[dt.date | None, int, dict[str, Any] | None]] = [
        (iv.start.astimezone(dt.UTC).date() if iv.start else None, 0, _prices(iv.rates)) for iv in intervals
    ]
    for start, until in blanks:
        resume = [p for day, _, p in spans if day is None or until is None or day <= until]
        spans = [
            (d, o, None if d is not None and d >= start and (until is None or d < until) else p)
            for d, o, p in spans
        ]
        spans.append((start, 1, None))  # after any change that same day: the rule wins it
        if until is not None and resume:
            spans.append((until, 1, resume[-1]))
    spans.sort(key=lambda s: (s[0] or dt.date.min, s[1]))
    days: list[tuple[dt.date | None, dict[str, Any] | None]] = []
    for day, _, price in spans:
        if days and days[-1][0] == day:
            days[-1] = (day, price)  # two changes on one UTC day: the later one is that day's price
        elif not days or days[-1][1] != price:
            days.append((day, price))
    found = []
    for i, (day, price) in enumerate(days):
        if price is None:
            continue
        schedule: dict[str, Any] = {"mode": mode} | price
        if day is not None:
            schedule["effective_from"] = day
        if i + 1 < len(days):
            schedule["effective_until"] = days[i + 1][0]
        found.append(schedule)
    return found


def _prices(rates: Rates | None) -> dict[str, Any] | None:
    if rates is None:
        return None
    found = _components(rates.values, rates.cache_write_1h_multiple)
    if rates.tiers:
        found["tiers"] = [
            {"threshold": t.above, "comparison": ">"} | _components(t.rates, rates.cache_write_1h_multiple)
            for t in sorted(rates.tiers, key=lambda t: t.above)
        ]
    return found


def _components(values: dict[str, Decimal], multiple: Decimal | None) -> dict[str, Any]:
    found: dict[str, Any] = {k: _exact(values[k]) for k in ("input", "output", "cache_read") if k in values}
    if "cache_write" in values:
        if multiple is None:
            found["cache_write"] = {"default": _exact(values["cache_write"])}
        else:
            # With a 1h multiple the recorded write is the 5-minute one; the 1h write is
            # input x multiple. Without a recorded write the provider's write price is unknown.
            found["cache_write"] = {"5m": _exact(values["cache_write"])}
            if "input" in values:
                found["cache_write"]["1h"] = _exact(values["input"] * multiple)
    return found


def _exact(value: Decimal) -> Decimal:
    """Undo binary-float residue from the package's derived rates (0.1 x 0.5 = 0.05000000000000001)."""
    rounded = value.quantize(_EXACT).normalize()
    exponent = rounded.as_tuple().exponent
    # normalize() writes 10 as 1E+1; a plain integer reads better in TOML and diffs.
    return rounded.quantize(Decimal(1)) if isinstance(exponent, int) and exponent > 0 else rounded


def _recorded(entry: ModelEntry) -> list[dt.date]:
    """Every day the history recorded a price of the entry: its intervals' starts and the days
    their rates were first recorded. The history's own first day says only that the model was
    listed by then, so the caller sets it aside."""
    days = []
    for _, intervals in entry.timelines:
        for iv in intervals:
            if iv.rates is None:
                continue
            if iv.start is not None:
                days.append(iv.start.astimezone(dt.UTC).date())
            if iv.rates.recorded is not None:
                days.append(iv.rates.recorded)
    return days


def _latest_source(entry: ModelEntry) -> str | None:
    standard = dict(entry.timelines).get("standard", ())
    sources = [iv.rates.source for iv in standard if iv.rates and iv.rates.source]
    return sources[-1] if sources else None


def _day(text: str) -> dt.date:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(dt.UTC).date()
