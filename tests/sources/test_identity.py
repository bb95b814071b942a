import pytest

from modelvs.sources.identity import identify


@pytest.mark.parametrize(
    ("source_id", "kwargs", "expected"),
    [
        ("gpt-4o-2024-11-20", {}, "openai/gpt-4o-2024-11-20"),
        ("openai/gpt-4o-2024-11-20", {"provider": "openrouter"}, "openai/gpt-4o-2024-11-20"),
        ("deepseek-ai/DeepSeek-V3.2", {"provider": "togetherai"}, "deepseek/deepseek-v3.2"),
        ("us.anthropic.claude-sonnet-4-5-20250929-v1:0", {}, "anthropic/claude-sonnet-4-5-20250929"),
        ("accounts/fireworks/models/llama-v3p1-8b-instruct", {}, "meta/llama-3.1-8b-instruct"),
        ("accounts/fireworks/models/qwen3p6-plus", {}, "alibaba/qwen3.6-plus"),
        ("zai-org-glm-4.7", {"provider": "venice"}, "zhipu/glm-4.7"),
        ("duo-chat-opus-4-7", {"provider": "gitlab"}, "anthropic/claude-opus-4-7"),
        ("openai-gpt-5.5", {"provider": "digitalocean"}, "openai/gpt-5.5"),
        ("databricks-gpt-5", {"provider": "databricks"}, "openai/gpt-5"),
        ("anthropic--claude-4.5-opus", {"provider": "sap-ai-core"}, "anthropic/claude-4.5-opus"),
        ("deepseek-r1", {"provider_lab": "alibaba", "provider": "alibaba"}, "deepseek/deepseek-r1"),
        ("qwen-max", {"provider_lab": "alibaba"}, "alibaba/qwen-max"),
        ("sonar-pro", {"provider_lab": "perplexity"}, "perplexity/sonar-pro"),
        ("mystery-model", {"provider": "venice"}, "venice/mystery-model"),
        ("meta-llama/Llama-3.3-70B-Instruct", {}, "meta/llama-3.3-70b-instruct"),
        ("some-org/Some Model:latest", {}, "some-org/some-model-latest"),
    ],
)
def test_identify(source_id: str, kwargs: dict[str, str], expected: str) -> None:
    assert identify(source_id, **kwargs).id == expected


def test_join_key_ignores_separator_style() -> None:
    assert identify("claude-3.5-sonnet").key == identify("claude-3-5-sonnet").key
