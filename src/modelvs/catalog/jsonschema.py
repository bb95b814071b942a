"""JSON Schemas of the data files, one per kind of record in `data/` (`layout.KINDS`), for editors:
`python -m modelvs.catalog.jsonschema [DIR]`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from modelvs.catalog.layout import KINDS
from modelvs.schema.docs import document


def schemas() -> dict[str, str]:
    """File name -> JSON Schema text, one per kind of data file."""
    for kind in KINDS:
        document(kind.schema)
    return {
        f"{kind.name}.schema.json": json.dumps(kind.schema.model_json_schema(), indent=2, sort_keys=True)
        + "\n"
        for kind in KINDS
    }


def write(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in schemas().items():
        (folder / name).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    write(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("data/schema"))
