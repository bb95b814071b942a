"""Who served a request, as logs name it, mapped to modelvs provider ids: one reviewed table.

Logs name providers in their own vocabulary: OpenTelemetry's `gen_ai.provider.name` (and the older
`gen_ai.system`) values, LiteLLM's `custom_llm_provider` ids, OpenRouter's `provider_name`. Each
name maps to the modelvs providers that may sell the request, in order: the first one with a route
of the model is the one that billed it (Vertex AI sells Gemini as `google-vertex` and Claude as
`google-vertex-anthropic`). A name that is a modelvs provider id maps to itself.

Sources:
- OpenTelemetry semantic conventions for generative AI, `gen_ai.provider.name` well-known values:
  https://opentelemetry.io/docs/specs/semconv/registry/attributes/gen-ai/ (now maintained at
  https://github.com/open-telemetry/semantic-conventions-genai)
- LiteLLM provider ids (`custom_llm_provider`): https://docs.litellm.ai/docs/providers
"""

from __future__ import annotations

from types import MappingProxyType

_VERTEX = ("google-vertex", "google-vertex-anthropic")

PROVIDER_NAMES = MappingProxyType(
    {
        # OpenTelemetry `gen_ai.provider.name` (and `gen_ai.system`) well-known values.
        "openai": ("openai",),
        "anthropic": ("anthropic",),
        "gcp.gemini": ("google",),
        "gcp.vertex_ai": _VERTEX,
        "gcp.gen_ai": ("google", *_VERTEX),
        "aws.bedrock": ("amazon-bedrock",),
        "azure.ai.openai": ("azure",),
        "azure.ai.inference": ("azure", "azure-cognitive-services"),
        "mistral_ai": ("mistral",),
        "deepseek": ("deepseek",),
        "x_ai": ("xai",),
        "xai": ("xai",),
        "groq": ("groq",),
        "perplexity": ("perplexity",),
        "cohere": ("cohere",),
        "ibm.watsonx.ai": ("watsonx",),
        # LiteLLM `custom_llm_provider` ids.
        "gemini": ("google",),
        "vertex_ai": _VERTEX,
        "vertex_ai_beta": _VERTEX,
        "bedrock": ("amazon-bedrock",),
        "bedrock_converse": ("amazon-bedrock",),
        "azure": ("azure",),
        "azure_ai": ("azure", "azure-cognitive-services"),
        "mistral": ("mistral",),
        "cohere_chat": ("cohere",),
        "together_ai": ("togetherai",),
        "fireworks_ai": ("fireworks-ai",),
        "deepinfra": ("deepinfra",),
        "cerebras": ("cerebras",),
        "sambanova": ("sambanova",),
        "nebius": ("nebius",),
        "novita": ("novita-ai",),
        "hyperbolic": ("hyperbolic",),
        "huggingface": ("huggingface",),
        "replicate": ("replicate",),
        "databricks": ("databricks",),
        "watsonx": ("watsonx",),
        "cloudflare": ("cloudflare-workers-ai",),
        "friendliai": ("friendli",),
        "nvidia_nim": ("nvidia",),
        "dashscope": ("alibaba",),
        "moonshot": ("moonshotai",),
        "zai": ("zai",),
        "baseten": ("baseten",),
        "lambda_ai": ("lambda-ai",),
        "github": ("github-models",),
        "snowflake": ("snowflake",),
        "sagemaker": ("sagemaker",),
        "oci": ("oci",),
        "ai21": ("ai21",),
        "vercel_ai_gateway": ("vercel",),
        "openrouter": ("openrouter",),
        "minimax": ("minimax",),
        "ollama": (),
        "ollama_chat": (),
        "text-completion-openai": ("openai",),
    }
)
"""A log's provider name (lower case) -> modelvs provider ids that may have billed it, in order."""


def provider_candidates(name: str, known: frozenset[str] | set[str]) -> tuple[str, ...]:
    """The modelvs providers a log's provider `name` may mean, in order; `known` are the catalog's
    provider ids (a name that is one maps to itself)."""
    key = name.strip().lower()
    found = PROVIDER_NAMES.get(key)
    if found is not None:
        return found
    if key in known:
        return (key,)
    dashed = key.replace("_", "-").replace(".", "-")
    return (dashed,) if dashed in known else ()
