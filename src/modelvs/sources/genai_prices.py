"""genai-prices (PyPI `genai-prices`, pydantic): route prices with tiers, modes and dated history.

Its dated prices and price variants become schedules as genai-prices itself resolves them
(`genai_prices_schedules`).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from modelvs.catalog.money import denoise
from modelvs.sources.genai_prices_schedules import Dated, Tiered, Value, price_schedules
from modelvs.sources.identity import identify, is_router
from modelvs.sources.proposal import Proposal, ProposedRecord
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
_CHECKED = re.compile(r"\b(?:verified|checked)(?: on)?[ ,:]*(\d{4}-\d{2}-\d{2})", re.IGNORECASE)
_SOURCE = {
    "name": "genai-prices",
    "kind": "package",
    "package": "genai-prices",
    "url": "https://github.com/pydantic/genai-prices",
    "license": "MIT",
    "description": "Pydantic's price data: context tiers, cache, batch/flex/priority, price history.",
}


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


def from_json(raw: bytes) -> list[Any]:
    """genai-prices' provider objects from its published data file (the JSON its own
    `UpdatePrices` downloads), validated by the package's schema; numbers read exactly."""
    from genai_prices.types import _providers_from_raw  # the loader genai-prices' updater calls

    doc = json.loads(raw, parse_float=Decimal)
    if not isinstance(doc, list):
        raise ValueError("genai-prices data: the top level must be a list of providers")
    return list(_providers_from_raw(doc))


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
    providers: dict[str, ProposedRecord] = {}
    models: dict[str, tuple[dict[str, Any], str, str | None, set[str], str]] = {}
    routes: dict[str, ProposedRecord] = {}
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
            providers[pid] = ProposedRecord(
                "provider", pid, values, entry.provider, url=url, checked=_checked(entry.provider_comments)
            )
        prices = price_schedules(entry.prices, entry.variants, locator, skipped)
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
            routes[rid] = ProposedRecord("route", rid, route_values, locator, url, checked, prices=prices)
    model_offers = [
        ProposedRecord("model", mid, values, locator, url, aliases=tuple(sorted(aliases)), listing=pid)
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
