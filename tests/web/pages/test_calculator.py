"""The calculator's ranking table: rows built in Python, their model and route cells kept."""

from __future__ import annotations

from modelvs.catalog import Catalog
from modelvs.engine.rank import Needs, ranking
from modelvs.engine.workload import Profile, Workload
from modelvs.web.pages.calculator import table_rows
from tests.engine.test_pricing import ON, build, route
from tests.web.html import parse

LAB = {"name": "Lab", "kind": "first-party", "lab": "lab", "trust": "first_party"}
SHORT = Workload(1000, (Profile(800, 250),))
LONG = Workload(1000, (Profile(300_000, 250),))
"""A prompt only the cloud's longer window takes."""


def _catalog(model_name: str, cloud_name: str) -> Catalog:
    cloud = {"name": cloud_name, "kind": "cloud", "trust": "major_cloud"}
    return build(
        {
            "lab:lab/m": route({"input": "2", "output": "10"}),
            "cloud:lab/m": route({"input": "2", "output": "10"}, context_window=400_000),
        },
        providers={"lab": LAB, "cloud": cloud},
        models={"lab/m": {"name": model_name, "context_window": 200_000}},
    )


def _cells(catalog: Catalog, workload: Workload) -> list[tuple[str, ...]]:
    doc = parse(
        f"<table><tbody>{table_rows(catalog, ranking(catalog, Needs(), workload, ON), 7)}</tbody></table>"
    )
    return [
        (
            *(td.text for td in tr.find_all("td")[:3]),
            tr.find("th").text,
            tr.find("th").find("a").attrs["href"] or "",
            tr.find_all("td")[1].find("a").attrs["href"] or "",
        )
        for tr in doc.find_all("tr")
    ]


def test_rows_name_the_model_and_route_of_their_catalog_and_workload() -> None:
    # Each catalog names the model and the cloud its own way, and each workload has its own
    # cheapest route: the kept cells must follow both.
    first, renamed = _catalog("Model <M>", "Cloud A"), _catalog("Renamed M", "Cloud B")
    for catalog, model, cloud in ((first, "Model <M>", "Cloud A"), (renamed, "Renamed M", "Cloud B")):
        for _ in range(2):  # built, then from the kept cells
            assert _cells(catalog, SHORT) == [("7", "Lab", "$4.10", model, "/models/m", "/providers/lab")]
            assert _cells(catalog, LONG) == [("7", cloud, "$602.50", model, "/models/m", "/providers/cloud")]
