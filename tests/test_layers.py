"""Layers point one way, and every package has its place in them.

Read from the source (every `import` and `from` statement, relative ones resolved, including the
ones inside functions and under `TYPE_CHECKING`), so a lazy import cannot hide a dependency that
runs later. `python -m tests.test_layers [modelvs.web]` prints the folders of a package (files in
each), the arrows between them and the import circles between its modules.
"""

from __future__ import annotations

import ast
import sys
from collections import defaultdict
from collections.abc import Iterable
from functools import cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "modelvs"
LAYERS: tuple[tuple[str, ...], ...] = (
    # Bottom first. A module imports its own package and packages of lower layers, nothing else.
    ("modelvs.formatting", "modelvs.schema"),  # every number printed one way; record types
    ("modelvs.catalog",),  # loads and checks data/
    ("modelvs.usage", "modelvs.storage"),  # usage logs read; page views kept
    ("modelvs.engine",),  # pricing, ranking, comparing: pure
    ("modelvs.params",),  # what a person types, parsed
    ("modelvs.sources",),  # public sources fetched, parsed, translated
    ("modelvs.sync",),  # proposals merged into data/
    ("modelvs.views",),  # view models every renderer reads
    ("modelvs.export", "modelvs.library"),  # the shells: exports, the Python API,
    ("modelvs.web",),  # the site,
    ("modelvs.staticsite",),  # the static build of the site,
    ("modelvs.cli",),  # the command line,
    ("modelvs",),  # and the front door, which re-exports the library
)
ROOT_CONSTANTS = {"modelvs.__version__"}
"""What any layer may read from the front door."""
WEB_LAYERS: tuple[tuple[str, ...], ...] = (
    ("modelvs.web.http",),  # responses, caching, headers, hosts, serving, the app's state
    ("modelvs.web.pages",),  # the HTML pages and their glue
    ("modelvs.web.api",),  # the JSON API, its contract and OpenAPI document
    ("modelvs.web",),  # the app factory, the route table, the server
)


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def modules() -> dict[str, Path]:
    """Every module of the package by its dotted name."""
    return {_module(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports(path: Path) -> set[str]:
    """Every name `path` imports, as absolute names (`from a import b` gives `a` and `a.b`)."""
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


def imported_modules(path: Path) -> set[str]:
    """The package's own modules `path` imports: `from a import b` is module `a.b` when there is
    one, else `a`; the front door's constants (`from modelvs import __version__`) are not counted."""
    known = modules()

    def nearest(name: str) -> str | None:
        while name not in known and "." in name:
            name = name.rpartition(".")[0]
        return name if name in known and name.startswith("modelvs") else None

    here = _module(path)
    package = here if path.name == "__init__.py" else here.rpartition(".")[0]
    found: set[str | None] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(nearest(alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package
            for _ in range(node.level - 1):
                base = base.rpartition(".")[0]
            name = node.module or ""
            absolute = (f"{base}.{name}" if name else base) if node.level else name
            for alias in node.names:
                full = f"{absolute}.{alias.name}"
                if full not in ROOT_CONSTANTS:
                    found.add(full if full in known else nearest(absolute))
    return {m for m in found if m is not None}


def _place(module: str, layers: tuple[tuple[str, ...], ...]) -> tuple[int, str] | None:
    """(layer index, package) of the most specific package of `layers` holding `module`."""
    best: tuple[int, str] | None = None
    for index, layer in enumerate(layers):
        for package in layer:
            if (module == package or module.startswith(package + ".")) and (
                best is None or len(package) > len(best[1])
            ):
                best = (index, package)
    return best


def wrong_arrows(layers: tuple[tuple[str, ...], ...], within: str = "modelvs") -> list[str]:
    """Every import of a module under `within` that goes sideways or up in `layers`."""
    wrong = []
    for name, path in modules().items():
        if not (name == within or name.startswith(within + ".")):
            continue
        here = _place(name, layers)
        assert here is not None, f"{name} is in no layer"
        for target in sorted(imported_modules(path)):
            there = _place(target, layers)
            if there is None or there[1] == here[1]:
                continue
            if there[0] >= here[0]:
                wrong.append(f"{name} imports {target}")
    return wrong


def test_every_package_has_a_layer() -> None:
    placed = {package for layer in LAYERS for package in layer}
    top = {".".join(m.split(".")[:2]) for m in modules()}
    assert top == placed
    web = {".".join(m.split(".")[:3]) for m in modules() if m.startswith("modelvs.web.")}
    folders = {m for m in web if (PACKAGE.parent / Path(*m.split("."))).is_dir()}
    assert folders == {p for layer in WEB_LAYERS for p in layer} - {"modelvs.web"}


def test_a_layer_imports_nothing_beside_or_above_it() -> None:
    assert wrong_arrows(LAYERS) == []


def test_the_web_app_is_plumbing_then_pages_then_the_api_then_the_app() -> None:
    assert wrong_arrows(WEB_LAYERS, "modelvs.web") == []


def circles(within: str = "modelvs") -> list[list[str]]:
    """The import circles between modules under `within` (strongly connected groups of two or
    more, lazy imports included), each sorted."""
    graph = {
        name: {t for t in imported_modules(path) if t == within or t.startswith(within + ".")}
        for name, path in modules().items()
        if name == within or name.startswith(within + ".")
    }
    return [sorted(group) for group in _strongly_connected(graph) if len(group) > 1]


def _strongly_connected(graph: dict[str, set[str]]) -> list[set[str]]:
    """Tarjan's algorithm, iterative."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in graph:
                    continue
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.add(member)
                    if member == node:
                        break
                groups.append(group)
    return groups


def test_no_import_circle_in_the_web_app_or_storage() -> None:
    assert circles("modelvs.web") == []
    assert circles("modelvs.storage") == []


def test_the_check_sees_relative_and_nested_imports() -> None:
    # The parser itself: a relative import two levels up and an import inside a function.
    sample = PACKAGE / "engine" / "compare" / "comparison.py"
    found = imports(sample)
    assert "modelvs.engine.compare.facts" in found
    assert "modelvs.catalog" in found
    assert _module(PACKAGE / "engine" / "__init__.py") == "modelvs.engine"
    assert "modelvs.web.api.openapi" in imported_modules(PACKAGE / "web" / "routes.py")
    assert "modelvs.web.routes" not in imported_modules(PACKAGE / "web" / "api" / "openapi.py")
    assert _strongly_connected({"a": {"b"}, "b": {"a", "c"}, "c": set()}) == [{"c"}, {"a", "b"}]


def folder_report(within: str) -> Iterable[str]:
    """The folders of `within` (its own files count as one folder), the files in each, the arrows
    between them, and the circles between folders and between modules."""
    top = PACKAGE.parent / Path(*within.split("."))
    folder_of = {}
    for name, path in modules().items():
        if name == within or name.startswith(within + "."):
            folder = path.parent
            folder_of[name] = within if folder == top else _module(folder / "__init__.py")
    files: dict[str, int] = defaultdict(int)
    for folder in folder_of.values():
        files[folder] += 1
    arrows: dict[str, set[str]] = {folder: set() for folder in files}
    for name, folder in folder_of.items():
        for target in imported_modules(modules()[name]):
            if target in folder_of and folder_of[target] != folder:
                arrows[folder].add(folder_of[target])
    yield "files per folder:"
    yield from (f"  {folder:<24} {files[folder]}" for folder in sorted(files))
    yield "arrows between folders:"
    yield from (f"  {a} -> {', '.join(sorted(arrows[a]))}" for a in sorted(arrows) if arrows[a])
    between = [g for g in _strongly_connected(arrows) if len(g) > 1]
    yield f"circles between folders: {len(between)}"
    yield f"circles between modules: {len(circles(within))}"


if __name__ == "__main__":
    print("\n".join(folder_report(sys.argv[1] if len(sys.argv) > 1 else "modelvs.web")))
