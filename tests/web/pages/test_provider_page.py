"""Provider pages: prices of every route, with filters, sort and pages."""

from __future__ import annotations

from decimal import Decimal

from starlette.testclient import TestClient

from tests.web.html import Node, parse


def _rows(doc: Node) -> list[Node]:
    [table] = [t for t in doc.find_all("table") if "browse" in (t.attrs.get("class") or "").split()]
    return table.find("tbody").find_all("tr")


def test_a_large_provider_is_paged_with_prices(client: TestClient) -> None:
    doc = parse(client.get("/providers/openrouter").text)
    rows = _rows(doc)
    assert len(rows) == 50
    assert doc.find("a", rel="next").attrs["href"] == "/providers/openrouter/page/2"
    priced = [r.find_all("td")[0].text for r in rows]
    assert any(p.startswith("$") for p in priced)


def test_sort_by_input_price_is_numeric(client: TestClient) -> None:
    doc = parse(client.get("/providers/openrouter?sort=-input").text)
    prices = [r.find_all("td")[0].text for r in _rows(doc)]
    numbers = [Decimal(p.removeprefix("$").replace(",", "")) for p in prices if p != "-"]
    assert numbers == sorted(numbers, reverse=True)
    header = next(th for th in doc.find("thead").find_all("th") if th.text == "Input")
    assert header.attrs["aria-sort"] == "descending"


def test_filters_by_name_and_kind(client: TestClient) -> None:
    doc = parse(client.get("/providers/openai?q=gpt-4o-2024-11-20").text)
    [row] = [r for r in _rows(doc) if r.find("th").text == "GPT-4o (2024-11-20)"]
    assert [td.text for td in row.find_all("td")[:3]] == ["$2.50", "$10", "$1.25"]
    embeddings = parse(client.get("/providers/openai?kind=embedding").text)
    assert all("embedding" in r.text.lower() for r in _rows(embeddings))
    assert client.get("/providers/openai?sort=bogus").status_code == 422


def test_opens_on_the_most_notable_models_with_retired_ones_last(client: TestClient) -> None:
    first = _rows(parse(client.get("/providers/openai").text))
    names = [r.find("th").find("a").text for r in first]
    assert "Ada" not in names[:10]
    assert "GPT-5.5" in names[:5]
    retired: list[bool] = []
    page = 1
    while True:
        doc = parse(client.get(f"/providers/openai?page={page}").text)
        retired += ["(retired)" in r.find("th").text for r in _rows(doc)]
        if not doc.find_all("a", rel="next"):
            break
        page += 1
    assert any(retired)
    assert retired == sorted(retired)  # every current model before every retired one
    by_name = _rows(parse(client.get("/providers/openai?sort=model").text))
    shown = [r.find("th").find("a").text.casefold() for r in by_name]
    assert shown == sorted(shown)
