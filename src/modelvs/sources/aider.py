"""Aider's polyglot leaderboard (`polyglot_leaderboard.yml`): fetch -> parse -> translate.

One entry per run: 225 Exercism exercises in six languages, the share solved within two tries,
the share of well-formed edits, seconds per case and the run's total cost. Runs of one model in
several settings (edit format, reasoning effort, thinking budget) stay apart as the result's
setting and harness. A run that pairs an architect with an editor model joins no single model.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from modelvs.sources.proposal import Proposal, ProposedResult
from modelvs.sources.result_names import candidates, split_name

SOURCE_ID = "aider"
BENCHMARK = "aider-polyglot"
URL = "https://aider.chat/docs/leaderboards/"
RECORDED = Path(__file__).resolve().parents[3] / "recorded" / "aider" / "polyglot_leaderboard.yml"
"""The snapshot kept in a checkout (`recorded/aider/`), read when no --path is given."""
RECORDED_VERSION = "aider commit 5dc9490 (2026-05-22)"

_REQUIRED = ("dirname", "model", "edit_format", "pass_rate_2", "date", "test_cases")
_PREFIXES = re.compile(
    r"^(openrouter/|gemini/|openai/|xai/|deepseek/|anthropic/|mistral/|nvidia_nim/|fireworks_ai/"
    r"|accounts/fireworks/models/|x-ai/|qwen/|moonshotai/|google/|meta/)+"
)


class AiderFormatError(ValueError):
    """An entry is not shaped as this importer expects; names the entry and the field."""


def fetch(path: Path | None = None) -> tuple[bytes, str]:
    """The file's bytes and a version label (the file's name)."""
    if path is None:
        if not RECORDED.exists():
            raise FileNotFoundError(f"no recorded Aider leaderboard here: pass --path {SOURCE_ID}=FILE")
        return RECORDED.read_bytes(), RECORDED_VERSION
    return path.read_bytes(), path.name


def _load_yaml(raw: bytes) -> Any:
    """The YAML with every float read from its text as a Decimal.

    PyYAML comes with the `sources` extra: imported here, so the CLI loads without it.
    """
    import yaml

    class DecimalLoader(yaml.SafeLoader):
        pass

    def decimal(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Decimal:
        return Decimal(loader.construct_scalar(node))

    DecimalLoader.add_constructor("tag:yaml.org,2002:float", decimal)
    return yaml.load(raw, Loader=DecimalLoader)  # a SafeLoader subclass


def parse(raw: bytes) -> list[dict[str, Any]]:
    """Every run, numbers as Decimal; an entry without a required field names the entry."""
    runs = _load_yaml(raw)
    if not isinstance(runs, list):
        raise AiderFormatError("the leaderboard is not a list of runs")
    for i, run in enumerate(runs):
        missing = [f for f in _REQUIRED if not isinstance(run, dict) or run.get(f) is None]
        if missing:
            raise AiderFormatError(f"run {i + 1}: missing {', '.join(missing)}")
        if not isinstance(run["date"], dt.date):
            raise AiderFormatError(f"run {i + 1} ({run['dirname']}): date is not a date")
    return runs


def translate(runs: list[dict[str, Any]], retrieved: dt.date, version: str) -> Proposal:
    offers, skipped = [], []
    for run in runs:
        if run.get("editor_model") or " + " in str(run["model"]):
            skipped.append((run["dirname"], "an architect and an editor model together, not one model"))
            continue
        parts = split_name(str(run["model"]))
        offers.append(
            ProposedResult(
                BENCHMARK,
                str(run["model"]),
                candidates(parts, _command_ids(str(run.get("command", "")))),
                _values(run, parts.setting),
                run["dirname"],
                url=URL,
                snapshot=parts.snapshot,
            )
        )
    source = {
        "name": "Aider polyglot leaderboard",
        "kind": "file",
        "version": version,
        "url": URL,
        "license": "Apache-2.0",
        "retrieved": retrieved,
        "description": "Independent coding runs by Aider: 225 Exercism exercises in six languages, pass "
        "rate within two tries, well-formed edits, seconds per case and the run's cost.",
    }
    return Proposal(SOURCE_ID, source, (), tuple(skipped), results=tuple(offers))


def _values(run: dict[str, Any], setting: str | None) -> dict[str, Any]:
    if setting is None and run.get("reasoning_effort"):
        setting = str(run["reasoning_effort"]).capitalize()
    if setting is None and run.get("thinking_tokens"):
        setting = f"{run['thinking_tokens']} thinking tokens"
    measures = {
        "well_formed": run.get("percent_cases_well_formed"),
        "seconds_per_case": run.get("seconds_per_case"),
        # Aider records 0 for a free or unmetered run: no cost is known then.
        "run_cost": run.get("total_cost") or None,
    }
    values = {
        "setting": setting,
        "harness": f"edit format {run['edit_format']}",
        "score": Decimal(run["pass_rate_2"]),
        "samples": int(run["test_cases"]),
        "measures": {k: Decimal(v) for k, v in measures.items() if v is not None},
        "date": run["date"],
        "self_reported": False,
    }
    return {k: v for k, v in values.items() if v is not None}


def _command_ids(command: str) -> tuple[str, ...]:
    """The model ids a run's command names: `--model openrouter/openai/o1` -> `o1`, `openai/o1`."""
    match = re.search(r"--model\s+(\S+)", command)
    if match is None:
        return ()
    full = match.group(1)
    bare = _PREFIXES.sub("", full)
    ids = [bare, full]
    if "/" in bare:
        ids.insert(1, bare.rsplit("/", 1)[1])
    return tuple(dict.fromkeys(ids))
