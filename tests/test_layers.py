"""Layers point one way: sources -> catalog -> engine -> views -> shells (cli, web, static build).

Read from the source (every `import` and `from` statement, relative ones resolved, including the
ones inside functions), so a lazy import cannot hide a dependency that runs later.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "modelvs"
SHELLS = ("modelvs.cli", "modelvs.web", "modelvs.staticsite")
FORBIDDEN: dict[str, tuple[str, ...]] = {
    # What each layer must never import.
    "modelvs.formatting": ("modelvs.",),
    "modelvs.schema": ("modelvs.engine", "modelvs.views", "modelvs.sync", *SHELLS),
    "modelvs.catalog": ("modelvs.engine", "modelvs.views", "modelvs.sources", "modelvs.sync", *SHELLS),
    "modelvs.usage": ("modelvs.engine", "modelvs.views", "modelvs.sources", "modelvs.sync", *SHELLS),
    "modelvs.engine": ("modelvs.views", "modelvs.sources", "modelvs.sync", *SHELLS),
    "modelvs.views": SHELLS,
}


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """Every module `path` imports, as absolute names."""
    here = _module(path)
    package = here if path.name == "__init__.py" else here.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package
            for _ in range(node.level - 1):
                base = base.rpartition(".")[0]
            name = node.module or ""
            absolute = (f"{base}.{name}" if name else base) if node.level else name
            found.add(absolute)
            found.update(f"{absolute}.{alias.name}" for alias in node.names)
    return found


def _files(layer: str) -> list[Path]:
    target = PACKAGE.parent.joinpath(*layer.split("."))
    return (
        [target.with_suffix(".py")] if target.with_suffix(".py").is_file() else sorted(target.rglob("*.py"))
    )


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_a_layer_imports_nothing_above_it(layer: str) -> None:
    wrong = sorted(
        f"{path.relative_to(PACKAGE)} imports {name}"
        for path in _files(layer)
        for name in imports(path)
        if name.startswith(FORBIDDEN[layer]) and not name.startswith(layer)
    )
    assert wrong == []


def test_the_check_sees_relative_and_nested_imports(tmp_path: Path) -> None:
    # The parser itself: a relative import two levels up and an import inside a function.
    sample = PACKAGE / "engine" / "compare" / "comparison.py"
    found = imports(sample)
    assert "modelvs.engine.compare.facts" in found
    assert "modelvs.catalog" in found
    assert _module(PACKAGE / "engine" / "__init__.py") == "modelvs.engine"
