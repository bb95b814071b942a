"""Current flagship models of the major labs: their headline route and the lab's own price.

    python -m bench.flagships [--data DIR] [--json]

The list (52 models of 14 labs, as of 2026-12-05) was drawn from the labs' own model pages. For
each model it prints the route the default answer uses at the default workload (1M requests of
800 input and 250 output tokens), its provider and trust level, the same workload on the lab's
own API, and its release date; the summary counts the current flagships that lack one. It also
runs against an older checkout (`PYTHONPATH=<old>/src ... --data <old>/data`): names are looked
up by the API id, then by the ids older catalogs used.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path
from typing import Any

from modelvs.catalog import load_catalog
from modelvs.catalog.lifecycle import stage
from modelvs.engine.monthly import model_costs
from modelvs.engine.workload import DEFAULT_WORKLOAD

ON = dt.date(2026, 12, 1)
FLAGSHIPS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("anthropic/claude-fable-5-2", "claude-fable-5-2", ()),
    (
        "anthropic/claude-fable-5-1",
        "claude-fable-5-1",
        (
            "anthropic/claude-fable-5-1-default",
            "anthropic/claude-fable-5.1-20260831",
            "anthropic/claude-fable-5.1-batch",
        ),
    ),
    (
        "anthropic/claude-opus-5-5",
        "claude-opus-5-5",
        (
            "anthropic/claude-opus-5-5-default",
            "anthropic/claude-opus-5.5-20260921",
            "anthropic/claude-opus-5.5-batch",
        ),
    ),
    (
        "anthropic/claude-sonnet-5-5",
        "claude-sonnet-5-5",
        (
            "anthropic/claude-sonnet-5-5-default",
            "anthropic/claude-sonnet-5.5-20260928",
            "anthropic/claude-sonnet-5.5-batch",
        ),
    ),
    (
        "anthropic/claude-haiku-5-5",
        "claude-haiku-5-5",
        (
            "anthropic/claude-haiku-5-5-default",
            "anthropic/claude-haiku-5.5-20261007",
            "anthropic/claude-haiku-5.5-batch",
        ),
    ),
    (
        "anthropic/claude-opus-4-7",
        "claude-opus-4-7",
        (
            "anthropic/claude-4.7-opus-20260416",
            "anthropic/claude-4.7-opus",
            "anthropic/claude-opus-4-7-20260416",
        ),
    ),
    ("openai/gpt-6.2-sol", "gpt-6.2-sol", ()),
    ("openai/gpt-6.2-astra", "gpt-6.2-astra", ()),
    (
        "openai/gpt-6-astra",
        "gpt-6-astra",
        ("openai/gpt-6-astra-2026-09-03", "openai/gpt-6-astra-20260903", "openai/gpt-6-astra-batch"),
    ),
    (
        "openai/gpt-6.1-sol",
        "gpt-6.1-sol",
        ("openai/gpt-6.1-sol-2026-09-29", "openai/gpt-6.1-sol-20260929", "openai/gpt-6.1-sol-batch"),
    ),
    (
        "openai/gpt-6.1-terra",
        "gpt-6.1-terra",
        ("openai/gpt-6.1-terra-20261026", "openai/gpt-6.1-terra-batch"),
    ),
    (
        "openai/gpt-6-luna",
        "gpt-6-luna",
        ("openai/gpt-6-luna-2026-09-22", "openai/gpt-6-luna-20260922", "openai/gpt-6-luna-batch"),
    ),
    (
        "openai/gpt-5.5",
        "gpt-5.5",
        ("openai/gpt-5.5-2026-04-23", "openai/gpt-5.5-2026-04-24", "openai/gpt-5.5-20260423"),
    ),
    ("google/gemini-4-neon", "gemini-4-neon", ()),
    ("google/gemini-4-carbon", "gemini-4-carbon", ()),
    ("google/gemini-4-hydrogen", "gemini-4-hydrogen", ()),
    (
        "google/gemini-4-argon",
        "gemini-4-argon",
        ("google/gemini-4-argon-20261013", "google/gemini-4-argon-batch"),
    ),
    (
        "google/gemini-3.1-pro-preview",
        "gemini-3.1-pro-preview",
        ("google/gemini-3.1-pro-preview-20260219", "google/gemini-3.1-pro-preview-batch"),
    ),
    (
        "google/gemini-3.8-flash",
        "gemini-3.8-flash",
        ("google/gemini-3.8-flash-20260902", "google/gemini-3.8-flash-batch"),
    ),
    (
        "google/gemini-3.5-flash-lite",
        "gemini-3.5-flash-lite",
        ("google/gemini-3.5-flash-lite-20260721", "google/gemini-3.5-flash-lite-batch"),
    ),
    (
        "google/gemini-3.1-flash-lite",
        "gemini-3.1-flash-lite",
        ("google/gemini-3.1-flash-lite-20260507", "google/gemini-3.1-flash-lite-batch"),
    ),
    ("xai/grok-4.7", "grok-4.7", ("xai/grok-4.7-20260916", "xai/grok-4.7-batch")),
    ("xai/grok-4.3", "grok-4.3", ("xai/grok-4.3-20260430", "xai/grok-4.3-batch", "xai/grok-4.3-latest")),
    ("xai/grok-build-0.1", "grok-build-0.1", ("xai/grok-build-0.1-20260520", "xai/grok-build-latest")),
    (
        "deepseek/deepseek-v4-pro",
        "deepseek-v4-pro",
        (
            "aihubmix/deep-deepseek-v4-pro",
            "databricks/system.ai.deepseek-v4-pro-0813",
            "deepseek/deepseek-v4-pro-0813-batch",
        ),
    ),
    (
        "deepseek/deepseek-v4.1-flash",
        "deepseek-flash",
        (
            "databricks/system.ai.deepseek-v4-1-flash",
            "deepseek/deepseek-flash-latest",
            "deepseek/deepseek-flash",
        ),
    ),
    ("alibaba/qwen3.8-max", "qwen3.8-max", ("alibaba/qwen3.8-max-0902", "alibaba/qwen3.8-max-20260902")),
    (
        "alibaba/qwen3.7-plus",
        "qwen3.7-plus",
        ("alibaba/qwen3.7-plus-2026-05-26", "alibaba/qwen3.7-plus-20260602", "alibaba/qwen3.7-plus-batch"),
    ),
    ("alibaba/qwen3.8-flash", "qwen3.8-flash", ("alibaba/qwen3.8-flash-20260826",)),
    (
        "alibaba/qwen3.6-plus",
        "qwen3.6-plus",
        ("alibaba/qwen-3.6-plus", "alibaba/qwen3.6-plus-04-02", "alibaba/qwen3.6-plus-2026-04-02"),
    ),
    (
        "mistral/mistral-large-4",
        "mistral-large-4",
        ("mistral/mistral-large-4-0-20261006", "mistral/mistral-large-4-0"),
    ),
    (
        "mistral/mistral-medium-2604",
        "mistral-medium-2604",
        ("mistral/mistral-medium-3-5-batch", "mistral/mistral-medium-3-5", "mistral/mistral-medium-3.5-128b"),
    ),
    (
        "mistral/mistral-small-2603",
        "mistral-small-2603",
        (
            "mistral/mistral-small-2603-batch",
            "mistral/mistral-small-4-119b-2603",
            "mistral/mistral-small-4-119b",
        ),
    ),
    (
        "mistral/devstral-2512",
        "devstral-2512",
        ("mistral/devstral-2-123b-instruct-2512", "mistral/devstral-2-123b", "mistral/devstral-2"),
    ),
    (
        "meta/muse-spark-1.3",
        "muse-spark-1.3",
        (
            "meta/muse-spark-1.3-20260902",
            "meta/muse-spark-1.3-contributor-20260902",
            "meta/muse-spark-1.3-contributor",
        ),
    ),
    ("meta/muse-wonder-1.0", "muse-wonder-1.0", ("meta/muse-wonder-20261012", "meta/muse-wonder")),
    (
        "moonshot/kimi-k3.1-pro",
        "kimi-k3.1-pro",
        ("moonshot/kimi-k3.1-pro-20261023", "moonshot/kimi-k3p1-pro"),
    ),
    (
        "moonshot/kimi-k3",
        "kimi-k3",
        ("databricks/system.ai.kimi-k3", "moonshot/kimi-k3-20260715", "moonshot/kimi-k3-batch"),
    ),
    (
        "moonshot/kimi-k2.6",
        "kimi-k2.6",
        ("moonshot/kimi-k2.6-20260420", "moonshot/kimi-k2.6-6bit", "moonshot/kimi-k2.6-free"),
    ),
    (
        "moonshot/kimi-k2.7-code",
        "kimi-k2.7-code",
        (
            "databricks/system.ai.kimi-k2-7-code",
            "moonshot/kimi-k2.7-code-20260612",
            "moonshot/kimi-k2p7-code",
        ),
    ),
    (
        "zhipu/glm-5-3",
        "glm-5.3",
        ("databricks/system.ai.glm-5-3", "perplexity/glm-5.3", "zhipu/glm-5.3-20260816"),
    ),
    ("zhipu/glm-5.1", "glm-5.1", ("aihubmix/cc-glm-5.1", "venice/zai-org-glm-5-1", "zhipu/glm-5.1-20260406")),
    (
        "zhipu/glm-5.3-flash",
        "glm-5.3-flash",
        ("databricks/system.ai.glm-5-3-flash", "nvidia/glm-5.3-flash-nvfp4", "perplexity/glm-5.3-flash"),
    ),
    (
        "minimax/minimax-m3",
        "MiniMax-M3",
        ("minimax/minimax-m3-20260531", "minimax/minimax-m3-batch", "minimax/minimax-m3-free"),
    ),
    (
        "minimax/minimax-m3.1-flash",
        "MiniMax-M3.1-Flash",
        ("minimax/minimax-m3.1-flash-free", "minimax/minimax-m3p1-flash"),
    ),
    ("amazon/nova-2-pro-v1", "nova-2-pro-v1", ("amazon/nova-2-pro-preview-20251202",)),
    ("amazon/nova-2-lite-v1", "nova-2-lite-v1", ("amazon/nova-2-lite",)),
    ("cohere/command-a-plus-05-2026", "command-a-plus-05-2026", ("cohere/command-a-plus",)),
    ("cohere/command-r-08-2024", "command-r-08-2024", ()),
    ("cohere/command-r7b-12-2024", "command-r7b-12-2024", ("cohere/command-r7b",)),
    ("xiaomi/mimo-v2.6-pro", "mimo-v2.6-pro", ("xiaomi/mimo-v2.6-pro-20260921",)),
    ("xiaomi/mimo-v2.6-flash", "mimo-v2.6-flash", ("xiaomi/mimo-v2.6-flash-20260921",)),
)
"""(canonical id, the lab's API id, ids older catalogs used)."""


def report(data: Path | None) -> list[dict[str, Any]]:
    catalog = load_catalog(data, use_cache=False) if data else load_catalog()
    rows = []
    for canonical, api_id, older in FLAGSHIPS:
        found, exact = None, True
        for name in (api_id, canonical, *older):
            try:
                found = catalog.resolve(name)
                break
            except LookupError:
                exact = False
        row: dict[str, Any] = {"model": canonical, "api_id_resolves": exact, "id": found}
        if found is not None:
            model = catalog.models[found]
            row["stage"] = stage(model, ON).value
            row["release_date"] = model.release_date.isoformat() if model.release_date else None
            row["first_listed"] = model.first_listed.isoformat() if model.first_listed else None
            costs = [c for c in model_costs(catalog, found, DEFAULT_WORKLOAD, ON) if c.monthly is not None]
            lab = found.split("/", 1)[0]
            own = next((c for c in costs if catalog.providers[c.provider].lab == lab), None)
            head = costs[0] if costs else None
            row |= {
                "headline": catalog.providers[head.provider].name if head else None,
                "trust": getattr(head, "trust", None) and head.trust.value if head else None,
                "monthly": str(head.monthly) if head else None,
                "lab_monthly": str(own.monthly) if own else None,
            }
        rows.append(row)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    rows = report(args.data)
    if args.json:
        print(json.dumps(rows, indent=1))
        return
    for r in rows:
        head = (
            f"{r.get('headline')} ({r.get('trust') or '-'}) ${r.get('monthly')}"
            if r.get("id")
            else "not found"
        )
        print(f"{r['model']:<36} {head:<56} lab ${r.get('lab_monthly')}")
    lab_wins = sum(1 for r in rows if r.get("monthly") and r.get("monthly") == r.get("lab_monthly"))
    print(f"{len(rows)} flagships; headline at the lab's own price: {lab_wins}")
    current = [r for r in rows if r.get("stage") in ("current", "preview")]
    undated = [r["model"] for r in current if not r.get("release_date")]
    standing_in = sum(1 for r in current if not r.get("release_date") and r.get("first_listed"))
    print(
        f"{len(current)} current flagships; without a release date: {len(undated)}"
        f" ({standing_in} with a first-listed date standing in) {' '.join(undated)}"
    )


if __name__ == "__main__":
    main()
