"""`/models`: the index table, its sort and filter state in the URL, pages, and its JSON and CSV."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from urllib.parse import parse_qsl, urlsplit

from starlette.testclient import TestClient

from modelvs.catalog import Catalog, load_catalog
from modelvs.web import create_app
from tests.web.conftest import TODAY
from tests.web.html import Node, parse


def _table(doc: Node) -> Node:
    return doc.find("table", id="models")


def _ids(doc: Node) -> list[str]:
    return [row.find("th").find("code").text for row in _table(doc).find("tbody").find_all("tr")]


def test_the_index_lists_every_model_page_by_page(client: TestClient) -> None:
    response = client.get("/models")
    assert response.status_code == 200
    doc = parse(response.text)
    ids = _ids(doc)
    assert len(ids) == 50
    total = client.get("/api/v1/models?limit=1").json()["total"]
    assert f"of {total:,}" in _table(doc).find("caption").text
    nxt = doc.find("a", rel="next").attrs["href"]
    assert nxt == "/models/page/2"  # a path, which a static host serves too
    second = _ids(parse(client.get(nxt).text))
    assert not set(ids) & set(second)
    assert _ids(parse(client.get("/models?page=2").text)) == second
    headers = [th.text for th in _table(doc).find("thead").find_all("th")]
    assert "Rating" in headers
    assert {"Lab", "Kind", "Context", "Capabilities", "Status"} <= set(headers)


def test_sorting_by_a_column_is_in_the_url_and_flips(client: TestClient) -> None:
    doc = parse(client.get("/models?sort=-context&kind=text").text)
    header = next(th for th in _table(doc).find("thead").find_all("th") if th.text == "Context")
    assert header.attrs["aria-sort"] == "descending"
    link = header.find("a").attrs["href"] or ""
    assert dict(parse_qsl(urlsplit(link).query)) == {"kind": "text", "sort": "context"}
    contexts = [
        int(row.find_all("td")[2].text.replace(",", ""))
        for row in _table(doc).find("tbody").find_all("tr")
        if row.find_all("td")[2].text != "unknown"
    ]
    assert contexts == sorted(contexts, reverse=True)


def test_filters_keep_their_values_and_select_the_rows(client: TestClient) -> None:
    doc = parse(client.get("/models?lab=anthropic&capability=vision&status=current&q=opus").text)
    assert "selected" in doc.find("select", id="f-lab").find("option", value="anthropic").attrs
    assert doc.find("input", id="f-q").attrs["value"] == "opus"
    ids = _ids(doc)
    assert ids
    assert all(i.startswith("anthropic/") and "opus" in i for i in ids)
    assert "no model matches" in parse(client.get("/models?q=zzzqqqxx").text).find("main").text.lower()


def test_json_and_csv_links_give_the_same_rows(client: TestClient) -> None:
    doc = parse(client.get("/models?lab=openai&sort=-input&page=2").text)
    links = {
        a.text: a.attrs["href"] or "" for a in doc.find("main").find_all("a") if a.text in ("JSON", "CSV")
    }
    body = client.get(links["JSON"]).json()
    assert [m["id"] for m in body["models"]] == _ids(doc)
    assert body["offset"] == 50
    rows = list(csv.DictReader(io.StringIO(client.get(links["CSV"]).text)))
    assert [r["id"] for r in rows] == _ids(doc)


def test_prices_are_the_lab_route_and_the_cheapest_vetted_route(client: TestClient) -> None:
    doc = parse(client.get("/models?q=gpt-4o-2024-11-20").text)
    row = next(r for r in _table(doc).find("tbody").find_all("tr") if "openai/gpt-4o-2024-11-20" in r.text)
    cells = [td.text for td in row.find_all("td")]
    assert cells[3:5] == ["$2.50", "$10"]  # the OpenAI API's list price per 1M tokens
    assert cells[5] == "$2.50"


def test_a_bad_parameter_is_a_422_page(client: TestClient) -> None:
    response = client.get("/models?sort=price")
    assert response.status_code == 422
    assert "sort" in response.text


def test_sorting_by_rating_puts_the_arena_s_best_first_with_its_credit(client: TestClient) -> None:
    response = client.get("/models?sort=-rating")
    doc = parse(response.text)
    top = _ids(doc)[0]
    api = client.get("/api/v1/models?sort=-rating&limit=3").json()["models"]
    assert api[0]["id"] == top
    scores = [Decimal(m["rating"]) for m in api]
    assert scores == sorted(scores, reverse=True)
    # The board's overall leader among current models, read from the catalog's Arena results.
    board = load_catalog().results_of(top)
    assert any(
        r.benchmark == "lmarena" and r.category == "overall" and r.score == scores[0] for r, _ in board
    )
    assert "Arena leaderboard (LMArena), CC BY 4.0" in response.text


def test_the_index_opens_on_rated_models_most_notable_first(client: TestClient) -> None:
    doc = parse(client.get("/models").text)
    rows = _table(doc).find("tbody").find_all("tr")
    names = [row.find("th").find("a").text for row in rows]
    assert "Abliterated Model" not in names
    ratings = [row.find_all("td")[8].text for row in rows[:20]]
    assert sum(1 for r in ratings if r != "not rated") >= 15
    assert "retired models are left out" in doc.find("main").text
    assert doc.find("a", href="/methodology#notability") is not None
    # Sorted by a column, the page offers the way back.
    links = parse(client.get("/models?sort=name&kind=text").text).find_all("a")
    assert [a.attrs["href"] for a in links if a.text == "Most notable first"] == ["/models?kind=text"]


def test_retired_models_show_with_the_status_filter(client: TestClient) -> None:
    every = client.get("/api/v1/models?limit=1").json()["total"]
    retired = client.get("/api/v1/models?limit=1&status=retired").json()["total"]
    assert retired > 0
    doc = parse(client.get("/models?status=retired").text)
    assert [row.find_all("td")[-1].text for row in _table(doc).find("tbody").find_all("tr")] == [
        "retired"
    ] * min(retired, 50)
    assert (
        every + retired
        == client.get(
            "/api/v1/models?limit=1&status=preview&status=current&status=deprecated&status=retired"
        ).json()["total"]
    )


def test_pages_past_the_first_have_a_path_of_their_own(client: TestClient) -> None:
    doc = parse(client.get("/models/page/2").text)
    assert (doc.find("link", rel="canonical").attrs["href"] or "").endswith("/models/page/2")
    assert doc.find("a", rel="prev").attrs["href"] == "/models"
    assert doc.find("a", rel="next").attrs["href"] == "/models/page/3"
    assert _ids(parse(client.get("/models/page/2?page=7").text)) == _ids(doc)  # the path's page wins
    for wrong in ("1", "01", "0", "two"):
        assert client.get(f"/models/page/{wrong}").status_code == 404, wrong
    # With a filter or an order the pages keep the query: the path serves the default list only.
    filtered = parse(client.get("/models?lab=openai").text)
    assert filtered.find("a", rel="next").attrs["href"] == "/models?lab=openai&page=2"


def test_a_phone_keeps_name_lab_context_and_the_cheapest_prices(client: TestClient) -> None:
    table = _table(parse(client.get("/models").text))
    assert "stack" in (table.attrs["class"] or "").split()  # site.css stacks it below 40rem
    row = table.find("tbody").find("tr")
    kept = [
        td.attrs["data-label"]
        for td in row.find_all("td")
        if "hide-phone" not in (td.attrs.get("class") or "")
    ]
    assert kept == ["Lab", "Context", "Input, cheapest", "Output, cheapest", "via"]
    hidden = [td for td in row.find_all("td") if "hide-phone" in (td.attrs.get("class") or "")]
    assert len(hidden) == 6  # kind, the lab route's two prices, rating, capabilities, status
    order = parse(client.get("/models?sort=-rating").text).find("select", id="f-sort")
    assert "selected" in order.find("option", value="-rating").attrs  # the headers' sorts, on a phone


def test_a_static_build_offers_one_order_and_links_its_own_files(catalog: Catalog) -> None:
    static = TestClient(create_app(catalog, today=TODAY, built_pairs=[]), follow_redirects=False)
    doc = parse(static.get("/models").text)
    assert _table(doc).find("thead").find_all("a") == []  # no sort links
    assert doc.find_all("form", id="model-filters") == []
    links = {a.text: a.attrs["href"] for a in doc.find("main").find_all("a") if a.text in ("JSON", "CSV")}
    assert links == {"JSON": "/api/v1/models.json", "CSV": "/api/v1/models.csv"}
    assert doc.find("a", rel="next").attrs["href"] == "/models/page/2"
