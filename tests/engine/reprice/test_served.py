from __future__ import annotations

import pytest

from modelvs import load_catalog
from modelvs.catalog import Catalog
from modelvs.engine.reprice.served import NO_PROVIDER, route_points, serve


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


def test_a_log_names_a_route_through_its_own_vocabulary(catalog: Catalog) -> None:
    found = serve(catalog, 0, "gcp.gemini", "gemini-3.1-pro-preview")
    assert (found.model, found.route, found.why) == (
        "google/gemini-3.1-pro-preview", "google:google/gemini-3.1-pro-preview", None,
    )  # fmt: skip
    # Vertex AI is two providers in the catalog: the first that sells the model billed it.
    assert (
        serve(catalog, 1, "gcp.vertex_ai", "gemini-3.1-pro-preview").route
        == "google-vertex:google/gemini-3.1-pro-preview"
    )
    only = next(
        m
        for m in sorted(catalog.routes_by_model)
        if f"google-vertex-anthropic:{m}" in catalog.routes and f"google-vertex:{m}" not in catalog.routes
    )
    assert serve(catalog, 2, "gcp.vertex_ai", only).route == f"google-vertex-anthropic:{only}"


def test_no_provider_is_the_labs_api_and_says_so(catalog: Catalog) -> None:
    found = serve(catalog, 0, None, "claude-opus-4-7")
    assert (found.route, found.note) == ("anthropic:anthropic/claude-opus-4-7", NO_PROVIDER)


@pytest.mark.parametrize(
    ("provider", "name", "why"),
    [
        ("openai", "gpt-9-ultra-nonexistent", "unknown model"),
        ("someone", "gpt-4o-2024-11-20", "unknown provider 'someone'"),
        (
            "anthropic",
            "gpt-4o-2024-11-20",
            "anthropic sells no route of openai/gpt-4o-2024-11-20 in the catalog",
        ),
        ("openai", "", "the log names no model"),
    ],
)
def test_what_cannot_be_named_says_why(catalog: Catalog, provider: str, name: str, why: str) -> None:
    found = serve(catalog, 0, provider, name)
    assert (found.route, found.why) == (None, why)


def test_points_are_where_a_routes_bill_changes(catalog: Catalog) -> None:
    gemini = route_points(catalog, "google:google/gemini-3.1-pro-preview")
    assert gemini.prompt == (200_001, 1_048_577)  # the tier above 200k, and past the window
    assert gemini.answer == (65_537,)
    gpt = route_points(catalog, "openai:openai/gpt-4o-2024-11-20")
    assert gpt.prompt == (128_001,)
