"""Provider facts sources do not carry: kind (first-party / cloud / aggregator) and lab.

Provider ids are models.dev's (`google` is Google AI Studio, `google-vertex` is Vertex AI);
every importer maps its own provider ids onto these.
"""

from __future__ import annotations

from modelvs.schema.vocab import ProviderKind

FIRST_PARTY: dict[str, str] = {
    "openai": "openai",
    "anthropic": "anthropic",
    "google": "google",
    "mistral": "mistral",
    "deepseek": "deepseek",
    "xai": "xai",
    "alibaba": "alibaba",
    "alibaba-cn": "alibaba",
    "cohere": "cohere",
    "moonshotai": "moonshot",
    "moonshotai-cn": "moonshot",
    "zai": "zhipu",
    "zhipuai": "zhipu",
    "minimax": "minimax",
    "minimax-cn": "minimax",
    "perplexity": "perplexity",
    "xiaomi": "xiaomi",
    "stepfun": "stepfun",
    "upstage": "upstage",
    "inception": "inception",
    "sarvam": "sarvam",
    "nova": "amazon",
    "llama": "meta",
    "ai21": "ai21",
    "bailing": "inclusionai",
    "tencent-tokenhub": "tencent",
    "arcee": "arcee",
    "qwencloud": "alibaba",
    "qwen-ai-platform": "alibaba",
    "meta": "meta",
    "aleph-alpha": "aleph-alpha",
    "voyageai": "voyage",
    "elevenlabs": "elevenlabs",
    "gigachat": "gigachat",
    "cognition": "cognition",
    "morph": "morph",
    "v0": "v0",
    "stepfun-ai": "stepfun",
    "scaledown": "scaledown",
}
"""Provider id -> the lab whose own API it is."""

AGGREGATORS: frozenset[str] = frozenset(
    {
        "openrouter",
        "vercel",
        "requesty",
        "helicone",
        "zenmux",
        "aihubmix",
        "kilo",
        "llmgateway",
        "nano-gpt",
        "poe",
        "orcarouter",
        "fastrouter",
        "routing-run",
        "cloudflare-ai-gateway",
        "302ai",
        "abacus",
        "opencode",
        "opencode-go",
        "jiekou",
        "github-models",
        "the-grid-ai",
        "auriko",
        "venice",
        "frogbot",
        "qiniu-ai",
        "submodel",
        "vivgrid",
        "xpersona",
        "claudinio",
        "qihang-ai",
        "gitlab",
        "cortecs",
        "quicksilverpro",
        "perplexity-agent",
    }
)
"""Providers that resell other providers' endpoints."""

SUBSCRIPTION_ONLY: tuple[str, ...] = (
    "coding-plan",
    "token-plan",
    "github-copilot",
    "kimi-for-coding",
    "lmstudio",
)
"""Provider id fragments for subscription plans and local runners: no per-token routes."""


def provider_kind(provider: str) -> ProviderKind:
    """First-party when it is a lab's own API, aggregator when it resells, else cloud."""
    if provider in FIRST_PARTY:
        return ProviderKind.FIRST_PARTY
    if provider in AGGREGATORS:
        return ProviderKind.AGGREGATOR
    return ProviderKind.CLOUD


def is_subscription_only(provider: str) -> bool:
    return any(fragment in provider for fragment in SUBSCRIPTION_ONLY)


LAB_ROUTE_RULE = (
    "A lab's own API is a route only for what the lab serves: a source listing an open model under its"
    " lab's API (OpenAI does not sell gpt-oss) gives no lab route; that price is another host's."
)
NOT_SOLD_BY_LAB: dict[str, tuple[str, ...]] = {
    "openai": ("gpt-oss",),
}
"""Model families a lab publishes as open weights but does not serve on its own API: a source's
listing of them under the lab's API is another host's price (OpenAI does not sell gpt-oss;
https://openai.com/index/introducing-gpt-oss/ points to hosts), never a lab route."""


def lab_sells(provider: str, model_id: str) -> bool:
    """Whether `provider`'s route for `lab/model` can exist: false for a lab's own API listing a
    model of its own that it does not serve (`NOT_SOLD_BY_LAB`)."""
    lab, _, model = model_id.partition("/")
    if FIRST_PARTY.get(provider) != lab:
        return True
    return not model.startswith(NOT_SOLD_BY_LAB.get(lab, ()))
