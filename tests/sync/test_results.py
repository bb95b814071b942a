import datetime as dt
from decimal import Decimal
from typing import Any

from modelvs.sources.proposal import Proposal, ProposedResult
from modelvs.sync.fields import Records
from modelvs.sync.results import attach_results

DAY = dt.date(2026, 10, 20)
SOURCE = {"name": "Arena", "kind": "package", "license": "CC-BY-4.0", "retrieved": DAY}


def records(**extra: Any) -> Records:
    found: Records = {
        ("benchmark", "arena"): {
            "name": "Arena",
            "description": "votes",
            "metric": "rating",
            "categories": [{"id": "overall", "name": "Overall"}, {"id": "coding", "name": "Coding"}],
        },
        ("model", "xai/grok-2-1212"): {"name": "Grok 2 (1212)", "aliases": {"x": ["grok-2"]}},
        ("model", "openai/gpt-4o"): {"name": "GPT-4o"},
        ("model", "openai/gpt-4o-2024-08-06"): {"name": "GPT-4o (2024-08-06)"},
        ("model", "fireworks/code-llama-34b"): {"name": "Code Llama 34B"},
        ("model", "meta/code-llama-34b"): {"name": "Code Llama 34B Instruct"},
    }
    found.update(extra)
    return found


def offer(name: str, *names: str, score: str = "1400", samples: int = 100, **more: Any) -> ProposedResult:
    values = {
        "category": "overall",
        "score": Decimal(score),
        "samples": samples,
        "date": DAY,
        "self_reported": False,
    }
    return ProposedResult("arena", name, names, {**values, **more.pop("values", {})}, f"rows.{name}", **more)


def attach(*offers: ProposedResult, base: Records | None = None) -> tuple[Records, Any]:
    return attach_results(base or records(), [Proposal("arena-src", SOURCE, (), results=offers)])


def test_a_snapshot_picks_the_dated_model_and_never_one_dated_otherwise() -> None:
    out, report = attach(
        offer("GPT-4o (2024-08-06)", "gpt-4o-2024-08-06", "gpt-4o", snapshot="2024-08-06"),
        offer("Grok 2 (2024-08-13)", "grok-2-2024-08-13", "grok-2", snapshot="2024-08-13"),
    )
    assert ("result", "arena:openai/gpt-4o-2024-08-06") in out
    assert not any(k[1].startswith("arena:xai/") for k in out if k[0] == "result")
    assert [name for _, name, _ in report.unjoined] == ["Grok 2 (2024-08-13)"]


def test_a_dated_name_never_lands_on_a_moving_undated_model() -> None:
    base = records()
    base[("model", "alibaba/qwen-plus")] = {"name": "Qwen-Plus"}
    base[("model", "openai/gpt-4-1106-preview")] = {"name": "GPT-4 Turbo"}
    base[("model", "google/gemini-1.5-pro")] = {"name": "Gemini 1.5 Pro"}
    out, report = attach(
        offer("Qwen-Plus (0125)", "Qwen-Plus-0125", "Qwen-Plus", "qwen-plus", snapshot="0125"),
        offer("GPT-4 Turbo (1106)", "gpt-4-1106", "gpt-4-1106-preview", snapshot="1106"),
        offer("Gemini 1.5 Pro (002)", "Gemini 1.5 Pro-002", "Gemini 1.5 Pro", snapshot="002"),
        base=base,
    )
    assert ("result", "arena:alibaba/qwen-plus") not in out
    assert [name for _, name, _ in report.unjoined] == ["Qwen-Plus (0125)"]
    assert ("result", "arena:openai/gpt-4-1106-preview") in out  # the date in the middle of the id
    assert ("result", "arena:google/gemini-1.5-pro") in out  # `002` is a version, not a date


def test_the_source_lab_wins_when_two_names_resolve_to_different_labs() -> None:
    out, _ = attach(
        offer("Code Llama 34B", "Code Llama 34B", "code-llama-34b", "meta/code-llama-34b", lab="meta")
    )
    assert ("result", "arena:meta/code-llama-34b") in out


def test_a_reviewed_join_wins_and_a_reviewed_skip_is_reported() -> None:
    joins = {
        "reviewed": DAY,
        "joins": [
            {"name": "Old chat", "model": "openai/gpt-4o", "setting": "chat", "reason": "r"},
            {"name": "Stealth", "reason": "an anonymous model"},
        ],
    }
    out, report = attach(
        offer("Old chat", "gpt-4o-2024-08-06"),
        offer("Stealth", "gpt-4o"),
        base=records() | {("join", "arena-src"): joins},
    )
    result = out[("result", "arena:openai/gpt-4o")]["results"][0]
    assert result["setting"] == "chat"
    assert report.unjoined == [("arena-src", "Stealth", "reviewed: an anonymous model")]


def test_one_score_per_category_and_setting_the_one_with_more_votes() -> None:
    out, _ = attach(
        offer("GPT-4o (2024-08-06)", "gpt-4o-2024-08-06", score="1400", samples=10),
        offer("gpt-4o-2024-08-06", "gpt-4o-2024-08-06", score="1410", samples=900),
        offer("GPT-4o coding", "gpt-4o-2024-08-06", score="1390", values={"category": "coding"}),
    )
    results = out[("result", "arena:openai/gpt-4o-2024-08-06")]["results"]
    assert [(r["category"], r["score"]) for r in results] == [
        ("overall", Decimal("1410")),
        ("coding", Decimal("1390")),
    ]
    cited = out[("result", "arena:openai/gpt-4o-2024-08-06")]["citations"]
    assert [r["citation"] for r in results] == list(cited)


def test_a_re_import_replaces_the_benchmark_and_leaves_others() -> None:
    stale = {("result", "arena:openai/gpt-4o"): {"results": [], "citations": {}}}
    other = {("result", "aider:openai/gpt-4o"): {"results": [], "citations": {}}}
    out, _ = attach(offer("GPT-4o (2024-08-06)", "gpt-4o-2024-08-06"), base=records() | stale | other)
    assert ("result", "arena:openai/gpt-4o") not in out
    assert ("result", "aider:openai/gpt-4o") in out
    again, _ = attach(offer("GPT-4o (2024-08-06)", "gpt-4o-2024-08-06"), base=out)
    assert again == out


def test_results_of_a_model_that_is_gone_are_dropped_even_without_a_new_import() -> None:
    gone = {("result", "arena:openai/gpt-3"): {"results": [], "citations": {}}}
    out, report = attach_results(records() | gone, [])
    assert ("result", "arena:openai/gpt-3") not in out
    assert report.lines() == []
