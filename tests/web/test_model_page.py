"""The model page opens with the cost at the reader's traffic, the lab's own route first."""

from __future__ import annotations

from starlette.testclient import TestClient

from tests.web.html import parse


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
