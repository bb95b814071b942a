"""The SQLite export on the shipped catalog: numbers that sort, rows per TTL, sources that resolve,
today's prices, full-text search, and datasette showing the relations."""

from __future__ import annotations

import asyncio
import datetime as dt
import sqlite3
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from pathlib import Path

import pytest

from modelvs.catalog import Catalog
from modelvs.engine.pricing import schedule_for
from modelvs.export.sqlite import export_sqlite
from modelvs.formatting import exact
from modelvs.schema.pricing import TOKEN_COMPONENTS
from modelvs.schema.vocab import PriceMode


@pytest.fixture(scope="module")
def exported(catalog: Catalog, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("export") / "catalog.db"
    export_sqlite(catalog, path)
    return path


@pytest.fixture
def db(exported: Path) -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(exported)
    yield connection
    connection.close()


def test_money_is_numeric_with_the_exact_text_beside_it(db: sqlite3.Connection, catalog: Catalog) -> None:
    rows = db.execute(
        "SELECT input, input_text FROM prices WHERE input IS NOT NULL ORDER BY input"
    ).fetchall()
    assert [r[0] for r in rows] == sorted(r[0] for r in rows)  # numeric order: 9.996 before 150
    assert all(
        isinstance(number, float) and Decimal(text) == Decimal(str(number)) for number, text in rows[:500]
    )
    texts = {r[1] for r in rows}
    route = catalog.routes["openai:openai/gpt-4o-2024-11-20"]
    assert str(schedule_for(route, PriceMode.STANDARD, dt.date(2026, 11, 24)).input) in texts  # type: ignore[union-attr]
    assert db.execute(
        "SELECT typeof(score), typeof(score_text) FROM benchmark_results LIMIT 1"
    ).fetchall() in (
        [],
        [("real", "text")],
    )


def test_one_row_per_cache_write_ttl(db: sqlite3.Connection, catalog: Catalog) -> None:
    expected = sum(
        len(s.cache_write) + sum(len(t.cache_write) for t in s.tiers)
        for r in catalog.routes.values()
        for s in r.prices
    )
    assert expected > 0
    assert db.execute("SELECT count(*) FROM cache_write_prices").fetchone() == (expected,)
    [(ttls,)] = db.execute(
        "SELECT group_concat(ttl || '=' || usd_per_1m_text, ',') FROM (SELECT ttl, usd_per_1m_text FROM"
        " cache_write_prices c JOIN prices p ON p.id = c.price WHERE p.route = ? AND p.mode = 'standard'"
        " AND c.tier IS NULL AND p.effective_until IS NULL ORDER BY ttl)",
        ("anthropic:anthropic/claude-opus-4-7",),
    ).fetchall()
    assert ttls is not None
    assert "1h=" in ttls
    assert "5m=" in ttls or "default=" in ttls
    columns = {row[1] for row in db.execute("PRAGMA table_info(prices)")}
    assert "cache_write" not in columns
    assert "per_unit" not in columns


def test_every_source_and_reference_resolves(db: sqlite3.Connection) -> None:
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    sources = {r[0] for r in db.execute("SELECT id FROM sources")}
    tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    checked = 0
    for table in tables:
        if "source" in {r[1] for r in db.execute(f"PRAGMA table_info({table})")} and table != "sources":
            used = {r[0] for r in db.execute(f"SELECT DISTINCT source FROM {table} WHERE source IS NOT NULL")}
            assert used <= sources, (table, sorted(used - sources)[:5])
            checked += 1
    assert checked >= 7
    cited = db.execute("SELECT count(*) FROM capabilities WHERE source IS NOT NULL").fetchone()
    assert cited[0] > 1000


def test_current_prices_are_those_in_effect_today(db: sqlite3.Connection, catalog: Catalog) -> None:
    today = dt.date.today()
    rows = db.execute(
        "SELECT route, mode, input_text FROM current_prices WHERE route LIKE 'openai:%'"
    ).fetchall()
    expected = {
        (rid, s.mode.value, None if s.input is None else exact(s.input))
        for rid in catalog.routes_by_provider["openai"]
        for s in catalog.routes[rid].prices
        if s.applies_on(today)
    }
    assert set(rows) == expected
    history = db.execute("SELECT count(*) FROM prices").fetchone()[0]
    assert db.execute("SELECT count(*) FROM current_prices").fetchone()[0] < history


def test_full_text_search_finds_names_ids_and_aliases(db: sqlite3.Connection) -> None:
    def search(text: str) -> set[str]:
        query = "SELECT m.id FROM models_fts f JOIN models m ON m.rowid = f.rowid WHERE models_fts MATCH ?"
        return {r[0] for r in db.execute(query, (f'"{text}"',))}

    assert "openai/gpt-4o-2024-11-20" in search("GPT-4o (2024-11-20)")
    assert "openai/gpt-4o-2024-11-20" in search("azure/eu/gpt-4o-2024-11-20")  # an alias only LiteLLM uses
    assert "google/gemini-3.1-pro-preview" in search("3.1-pro")


def test_columns_of_every_rate_component(db: sqlite3.Connection) -> None:
    for table in ("prices", "tiers"):
        columns = {r[1]: r[2] for r in db.execute(f"PRAGMA table_info({table})")}
        for component in TOKEN_COMPONENTS:
            assert columns[component] == "REAL"
            assert columns[f"{component}_text"] == "TEXT"


def test_datasette_shows_the_relations_and_the_search(exported: Path) -> None:
    from datasette.app import Datasette

    async def probe() -> tuple[object, ...]:
        ds = Datasette([str(exported)])
        await ds.invoke_startup()
        database = ds.get_database("catalog")
        keys = await database.foreign_keys_for_table("routes")
        fts = await database.fts_table("models")
        routes = await ds.client.get(
            "/catalog/routes.json?_labels=on&_shape=array&model=openai/gpt-4o-2024-11-20&provider=openai"
        )
        found = await ds.client.get("/catalog/models.json?_search=gpt-4o-2024-11-20&_shape=array")
        page = await ds.client.get("/catalog/models")
        return keys, fts, routes.json(), found.json(), page.text

    # In a thread of its own: Playwright's sync API (the browser tests) keeps a loop running in this one.
    with ThreadPoolExecutor(1) as pool:
        keys, fts, routes, found, page = pool.submit(lambda: asyncio.run(probe())).result()
    assert {(k["column"], k["other_table"]) for k in keys} >= {("model", "models"), ("provider", "providers")}  # type: ignore[attr-defined]
    assert fts == "models_fts"
    [route] = routes  # type: ignore[misc]
    assert route["model"] == {"value": "openai/gpt-4o-2024-11-20", "label": "GPT-4o (2024-11-20)"}
    assert route["provider"] == {"value": "openai", "label": "OpenAI API"}
    assert "openai/gpt-4o-2024-11-20" in {m["id"] for m in found}  # type: ignore[attr-defined]
    assert 'name="_search"' in page  # type: ignore[operator]


def test_every_result_set_is_exported_with_its_interval_votes_and_licence(
    db: sqlite3.Connection, catalog: Catalog
) -> None:
    counts = dict(db.execute("SELECT benchmark, count(*) FROM benchmark_results GROUP BY 1"))
    assert counts["lmarena"] == sum(
        len(r.results) for k, r in catalog.results.items() if k.startswith("lmarena:")
    )
    assert counts["lmarena"] >= 5000
    assert counts["aider-polyglot"] >= 60
    row = db.execute(
        "SELECT low_text, high_text, samples, category, date, source, license FROM benchmark_results"
        " WHERE benchmark = 'lmarena' LIMIT 1"
    ).fetchone()
    low, high, samples, category, date, source, licence = row
    assert Decimal(low) < Decimal(high)
    assert samples > 0
    assert category
    assert date
    assert source == "lmarena"
    assert licence == "CC-BY-4.0"
    assert db.execute("SELECT count(*) FROM benchmark_results WHERE setting IS NOT NULL").fetchone()[0] > 0
