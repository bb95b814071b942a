"""OpenRouter models API (`GET /api/v1/models`): routes, prices, limits, capabilities.

Prices are USD per token as decimal strings; long-context prices are `pricing.overrides`
entries whose `min_prompt_tokens` applies when the prompt is strictly greater (SDK
`PricingOverride`); overrides with a UTC time window are time-of-day prices.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from modelvs.sources.identity import identify
from modelvs.sources.proposal import Proposal, ProposedRecord

SOURCE_ID = "openrouter"
PROVIDER_ID = "openrouter"
API_URL = "https://openrouter.ai/api/v1/models"
FAQ_URL = "https://openrouter.ai/docs/faq"
"""Where OpenRouter states its 5.5% ($0.80 minimum) credit-purchase fee: the `openrouter-faq` citation."""

_PER_MILLION = Decimal(1_000_000)
_RATES = {
    "prompt": "input",
    "completion": "output",
    "input_cache_read": "cache_read",
    "internal_reasoning": "reasoning",
    "audio": "input_audio",
    "audio_output": "output_audio",
    "image_token": "input_image",
}
"""OpenRouter per-token price keys -> schema rate fields (cache writes are handled apart)."""
_PER_UNIT = {"request": "request", "web_search": "web_search", "image_output": "image_output"}
"""Per-unit fees (USD per unit, not per token)."""
_PARAMETERS = {
    "tools": ("function_calling",),
    "tool_choice": ("tool_choice",),
    "parallel_tool_calls": ("parallel_tool_calls",),
    "structured_outputs": ("structured_outputs", "json_mode"),
    "response_format": ("json_mode",),
    "reasoning": ("reasoning",),
    "include_reasoning": ("reasoning",),
    "temperature": ("temperature",),
}
_MODALITIES = {"text": "text", "image": "image", "audio": "audio", "video": "video", "file": "pdf"}
_OUTPUTS = {"text": "text", "image": "image", "audio": "audio", "embeddings": "embedding"}
_INPUT_CAPABILITIES = {"image": "vision", "file": "pdf_input", "audio": "audio_input", "video": "video_input"}


@dataclass(frozen=True)
class Override:
    """A conditional price: above `min_prompt_tokens`, or within a UTC time window (`timed`)."""

    min_prompt_tokens: int | None
    timed: bool
    pricing: dict[str, Decimal]


@dataclass(frozen=True)
class Entry:
    """One model row of the API, prices as exact Decimal USD per token."""

    id: str
    name: str
    canonical_slug: str | None
    created: int | None
    context_length: int | None
    max_completion_tokens: int | None
    input_modalities: tuple[str, ...]
    output_modalities: tuple[str, ...]
    pricing: dict[str, Decimal]
    overrides: tuple[Override, ...]
    supported_parameters: tuple[str, ...]
    knowledge_cutoff: str | None
    expiration_date: dt.date | None
    endpoints: int | None = None
    """How many providers serve it, from its `/endpoints` answer (a live snapshot); None: not asked."""


def fetch(path: str) -> tuple[bytes, str]:
    """The models JSON (or a live snapshot) from a file; the version is the file's name.

    Downloads from the live API go through `sources.live` (`modelvs sync --fetch`).
    """
    file = Path(path)
    return file.read_bytes(), file.name


def parse(raw: bytes) -> list[Entry]:
    """Every model row; a malformed row raises ValueError naming the row and field.

    Takes the models answer, or a live snapshot (`live_snapshot`) that adds each model's endpoints.
    """
    doc = json.loads(raw, parse_float=Decimal)
    served = None
    if isinstance(doc, dict) and set(doc) == {"models", "endpoints"}:
        served = _served(doc["endpoints"])
        doc = doc["models"]
    rows = doc.get("data") if isinstance(doc, dict) else None
    if not isinstance(rows, list):
        raise ValueError("OpenRouter models: field 'data' must be a list")
    entries = [_entry(i, row) for i, row in enumerate(rows)]
    return entries if served is None else [replace(e, endpoints=served.get(e.id)) for e in entries]


def endpoints_url(models_url: str, model_id: str) -> str:
    """Where OpenRouter lists the providers serving a model: `.../models/{author}/{slug}/endpoints`."""
    return f"{models_url.rstrip('/')}/{model_id}/endpoints"


def live_snapshot(models: bytes, endpoints: dict[str, bytes]) -> bytes:
    """One snapshot of the models answer and each model's endpoints answer, every body verbatim:
    `{"models": <answer>, "endpoints": {"<model id>": <answer>, ...}}`."""
    parts = b",".join(json.dumps(mid).encode() + b":" + body for mid, body in sorted(endpoints.items()))
    return b'{"models":' + models + b',"endpoints":{' + parts + b"}}"


def _served(answers: Any) -> dict[str, int]:
    if not isinstance(answers, dict):
        raise ValueError("OpenRouter snapshot: field 'endpoints' must be an object of model ids")
    served = {}
    for mid, answer in answers.items():
        listed = answer.get("data", {}).get("endpoints") if isinstance(answer, dict) else None
        if not isinstance(listed, list):
            raise ValueError(f"OpenRouter endpoints of {mid}: field 'data.endpoints' must be a list")
        served[mid] = len(listed)
    return served


def _entry(index: int, row: Any) -> Entry:
    if not isinstance(row, dict) or not isinstance(row.get("id"), str) or not row["id"]:
        raise ValueError(f"OpenRouter models: data[{index}]: field 'id' is missing")
    where = f"OpenRouter models: {row['id']}"
    pricing = row.get("pricing")
    if not isinstance(pricing, dict) or "prompt" not in pricing or "completion" not in pricing:
        raise ValueError(f"{where}: field 'pricing' needs 'prompt' and 'completion'")
    overrides = pricing.get("overrides") or []
    if not isinstance(overrides, list) or not all(isinstance(o, dict) for o in overrides):
        raise ValueError(f"{where}: field 'pricing.overrides' must be a list of objects")
    cutoff = row.get("knowledge_cutoff")
    if cutoff is not None and not (isinstance(cutoff, str) and _iso_date(cutoff)):
        raise ValueError(f"{where}: field 'knowledge_cutoff' is not a YYYY-MM-DD date: {cutoff!r}")
    expiration = row.get("expiration_date")
    if expiration is not None and not (isinstance(expiration, str) and _iso_date(expiration)):
        raise ValueError(f"{where}: field 'expiration_date' is not a YYYY-MM-DD date: {expiration!r}")
    architecture = row.get("architecture") or {}
    top = row.get("top_provider") or {}
    return Entry(
        id=row["id"],
        name=str(row.get("name") or row["id"]),
        canonical_slug=row.get("canonical_slug"),
        created=_count(where, "created", row.get("created")),
        context_length=_count(where, "context_length", row.get("context_length")),
        max_completion_tokens=_count(
            where, "top_provider.max_completion_tokens", top.get("max_completion_tokens")
        ),
        input_modalities=tuple(architecture.get("input_modalities") or ()),
        output_modalities=tuple(architecture.get("output_modalities") or ()),
        pricing=_prices(where, "pricing", pricing),
        overrides=tuple(
            Override(
                _count(where, f"pricing.overrides[{i}].min_prompt_tokens", o.get("min_prompt_tokens")),
                any(k.startswith("utc_") for k in o),
                _prices(where, f"pricing.overrides[{i}]", o),
            )
            for i, o in enumerate(overrides)
        ),
        supported_parameters=tuple(row.get("supported_parameters") or ()),
        knowledge_cutoff=cutoff,
        expiration_date=_iso_date(expiration) if expiration else None,
    )


def _prices(where: str, field: str, pricing: dict[str, Any]) -> dict[str, Decimal]:
    keys = {*_RATES, *_PER_UNIT, "input_cache_write", "input_cache_write_1h"}
    return {k: _usd(where, f"{field}.{k}", v) for k, v in pricing.items() if k in keys}


def _iso_date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if len(text) == 10 else None
    except ValueError:
        return None


def _usd(where: str, field: str, value: Any) -> Decimal:
    try:
        # Strings keep the exact decimal OpenRouter wrote; never through a float.
        found = (
            Decimal(value) if isinstance(value, (str, int, Decimal)) and not isinstance(value, bool) else None
        )
    except InvalidOperation:
        found = None
    if found is None or not found.is_finite():
        raise ValueError(f"{where}: field '{field}' is not a decimal price: {value!r}")
    return found


def _count(where: str, field: str, value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)) or value != int(value) or value < 0:
        raise ValueError(f"{where}: field '{field}' must be a whole number")
    return int(value)


def translate(entries: list[Entry], retrieved: dt.date, version: str) -> Proposal:
    """The OpenRouter provider, and a model and a route offer per priced model; pure."""
    offers: list[ProposedRecord] = [_provider()]
    skipped: list[tuple[str, str]] = []
    for entry in entries:
        locator = f"data.{entry.id}"
        reason = _skip_reason(entry)
        if reason:
            skipped.append((locator, reason))
            continue
        identity = identify(entry.id, provider=PROVIDER_ID)
        url = f"https://openrouter.ai/{entry.id}"
        aliases = tuple(dict.fromkeys(a for a in (entry.id, entry.canonical_slug) if a))
        offers.append(
            ProposedRecord("model", identity.id, _model_values(entry), locator, url=url, aliases=aliases)
        )
        schedule, notes = _schedule(entry)
        skipped.extend((f"{locator}.pricing.{where}", why) for where, why in notes)
        values: dict[str, Any] = {"provider_model_id": entry.id}
        if entry.expiration_date:
            values["retirement_date"] = entry.expiration_date
        offers.append(
            ProposedRecord(
                "route", f"{PROVIDER_ID}:{identity.id}", values, locator, url=url, prices=(schedule,)
            )
        )
    return Proposal(SOURCE_ID, _source(version, retrieved), tuple(offers), tuple(skipped))


def _skip_reason(entry: Entry) -> str | None:
    if entry.id.endswith(":free"):
        return "free variant: rate-limited copy of a paid route, not a price"
    if ":" in entry.id:
        return "routing variant (`:suffix`) of another listed model"
    if entry.id.startswith(("openrouter/", "~")):
        return "meta-router or alias: picks another model per request"
    if entry.pricing["prompt"] < 0 or entry.pricing["completion"] < 0:
        return "variable price (-1): routed to other models"
    if entry.pricing["prompt"] == 0 and entry.pricing["completion"] == 0:
        return "no per-token price"
    if entry.endpoints == 0:
        return "no provider serves it now (its endpoints answer lists none)"
    return None


def _provider() -> ProposedRecord:
    values = {
        "name": "OpenRouter",
        "kind": "aggregator",
        "url": "https://openrouter.ai",
        "api_url": "https://openrouter.ai/api/v1",
        "docs_url": "https://openrouter.ai/docs",
        "pricing_urls": ["https://openrouter.ai/models"],
        "fees": [
            {
                "kind": "credit_purchase",
                "percent": Decimal("5.5"),
                "minimum_usd": Decimal("0.80"),
                "description": "OpenRouter charges a 5.5% fee (minimum $0.80) when you buy credits.",
                "citation": "openrouter-faq",
            }
        ],
    }
    return ProposedRecord("provider", PROVIDER_ID, values, "openrouter", url=FAQ_URL)


def _source(version: str, retrieved: dt.date) -> dict[str, Any]:
    return {
        "name": "OpenRouter models API",
        "kind": "url",
        "version": version,
        "url": API_URL,
        "license": "OpenRouter terms of service (no open license)",
        "retrieved": retrieved,
        "description": "OpenRouter's live model list: routes, per-token prices, limits, parameters.",
    }


def _model_values(entry: Entry) -> dict[str, Any]:
    # OpenRouter prefixes names with the organisation (`OpenAI: GPT-4o`); the catalog does not.
    values: dict[str, Any] = {"name": entry.name.split(": ", 1)[-1]}
    if entry.created:
        values["release_date"] = dt.datetime.fromtimestamp(entry.created, dt.UTC).date()
    if entry.knowledge_cutoff:
        values["knowledge_cutoff"] = entry.knowledge_cutoff
    if entry.context_length:
        values["context_window"] = entry.context_length
    if entry.max_completion_tokens:
        values["max_output"] = entry.max_completion_tokens
    inputs = [_MODALITIES[m] for m in entry.input_modalities if m in _MODALITIES]
    outputs = [_OUTPUTS[m] for m in entry.output_modalities if m in _OUTPUTS]
    if inputs:
        values["modalities_in"] = inputs
    if outputs:
        values["modalities_out"] = outputs
    capabilities: dict[str, bool] = {}
    if entry.input_modalities:
        # The modality list is complete, so a missing modality is a "no".
        for modality, capability in _INPUT_CAPABILITIES.items():
            capabilities[capability] = modality in entry.input_modalities
    if entry.output_modalities:
        capabilities["image_output"] = "image" in entry.output_modalities
        capabilities["audio_output"] = "audio" in entry.output_modalities
    # A parameter OpenRouter does not pass through may still work at the lab: only "yes".
    for parameter in entry.supported_parameters:
        for capability in _PARAMETERS.get(parameter, ()):
            capabilities[capability] = True
    if capabilities:
        values["capabilities"] = dict(sorted(capabilities.items()))
    return values


def _schedule(entry: Entry) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """The standard schedule with long-context tiers, and the overrides it cannot carry."""
    schedule: dict[str, Any] = {"mode": "standard"} | _rates(entry.pricing)
    per_unit = {unit: entry.pricing[key] for key, unit in _PER_UNIT.items() if entry.pricing.get(key)}
    if per_unit:
        schedule["per_unit"] = per_unit
    notes: list[tuple[str, str]] = []
    tiers: dict[int, dict[str, Any]] = {}
    for i, override in enumerate(entry.overrides):
        threshold = override.min_prompt_tokens
        if override.timed or not threshold:
            notes.append((f"overrides[{i}]", "time-of-day or unconditional override: no catalog tier"))
            continue
        # Among overrides that apply, later ones win per key: merge in order.
        tier = tiers.setdefault(threshold, {"threshold": threshold, "comparison": ">"})
        tier.update(_rates(override.pricing, zero_is_price=True))
    if tiers:
        schedule["tiers"] = [tiers[t] for t in sorted(tiers)]
    return schedule, notes


def _rates(pricing: dict[str, Decimal], *, zero_is_price: bool = False) -> dict[str, Any]:
    """Schema rate fields per 1M tokens. OpenRouter writes "0" for components it does not
    price separately, so a zero optional component is left out rather than read as free."""
    rates: dict[str, Any] = {}
    for key, field in _RATES.items():
        value = pricing.get(key)
        if value is not None and (value > 0 or zero_is_price or key in ("prompt", "completion")):
            rates[field] = _per_million(value)
    write, write_1h = pricing.get("input_cache_write"), pricing.get("input_cache_write_1h")
    if write_1h:
        # With a separate 1h price, the plain write price is the 5-minute one (SDK docs).
        rates["cache_write"] = {"1h": _per_million(write_1h)} | ({"5m": _per_million(write)} if write else {})
    elif write:
        rates["cache_write"] = {"default": _per_million(write)}
    return rates


def _per_million(value: Decimal) -> Decimal:
    scaled = (value * _PER_MILLION).normalize()
    exponent = scaled.as_tuple().exponent
    # normalize() writes 10 as 1E+1; a plain integer reads better in TOML and diffs.
    return scaled.quantize(Decimal(1)) if isinstance(exponent, int) and exponent > 0 else scaled
