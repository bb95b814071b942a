from pathlib import Path

from modelvs.catalog.jsonschema import schemas

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "data" / "schema"


def test_checked_in_json_schemas_are_current() -> None:
    expected = schemas()
    stale = [
        name
        for name, text in expected.items()
        if not (SCHEMA_DIR / name).exists() or (SCHEMA_DIR / name).read_text() != text
    ]
    assert stale == [], f"run `python -m modelvs.catalog.jsonschema` to refresh {stale}"


def test_every_field_is_documented() -> None:
    from modelvs.catalog.layout import KINDS
    from modelvs.schema.docs import document

    for kind in KINDS:
        document(kind.schema)
    undocumented = [
        f"{kind.name}.{name}"
        for kind in KINDS
        for name, field in kind.schema.model_fields.items()
        if not field.description
    ]
    assert undocumented == []
