"""Where each kind of record lives under `data/`; ids come from paths, never from contents."""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from pydantic import BaseModel


@dataclass(frozen=True)
class Kind:
    """One kind of data file: its folder, the depth of its id, and its schema."""

    name: str
    folder: str
    depth: int
    """How many path segments form the id (`models/<lab>/<model>` -> 2)."""
    schema_name: str
    """`module:class` of its schema, imported when asked for (`schema`): what only needs the
    folders (the freshness check) does not import pydantic."""

    @property
    def schema(self) -> type[BaseModel]:
        module, _, name = self.schema_name.partition(":")
        found: type[BaseModel] = getattr(importlib.import_module(module), name)
        return found


KINDS: Final = (
    Kind("source", "sources", 1, "modelvs.schema.source:Source"),
    Kind("lab", "labs", 1, "modelvs.schema.lab:Lab"),
    Kind("provider", "providers", 1, "modelvs.schema.provider:Provider"),
    Kind("benchmark", "benchmarks", 1, "modelvs.schema.benchmark:Benchmark"),
    Kind("model", "models", 2, "modelvs.schema.model:Model"),
    Kind("route", "routes", 3, "modelvs.schema.route:Route"),
    Kind("identity", "identity", 1, "modelvs.schema.identity:IdentityDecision"),
    Kind("result", "results", 3, "modelvs.schema.results:ResultSet"),
    Kind("join", "joins", 1, "modelvs.schema.results:NameJoins"),
    Kind("change", "changes", 1, "modelvs.schema.changelog:ChangeLog"),
)
KIND_BY_NAME: Final = {k.name: k for k in KINDS}


def holds_records(folder: Path) -> bool:
    """Whether any kind's folder under `folder` holds a TOML file; stops at the first one found.

    An empty folder would otherwise load as a valid catalog of nothing.
    """
    for kind in KINDS:
        for _, _, names in os.walk(folder / kind.folder):
            if any(name.endswith(".toml") for name in names):
                return True
    return False


def record_id(kind: Kind, relative: PurePosixPath) -> str:
    """The id of a record from its path relative to the kind's folder.

    models/openai/gpt-4o.toml -> `openai/gpt-4o`;
    routes/openrouter/openai/gpt-4o.toml -> `openrouter:openai/gpt-4o`;
    results/lmarena/openai/gpt-4o.toml -> `lmarena:openai/gpt-4o`.
    """
    parts = [*relative.parent.parts, relative.stem]
    if kind.depth == 3:
        return f"{parts[0]}:{parts[1]}/{parts[2]}"
    return "/".join(parts)


def record_path(data_dir: Path, kind_name: str, record: str) -> Path:
    """The file that holds record `record` of kind `kind_name`."""
    kind = KIND_BY_NAME[kind_name]
    if kind.depth == 3:
        provider, model = record.split(":", 1)
        return data_dir / kind.folder / provider / f"{model}.toml"
    return data_dir / kind.folder / f"{record}.toml"


VARIANT_MARK: Final = "@"
"""Separates a route's model from its variant qualifier: `openrouter:anthropic/claude-opus-4-7@thinking`."""


def route_id(provider: str, model: str, qualifier: str | None = None) -> str:
    return f"{provider}:{model}{VARIANT_MARK}{qualifier}" if qualifier else f"{provider}:{model}"


def split_route_id(route: str) -> tuple[str, str]:
    """(provider id, model id) of a route id; a variant's qualifier is not part of the model id."""
    provider, model = route.split(":", 1)
    return provider, model.partition(VARIANT_MARK)[0]


def route_qualifier(route: str) -> str | None:
    """The variant qualifier of a route id (`thinking`, `fp8`), or None for the plain model."""
    _, mark, qualifier = route.partition(VARIANT_MARK)
    return qualifier if mark else None


def route_provider(route: str) -> str:
    return route.split(":", 1)[0]


def route_model(route: str) -> str:
    return split_route_id(route)[1]
