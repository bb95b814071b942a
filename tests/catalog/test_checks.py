import datetime as dt
from pathlib import Path

from modelvs.catalog import Severity, check_dir
from tests.minicatalog import FILES, write_catalog

TODAY = dt.date(2026, 11, 24)
ROUTE = "routes/openai/openai/gpt-4o-2024-11-20.toml"
MODEL = "models/openai/gpt-4o-2024-11-20.toml"
ORPHAN = "name = 'Orphan'\n[citations.md]\nsource = 'models-dev'\n[provenance]\nname = 'md'\n"


def problems(
    tmp_path: Path, changes: dict[str, str | None], on: dt.date = TODAY
) -> list[tuple[str, str, str]]:
    checked = check_dir(write_catalog(tmp_path, changes), on)
    return [(p.file, p.field, p.message) for p in checked.problems]


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    found = problems(
        tmp_path,
        {
            "routes/nowhere/openai/gpt-4o-2024-11-20.toml": FILES[ROUTE],
            "models/openai/orphan.toml": ORPHAN,
            "models/nolab/thing.toml": ORPHAN.replace("Orphan", "Thing").replace("models-dev", "nope"),
        },
    )
    messages = [m for _, _, m in found]
    assert "unknown provider 'nowhere'" in messages
    assert "model has no route (no provider sells it)" in messages
    assert any(m.startswith("unknown lab 'nolab'") for m in messages)
    assert "unknown source 'nope'" in messages


def test_tiers_out_of_order_and_price_without_source(tmp_path: Path) -> None:
    route = FILES[ROUTE].replace('citation = "md"', 'citation = "ghost"') + (
        "[[prices.tiers]]\nthreshold = 200000\ninput = 5\n[[prices.tiers]]\nthreshold = 100000\ninput = 6\n"
    )
    found = problems(tmp_path, {ROUTE: route})
    assert (ROUTE, "prices.0.citation", "price has no source") in found
    assert (ROUTE, "prices.0.tiers.1.threshold", "tiers out of order") in found


def test_value_without_provenance(tmp_path: Path) -> None:
    model = FILES[MODEL].replace('max_output = "md"\n', "")
    assert (MODEL, "max_output", "value has no source (add it to provenance)") in problems(
        tmp_path, {MODEL: model}
    )


def test_overlapping_schedules(tmp_path: Path) -> None:
    route = (
        FILES[ROUTE] + '[[prices]]\ninput = 3\noutput = 12\ncitation = "md"\neffective_from = 2025-01-01\n'
    )
    assert (ROUTE, "prices", "two standard schedules overlap in time") in problems(tmp_path, {ROUTE: route})


def test_duplicate_models_by_alias(tmp_path: Path) -> None:
    twin = FILES[MODEL]
    found = problems(
        tmp_path,
        {"models/openai/gpt-4o-twin.toml": twin, "routes/openai/openai/gpt-4o-twin.toml": FILES[ROUTE]},
    )
    assert any(f == "aliases" and "shared with" in m for _, f, m in found)


def test_stale_dates_and_conflicts_are_warnings(tmp_path: Path) -> None:
    model = FILES[MODEL] + '[[alternatives]]\nfield = "context_window"\nvalue = 100000\ncitation = "md"\n'
    checked = check_dir(write_catalog(tmp_path, {MODEL: model}), dt.date(2028, 1, 1))
    assert checked.errors == []
    messages = [p.message for p in checked.warnings]
    assert any("sources disagree: kept 128000" in m for m in messages)
    assert any("over a year before 2028-01-01" in m for m in messages)
    assert all(p.severity is Severity.WARNING for p in checked.warnings)


def test_float_noise_in_a_price_is_an_error(tmp_path: Path) -> None:
    route = FILES[ROUTE].replace("output = 10", "output = 10.000000000000002")
    found = problems(tmp_path, {ROUTE: route})
    assert (
        ROUTE,
        "prices.0.output",
        "10.000000000000002 carries float noise: write the exact price",
    ) in found


def test_a_variant_needs_its_qualifier_and_a_price_check_a_curated_source(tmp_path: Path) -> None:
    variant = "routes/openai/openai/gpt-4o-2024-11-20@thinking.toml"
    checked = FILES[ROUTE] + '[price_check]\nnote = "checked"\ncitation = "md"\n'
    found = problems(tmp_path, {variant: FILES[ROUTE], ROUTE: checked})
    messages = {(f, m) for f, _, m in found}
    assert (variant, "a variant route needs `@qualifier` in its file name and a `variant`") in messages
    assert (ROUTE, "a price check must cite a curated (reviewed) source") in messages


def lines(tmp_path: Path, changes: dict[str, str | None]) -> dict[tuple[str, str], int | None]:
    checked = check_dir(write_catalog(tmp_path, changes), TODAY)
    return {(p.field, p.message): p.line for p in checked.problems}


def test_every_problem_names_the_true_line_of_its_field(tmp_path: Path) -> None:
    route = FILES[ROUTE].replace('citation = "md"', 'citation = "ghost"') + (
        '\n[[prices]]\nmode = "batch"\ninput = 1\noutput = 5\ncitation = "md"\n'
        "\n[[prices.tiers]]\nthreshold = 200000\ninput = 5\n"
        "\n[[prices.tiers]]\nthreshold = 100000\ninput = 6\n"
        '\n[citations.extra]\nsource = "nowhere"\n'
    )
    found = lines(tmp_path, {ROUTE: route})
    numbered = dict(enumerate((tmp_path / ROUTE).read_text().splitlines(), start=1))
    citation = found[("prices.0.citation", "price has no source")]
    assert citation is not None
    assert numbered[citation] == 'citation = "ghost"'
    tier = found[("prices.1.tiers.1.threshold", "tiers out of order")]
    assert tier is not None
    assert numbered[tier] == "threshold = 100000"  # the second tier of the second schedule
    source = found[("citations.extra.source", "unknown source 'nowhere'")]
    assert source is not None
    assert numbered[source] == 'source = "nowhere"'


def test_a_syntax_error_in_a_lab_file_is_one_error(tmp_path: Path) -> None:
    broken = 'name = "OpenAI\n[citations.modelvs]\nsource = "modelvs"\n'
    unaliased = FILES[MODEL].replace('[aliases]\nmodels-dev = ["gpt-4o-2024-11-20"]\n', "")
    models = {f"models/openai/gpt-{i}.toml": unaliased for i in range(5)}
    routes = {f"routes/openai/openai/gpt-{i}.toml": FILES[ROUTE] for i in range(5)}
    checked = check_dir(write_catalog(tmp_path, {"labs/openai.toml": broken, **models, **routes}), TODAY)
    assert [(p.file, p.line) for p in checked.errors] == [("labs/openai.toml", 1)]
    assert checked.errors[0].message.startswith("invalid TOML")


def test_a_broken_model_file_is_one_error_not_one_per_route(tmp_path: Path) -> None:
    checked = check_dir(write_catalog(tmp_path, {MODEL: FILES[MODEL] + "context_window = 'wide'\n"}), TODAY)
    assert {p.file for p in checked.errors} == {MODEL}


def test_control_and_bidi_characters_are_refused_with_their_line(tmp_path: Path) -> None:
    model = (
        FILES[MODEL]
        .replace('name = "GPT-4o (2024-11-20)"', 'name = "GPT-4o\\u202e02-11-4202"')
        .replace('locator = "openai.models.gpt-4o-2024-11-20"', 'locator = "title \\u001b]0;owned\\u0007"')
    )
    route = FILES[ROUTE].replace(
        'provider_model_id = "gpt-4o-2024-11-20"', 'provider_model_id = "gpt-4o\\nsecond"'
    )
    checked = check_dir(write_catalog(tmp_path, {MODEL: model, ROUTE: route}), TODAY)
    found = {(p.file, p.line, p.field, p.message.split(" (")[0]) for p in checked.errors}
    model_lines = (tmp_path / MODEL).read_text().splitlines()
    assert model_lines[0].startswith("name = ")
    assert model_lines[9].startswith("locator = ")
    assert found == {
        (MODEL, 1, "name", "text holds a bidirectional control, which reorders what a reader sees"),
        (MODEL, 10, "citations.md.locator", "text holds a control character"),
        (ROUTE, 1, "provider_model_id", "a name holds a line break"),
    }


def test_a_tab_in_a_name_is_a_warning(tmp_path: Path) -> None:
    model = FILES[MODEL].replace('name = "GPT-4o (2024-11-20)"', 'name = "GPT-4o (2024-11-20)\\t"')
    checked = check_dir(write_catalog(tmp_path, {MODEL: model}), TODAY)
    assert checked.errors == []
    assert [(p.field, p.message) for p in checked.warnings] == [
        ("name", "a name holds a tab (U+0009): write it as plain text")
    ]


def test_a_capability_that_contradicts_its_modality_fails(tmp_path: Path) -> None:
    model = (
        FILES[MODEL]
        .replace("[capabilities]", 'modalities_in = ["text"]\n[capabilities]')
        .replace('name = "md"\n', 'name = "md"\nmodalities_in = "md"\n')
    )
    found = problems(tmp_path, {MODEL: model})
    message = (
        "capability vision is yes but modalities_in does not list image:"
        " a capability and its modality must agree"
    )
    assert (MODEL, "capabilities.vision", message) in found
    agreeing = model.replace('modalities_in = ["text"]', 'modalities_in = ["text", "image"]')
    assert not [p for p in problems(tmp_path, {MODEL: agreeing}) if p[1] == "capabilities.vision"]


def test_names_and_text_past_their_limits_and_an_unknown_billed_as_are_refused(tmp_path: Path) -> None:
    long_name = FILES[MODEL].replace('name = "GPT-4o (2024-11-20)"', f'name = "{"x" * 201}"')
    checked = check_dir(write_catalog(tmp_path, {MODEL: long_name}), TODAY)
    assert any(p.field == "name" and "at most 200 characters" in p.message for p in checked.errors)
    billed = (
        FILES[MODEL]
        .replace("[capabilities]", 'billed_as = "openai/gpt-9"\n[capabilities]')
        .replace('name = "md"\n', 'name = "md"\nbilled_as = "md"\n')
    )
    assert (MODEL, "billed_as", "unknown model 'openai/gpt-9'") in problems(tmp_path / "b", {MODEL: billed})
