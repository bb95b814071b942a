"""The published comparison schema: current, valid, and matching real output key for key."""

from __future__ import annotations

import copy
import datetime as dt
import json
import random
from typing import Any

import jsonschema
import pytest

from modelvs.catalog import Catalog, load_catalog
from modelvs.engine.compare import compare, comparison_to_dict
from modelvs.engine.compare.jsonschema import SCHEMA_PATH, schema_text
from modelvs.engine.workload import DEFAULT_WORKLOAD

ON = dt.date(2026, 11, 24)
REFERENCE = ["google/gemini-3.1-pro-preview", "openai/gpt-4o-2024-11-20"]


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _errors(validator: jsonschema.Draft202012Validator, data: Any) -> list[str]:
    return [f"{e.json_path}: {e.message[:200]}" for e in validator.iter_errors(data)]


def _json(catalog: Catalog, ids: list[str]) -> Any:
    # Through real JSON, as the CLI and API publish it.
    return json.loads(json.dumps(comparison_to_dict(compare(catalog, ids, DEFAULT_WORKLOAD, ON))))


def test_schema_file_is_generated_from_the_current_types() -> None:
    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text(), (
        "stale: run `python -m modelvs.engine.compare.jsonschema`"
    )


def test_every_object_forbids_undescribed_keys() -> None:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    objects = [schema, *(d for d in schema["$defs"].values() if d.get("type") == "object")]
    assert all(o.get("additionalProperties") is False for o in objects if "properties" in o)
    assert schema["properties"]["version"] == {
        "const": "2",
        "description": "Changes whenever a key is renamed or removed.",
    }


def test_reference_pair_validates(catalog: Catalog, validator: jsonschema.Draft202012Validator) -> None:
    data = _json(catalog, REFERENCE)
    assert _errors(validator, data) == []
    assert list(data) == [
        "version",
        "on",
        "models",
        "facts",
        "verdicts",
        "prose",
        "faq",
        "related",
        "value",
        "curves",
    ]


def test_random_pairs_validate(catalog: Catalog, validator: jsonschema.Draft202012Validator) -> None:
    rng = random.Random(20261124)
    ids = sorted(catalog.models)
    failures = {}
    for _ in range(200):
        pair = rng.sample(ids, 2)
        errors = _errors(validator, _json(catalog, pair))
        if errors:
            failures[" vs ".join(pair)] = errors[:3]
    assert failures == {}


@pytest.mark.parametrize("size", [3, 4, 7, 10])
def test_larger_sets_validate(
    catalog: Catalog, validator: jsonschema.Draft202012Validator, size: int
) -> None:
    ids = random.Random(size).sample(sorted(catalog.models), size - 1)
    ids = [REFERENCE[0], *(m for m in ids if m != REFERENCE[0])][:size]
    assert _errors(validator, _json(catalog, ids)) == []


@pytest.mark.parametrize(
    "path",
    [
        (),
        ("facts",),
        ("facts", "monthly"),
        ("verdicts", "scorecard", 0),
        ("prose",),
        ("faq", 0),
        ("related", 0),
    ],
)
def test_a_key_the_schema_does_not_describe_fails(
    catalog: Catalog, validator: jsonschema.Draft202012Validator, path: tuple[str | int, ...]
) -> None:
    data = copy.deepcopy(_json(catalog, REFERENCE))
    node = data
    for step in path:
        node = node[step]
    node["undocumented"] = 1
    assert any("undocumented" in e for e in _errors(validator, data))


def test_money_must_be_an_exact_decimal_string(
    catalog: Catalog, validator: jsonschema.Draft202012Validator
) -> None:
    data = _json(catalog, REFERENCE)
    data["facts"]["monthly"]["costs"][0]["monthly"]["value"] = 3910.0
    assert _errors(validator, data)
