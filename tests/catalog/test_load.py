from pathlib import Path

from modelvs.catalog import check_dir
from modelvs.catalog.load import load_dir
from tests.minicatalog import write_catalog

TODAY = __import__("datetime").date(2026, 11, 24)


def test_mini_catalog_loads_clean(mini: Path) -> None:
    checked = check_dir(mini, TODAY)
    assert checked.errors == []
    assert set(checked.catalog.models) == {"openai/gpt-4o-2024-11-20"}
    assert set(checked.catalog.routes) == {"openai:openai/gpt-4o-2024-11-20"}


def test_schema_error_names_file_line_and_field(tmp_path: Path) -> None:
    bad = "name = 'GPT'\ncontext_window = -5\n"
    data = write_catalog(tmp_path, {"models/openai/gpt-4o-2024-11-20.toml": bad})
    problems = load_dir(data).problems
    assert [(p.file, p.line, p.field) for p in problems] == [
        ("models/openai/gpt-4o-2024-11-20.toml", 2, "context_window")
    ]


def test_unknown_key_and_vocabulary_are_errors(tmp_path: Path) -> None:
    bad = "name = 'GPT'\ncolour = 'blue'\n[capabilities]\ntelepathy = true\n"
    data = write_catalog(tmp_path, {"models/openai/gpt-4o-2024-11-20.toml": bad})
    fields = {p.field for p in load_dir(data).problems}
    assert "colour" in fields
    assert any(f.startswith("capabilities.telepathy") for f in fields)


def test_invalid_toml_names_the_line(tmp_path: Path) -> None:
    data = write_catalog(tmp_path, {"labs/openai.toml": "name = 'OpenAI'\nurl = \n"})
    [problem] = load_dir(data).problems
    assert problem.file == "labs/openai.toml"
    assert problem.line == 2
    assert "invalid TOML" in problem.message


def test_a_file_at_the_wrong_depth_is_reported(tmp_path: Path) -> None:
    data = write_catalog(tmp_path, {"models/gpt.toml": "name = 'x'\n"})
    assert any("folder(s) deep" in p.message for p in load_dir(data).problems)
