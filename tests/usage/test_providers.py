from __future__ import annotations

from modelvs.usage.providers import PROVIDER_NAMES, provider_candidates

KNOWN = frozenset(
    {"openai", "google", "google-vertex", "google-vertex-anthropic", "amazon-bedrock", "fireworks-ai"}
)


def test_log_vocabularies_map_to_catalog_providers() -> None:
    assert provider_candidates("gcp.gemini", KNOWN) == ("google",)
    assert provider_candidates("GCP.Vertex_AI", KNOWN) == ("google-vertex", "google-vertex-anthropic")
    assert provider_candidates("aws.bedrock", KNOWN) == ("amazon-bedrock",)
    assert provider_candidates("fireworks_ai", KNOWN) == ("fireworks-ai",)  # a LiteLLM id
    assert provider_candidates("openai", KNOWN) == ("openai",)
    assert provider_candidates("google-vertex", KNOWN) == ("google-vertex",)  # a modelvs id is itself
    assert provider_candidates("someone", KNOWN) == ()


def test_every_mapped_provider_is_in_the_shipped_catalog() -> None:
    from modelvs import load_catalog

    providers = set(load_catalog().providers)
    missing = sorted({p for found in PROVIDER_NAMES.values() for p in found} - providers)
    assert missing == []
