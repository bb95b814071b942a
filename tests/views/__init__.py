"""Shared by the view tests: a tiny catalog whose names are hostile strings."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from modelvs.catalog import Catalog, load_catalog
from modelvs.engine.compare import compare
from modelvs.engine.workload import DEFAULT_WORKLOAD
from modelvs.views.comparison import ComparisonPage, Shell, comparison_page
from tests.minicatalog import FILES, write_catalog

HOSTILE = "<script>alert(1)</script> | [bold]x[/bold] `code`"
ON = dt.date(2026, 11, 24)


def hostile_catalog(root: Path) -> Catalog:
    """The mini catalog plus a second model; the new model, its provider and the lab carry `HOSTILE`."""
    changes: dict[str, str | None] = {
        "labs/openai.toml": FILES["labs/openai.toml"].replace('name = "OpenAI"', f'name = "{HOSTILE} lab"'),
        "providers/evil.toml": FILES["providers/openai.toml"]
        .replace('name = "OpenAI"', f'name = "{HOSTILE} provider"')
        .replace('kind = "first-party"', 'kind = "aggregator"')
        .replace('lab = "openai"\n', ""),
        "models/openai/evil.toml": FILES["models/openai/gpt-4o-2024-11-20.toml"]
        .replace('name = "GPT-4o (2024-11-20)"', f'name = "{HOSTILE}"')
        .replace('models-dev = ["gpt-4o-2024-11-20"]', 'models-dev = ["evil"]')
        .replace('locator = "openai.models.gpt-4o-2024-11-20"', 'locator = "openai.models.evil"'),
        "routes/evil/openai/evil.toml": FILES["routes/openai/openai/gpt-4o-2024-11-20.toml"].replace(
            'provider_model_id = "gpt-4o-2024-11-20"', 'provider_model_id = "evil"'
        ),
    }
    return load_catalog(write_catalog(root, changes))


SHELL = Shell("/compare/evil-vs-gpt-4o-2024-11-20", "/compare/evil-vs-gpt-4o-2024-11-20", None)


def page_of(
    catalog: Catalog, ids: list[str], workload: Any = DEFAULT_WORKLOAD, on: dt.date = ON
) -> ComparisonPage:
    """The comparison page of `ids`, hosted as the CLI hosts it (no live endpoint)."""
    path = "/compare/" + "-vs-".join(sorted(catalog.slugs[m] for m in ids))
    return comparison_page(catalog, compare(catalog, ids, workload, on), workload, Shell(path, path, None))


def hostile_comparison(root: Path) -> ComparisonPage:
    return page_of(hostile_catalog(root), ["openai/evil", "openai/gpt-4o-2024-11-20"])
