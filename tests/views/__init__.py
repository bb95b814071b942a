"""Shared by the view tests: a tiny catalog whose names are hostile strings."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from modelvs.catalog import Catalog, load_catalog
from modelvs.engine.compare import compare, comparison_to_dict
from modelvs.engine.workload import DEFAULT_WORKLOAD
from modelvs.views.comparison_tables import comparison_tables
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


def hostile_comparison(root: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    catalog = hostile_catalog(root)
    data = comparison_to_dict(
        compare(catalog, ["openai/evil", "openai/gpt-4o-2024-11-20"], DEFAULT_WORKLOAD, ON)
    )
    return data, comparison_tables(catalog, data)
