"""The comparison templates read `ComparisonPage` fields and nothing else (datasette's contract).

The page is handed to the templates wrapped: a wrapped dataclass answers only its fields (each
value wrapped in turn), so a template that calls a method, reads a property or invents a key
fails here, by name.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from modelvs.catalog import Catalog
from modelvs.views.comparison import ComparisonPage
from modelvs.web import create_app
from tests.views import page_of

PAIRS = (
    ["google/gemini-3.1-pro-preview", "openai/gpt-4o-2024-11-20"],
    ["anthropic/claude-opus-4-7", "google/gemini-3.1-pro-preview", "openai/gpt-5.5", "xai/grok-4.3"],
)


class Fields:
    """A dataclass value a template may read fields of, and nothing else."""

    def __init__(self, value: Any, path: str, log: list[str], read: set[str]) -> None:
        self._value, self._path, self._log, self._read = value, path, log, read

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        fields = {f.name for f in dataclasses.fields(self._value)}
        where = f"{type(self._value).__name__}.{name}"
        if name not in fields:
            self._log.append(f"{self._path}.{name} ({where} is not a field)")
            raise AttributeError(name)
        self._read.add(where)
        return wrap(getattr(self._value, name), f"{self._path}.{name}", self._log, self._read)

    def __getitem__(self, key: object) -> Any:
        self._log.append(f"{self._path}[{key!r}] (a view model is not a mapping)")
        raise KeyError(key)


def wrap(value: Any, path: str, log: list[str], read: set[str]) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return Fields(value, path, log, read)
    if isinstance(value, tuple):
        return tuple(wrap(v, f"{path}[{i}]", log, read) for i, v in enumerate(value))
    return value


def _render(catalog: Catalog, page: ComparisonPage, template: str, read: set[str]) -> list[str]:
    web = create_app(catalog).state.web
    log: list[str] = []
    context = {"title": "t", "description": "d", "canonical": "c", "json_ld": [], "catalog_version": "v"}
    web.render(template, page=wrap(page, "page", log, read), on="o", noindex=False, **context)
    return log


@pytest.mark.parametrize("ids", PAIRS, ids=["2 models", "4 models"])
@pytest.mark.parametrize("template", ["compare.html", "compare_live.html"])
def test_templates_read_only_view_model_fields(catalog: Catalog, ids: list[str], template: str) -> None:
    read: set[str] = set()
    assert _render(catalog, page_of(catalog, ids), template, read) == []
    assert read  # the wrapper saw the template's reads


def test_the_page_template_shows_every_section_field(catalog: Catalog) -> None:
    read: set[str] = set()
    _render(catalog, page_of(catalog, PAIRS[0]), "compare.html", read)
    shown = {f"ComparisonPage.{f.name}" for f in dataclasses.fields(ComparisonPage)}
    # What only the page's head (title, description, canonical path) or the JSON carries.
    elsewhere = {f"ComparisonPage.{n}" for n in ("version", "description", "path", "on", "models")}
    assert shown - elsewhere <= read


def test_the_wrapper_answers_fields_and_logs_anything_else(catalog: Catalog) -> None:
    log: list[str] = []
    page = wrap(page_of(catalog, PAIRS[0]), "page", log, set())
    assert page.sections[1].body.table.rows[0].head.text == "Input price per 1M tokens"
    with pytest.raises(AttributeError):
        page.sentences  # noqa: B018
    with pytest.raises(KeyError):
        page.sections[0].body["verdict"]
    assert log == [
        "page.sentences (ComparisonPage.sentences is not a field)",
        "page.sections[0].body['verdict'] (a view model is not a mapping)",
    ]
