"""Text output says values as people write them: no Python literal (`True`, `None`, `['a']`,
`Decimal(...)`), no internal field name (`context_window`, `cache_read`, `capabilities.vision`), no
Decimal printed with its arithmetic's trailing zeros, over many commands and models.

`check`, `sync` and `identity propose` are left out on purpose: they report on the catalog's files,
and name the TOML key to edit.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from typer.testing import CliRunner

from modelvs.catalog import Catalog, load_catalog
from modelvs.catalog.notability import most_notable
from modelvs.cli import app
from modelvs.schema.model import Model
from modelvs.schema.pricing import TOKEN_COMPONENTS
from modelvs.schema.vocab import Capability, FeeKind, Unit

DAY = dt.date(2026, 11, 24)
ON = ["--on", DAY.isoformat()]
INTERNAL = sorted(
    {name for name in Model.model_fields if "_" in name}
    | {c for c in TOKEN_COMPONENTS if "_" in c}
    | {c.value for c in Capability if "_" in c.value}
    | {f.value for f in FeeKind}
    | {u.value for u in Unit if "_" in u.value}
)
UNCLEAN = re.compile(
    r"\b(True|False|None)\b"  # Python literals
    r"|Decimal\(|datetime\.|\['|\{'"  # reprs
    r"|capabilities\."  # a field path
    r"|\d\.\d*00(?![\dx])"  # a Decimal with its arithmetic's zeros (cents are `$2.50`)
    r"|(?<![\w/.:@-])(" + "|".join(INTERNAL) + r")(?![\w/-])"  # a field name
)


@pytest.fixture(scope="module")
def shipped() -> Catalog:
    return load_catalog()


def _unclean(args: list[str]) -> list[str]:
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, (args, result.output)
    return [f"{' '.join(args)}: {line}" for line in result.output.splitlines() if UNCLEAN.search(line)]


def test_the_pattern_finds_what_it_looks_for() -> None:
    for said in ("says True", "x None", "['text']", "context_window", "cache_read $1", "52.50000000"):
        assert UNCLEAN.search(said), said
    for fine in ("$2.50", "1.00x", "openai/gpt-5.5", "1,050,000 tokens", "cache read $0.50", "Truest"):
        assert not UNCLEAN.search(fine), fine


def test_show_and_cost_of_the_most_notable_models(shipped: Catalog) -> None:
    found: list[str] = []
    for model in most_notable(shipped, DAY, 40):
        found += _unclean(["show", model, *ON])
        found += _unclean(["cost", model, "--routes", "all", "-r", "3M", "-i", "1500", "-c", "500", *ON])
    assert found == []


def test_compare_rank_and_models(shipped: Catalog) -> None:
    top = list(most_notable(shipped, DAY, 16))
    cases = [["compare", top[i], top[i + 1], *ON] for i in range(0, 12, 2)]
    cases += [
        ["compare", *top[:4], "--full", "--batch-share", "50%", *ON],
        ["rank", *ON],
        ["rank", "--sort", "value", "--needs", "vision", *ON],
        ["rank", "--kind", "embedding", "--include-retired", *ON],
        ["models", "--limit", "200", *ON],
        ["models", "--status", "retired", "--status", "deprecated", *ON],
        ["models", "--search", "gemini", *ON],
    ]
    found = [line for args in cases for line in _unclean(args)]
    assert found == []
