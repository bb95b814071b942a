"""The model page opens with the cost at the reader's traffic, the lab's own route first."""

from __future__ import annotations

import datetime as dt

from starlette.testclient import TestClient

from modelvs.web import create_app
from tests.minicatalog import in_memory
from tests.web.html import Node, parse


def test_the_page_opens_with_the_cost_and_the_lab_route_first(client: TestClient) -> None:
    doc = parse(client.get("/models/gpt-4o-2024-11-20").text)
    first = doc.find("main").find_all("h2")[0]
    assert first.attrs["id"] == "cost-h"
    answer = doc.find("section", **{"class": "answer"})
    assert "1,000,000 requests a month of 800 input and 250 output tokens" in answer.text
    rows = answer.find("tbody").find_all("tr")
    assert "the lab's own API" in rows[0].find("th").text
    assert "OpenAI API" in rows[0].find("th").text
    assert rows[0].find_all("td")[0].text == "$4,500"
    assert rows[0].find_all("td")[1].text == "$0.0045"  # a request, exactly
    assert answer.find("form", **{"class": "workload"}).attrs["action"] == "/models/gpt-4o-2024-11-20"


def test_the_workload_in_the_url_changes_the_cost(client: TestClient) -> None:
    doc = parse(client.get("/models/gpt-4o-2024-11-20?requests=2M&input=1000&output=100").text)
    answer = doc.find("section", **{"class": "answer"})
    assert "2,000,000 requests a month of 1,000 input and 100 output tokens" in answer.text
    first = answer.find("tbody").find_all("tr")[0]
    assert first.find_all("td")[0].text == "$7,000"
    assert first.find_all("td")[1].text == "$0.0035"
    assert doc.find("input", id="wl-requests").attrs["value"] == "2000000"
    assert client.get("/models/gpt-4o-2024-11-20?requests=lots").status_code == 422


def test_the_price_table_lists_the_lab_route_first(client: TestClient) -> None:
    doc = parse(client.get("/models/gemini-3.1-pro-preview").text)
    table = doc.find("section", **{"aria-labelledby": "routes-h"}).find("table")
    first = table.find("tbody").find_all("tr")[0].find("th").text
    assert "Google AI Studio" in first


def test_facts_are_formatted_for_reading(client: TestClient) -> None:
    doc = parse(client.get("/models/gpt-4o-2024-11-20").text)
    facts = doc.find("dl", **{"class": "facts"})
    pairs = dict(
        zip([d.text for d in facts.find_all("dt")], [d.text for d in facts.find_all("dd")], strict=True)
    )
    assert pairs["Context window"].startswith("128,000 tokens")
    assert pairs["Input"].startswith("text, image")
    for value in pairs.values():
        assert not value.startswith(("True", "False", "None"))


def test_a_retired_or_deprecated_model_says_so_first() -> None:
    catalog = in_memory(
        {
            "acme/old": {"name": "Old", "retirement_date": dt.date(2026, 1, 5)},
            "acme/going": {"name": "Going", "status": "deprecated", "retirement_date": dt.date(2027, 1, 14)},
            "acme/new": {"name": "New"},
        },
        {f"acme:acme/{m}": {"input": 1, "output": 2} for m in ("old", "going", "new")},
    )
    client = TestClient(create_app(catalog, today=dt.date(2026, 11, 24)))
    notes = {
        slug: [
            p.text for p in parse(client.get(f"/models/{slug}").text).find_all("p", **{"class": "lifecycle"})
        ]
        for slug in ("old", "going", "new")
    }
    assert notes == {
        "old": ["Retired on 2026-01-05."],
        "going": ["Deprecated, retires on 2027-01-14."],
        "new": [],
    }
    answer = parse(client.get("/compare/going-vs-new").text).find("section", id="answer")
    assert answer.find("p", **{"class": "lifecycle"}).text == "Going: deprecated, retires on 2027-01-14."
    assert client.get("/api/v1/models/old").json()["lifecycle"] == "retired on 2026-01-05"
    assert client.get("/api/v1/cost?model=going").json()["lifecycle"] == "deprecated, retires on 2027-01-14"


def _capabilities(client: TestClient, slug: str) -> dict[str, list[Node]]:
    doc = parse(client.get(f"/models/{slug}").text)
    section = doc.find("section", **{"aria-labelledby": "caps-h"})
    return {r.find("th").text: r.find_all("td") for r in section.find("tbody").find_all("tr")}


def test_where_sources_disagree_the_other_value_is_said_beside_the_one_shown(client: TestClient) -> None:
    """Kimi K3: LiteLLM says audio input is "no" where no chosen source says; models.dev lists
    Claude Opus 4.7 twice, once with temperature control and once without."""
    audio = _capabilities(client, "kimi-k3")["Audio input"]
    assert audio[0].text == "unknown"
    assert audio[1].text.startswith("LiteLLM cost map")
    assert audio[1].text.endswith("says no")
    temperature = _capabilities(client, "claude-opus-4-7")["Temperature control"]
    assert temperature[0].text == "no"
    assert temperature[1].text.count("says yes") == 1
    for slug in ("kimi-k3", "claude-opus-4-7"):
        main = parse(client.get(f"/models/{slug}").text).find("main").text
        assert "other source" not in main
        assert "capabilities." not in main
