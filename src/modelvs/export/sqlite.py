"""The catalog as a SQLite database that opens in any SQLite tool, and in datasette with its relations.

- Money: every amount is a REAL column that sorts and sums (`input`), with the exact decimal text
  beside it (`input_text`): a REAL rounds beyond 15 digits, the text never does.
- Cache-write prices are rows (`cache_write_prices`: one per schedule or tier and TTL), as are
  per-unit fees (`unit_prices`).
- Every `source` column holds the id of a row of `sources` (a foreign key), never a record's local
  citation key; foreign keys tie routes to models and providers, prices to routes, and so on.
- `current_prices` is a view of the prices in effect on the day it is queried (`date('now')`).
- `benchmark_results` holds every score: the self-reported ones reviewed into model files and every
  imported result set (the Arena's ratings, Aider's runs), each with its category, setting, interval,
  votes or cases, date, source and licence.
- `models_fts` is a full-text index (trigram: any part of a word matches) over model names, ids and
  aliases, kept as datasette expects (`content="models"`), so its table page has a search box.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from modelvs.catalog import Catalog
from modelvs.catalog.layout import route_qualifier, split_route_id
from modelvs.catalog.trust import route_trust
from modelvs.formatting import exact
from modelvs.schema.pricing import TOKEN_COMPONENTS

if TYPE_CHECKING:
    from modelvs.schema import BenchmarkResult, Citation, PriceSchedule, PriceTier

SCHEMA_VERSION = "3"
_RATES = ", ".join(f"{c} REAL, {c}_text TEXT" for c in TOKEN_COMPONENTS)
_SOURCE = "source TEXT REFERENCES sources(id), url TEXT, checked TEXT"
_CITED = "source TEXT NOT NULL REFERENCES sources(id), url TEXT, checked TEXT"
SCHEMA = f"""
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE sources (id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, package TEXT,
  version TEXT, url TEXT, license TEXT NOT NULL, retrieved TEXT NOT NULL);
CREATE TABLE labs (id TEXT PRIMARY KEY, name TEXT NOT NULL, url TEXT);
CREATE TABLE providers (id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, trust TEXT NOT NULL,
  trust_reason TEXT, lab TEXT REFERENCES labs(id), region TEXT, url TEXT, docs_url TEXT);
CREATE TABLE provider_fees (id INTEGER PRIMARY KEY, provider TEXT NOT NULL REFERENCES providers(id),
  kind TEXT NOT NULL, percent REAL NOT NULL, percent_text TEXT NOT NULL, minimum_usd REAL,
  minimum_usd_text TEXT, description TEXT NOT NULL, {_SOURCE});
CREATE TABLE models (id TEXT PRIMARY KEY, slug TEXT UNIQUE NOT NULL, lab TEXT NOT NULL REFERENCES labs(id),
  name TEXT NOT NULL, kind TEXT, family TEXT, status TEXT, release_date TEXT, knowledge_cutoff TEXT,
  context_window INTEGER, max_input INTEGER, max_output INTEGER, parameters INTEGER,
  active_parameters INTEGER, architecture TEXT, license TEXT, open_weights INTEGER, modalities_in TEXT,
  modalities_out TEXT, deprecation_date TEXT, retirement_date TEXT, aliases TEXT NOT NULL);
CREATE TABLE capabilities (model TEXT NOT NULL REFERENCES models(id), capability TEXT NOT NULL,
  supported INTEGER NOT NULL, {_SOURCE}, PRIMARY KEY (model, capability));
CREATE TABLE aliases (model TEXT NOT NULL REFERENCES models(id), source TEXT NOT NULL REFERENCES sources(id),
  alias TEXT NOT NULL);
CREATE TABLE provenance (record_kind TEXT NOT NULL, record_id TEXT NOT NULL, field TEXT NOT NULL,
  source TEXT NOT NULL REFERENCES sources(id), locator TEXT, url TEXT, checked TEXT);
CREATE TABLE alternatives (record_kind TEXT NOT NULL, record_id TEXT NOT NULL, field TEXT NOT NULL,
  value TEXT, source TEXT NOT NULL REFERENCES sources(id), url TEXT);
CREATE TABLE routes (id TEXT PRIMARY KEY, provider TEXT NOT NULL REFERENCES providers(id),
  model TEXT NOT NULL REFERENCES models(id), variant TEXT, qualifier TEXT, provider_model_id TEXT NOT NULL,
  trust TEXT NOT NULL, status TEXT, context_window INTEGER, max_input INTEGER, max_output INTEGER,
  deprecation_date TEXT, retirement_date TEXT);
CREATE TABLE prices (id INTEGER PRIMARY KEY, route TEXT NOT NULL REFERENCES routes(id), mode TEXT NOT NULL,
  effective_from TEXT, effective_until TEXT, provider_model_id TEXT, {_RATES},
  {_CITED});
CREATE TABLE tiers (id INTEGER PRIMARY KEY, price INTEGER NOT NULL REFERENCES prices(id),
  threshold INTEGER NOT NULL, comparison TEXT NOT NULL, {_RATES});
CREATE TABLE cache_write_prices (price INTEGER NOT NULL REFERENCES prices(id),
  tier INTEGER REFERENCES tiers(id), ttl TEXT NOT NULL, usd_per_1m REAL NOT NULL,
  usd_per_1m_text TEXT NOT NULL);
CREATE TABLE unit_prices (price INTEGER NOT NULL REFERENCES prices(id), unit TEXT NOT NULL,
  usd REAL NOT NULL, usd_text TEXT NOT NULL);
CREATE TABLE benchmarks (id TEXT PRIMARY KEY, name TEXT NOT NULL, metric TEXT NOT NULL,
  higher_is_better INTEGER NOT NULL, url TEXT);
CREATE TABLE benchmark_results (model TEXT NOT NULL REFERENCES models(id), benchmark TEXT NOT NULL
  REFERENCES benchmarks(id), category TEXT, version TEXT, setting TEXT, harness TEXT, score REAL NOT NULL,
  score_text TEXT NOT NULL, low REAL, low_text TEXT, high REAL, high_text TEXT, samples INTEGER,
  rank INTEGER, source_name TEXT, date TEXT NOT NULL, self_reported INTEGER NOT NULL, {_CITED},
  license TEXT);
CREATE INDEX routes_model ON routes(model);
CREATE INDEX routes_provider ON routes(provider);
CREATE INDEX prices_route ON prices(route);
CREATE INDEX tiers_price ON tiers(price);
CREATE INDEX aliases_model ON aliases(model);
CREATE INDEX results_model ON benchmark_results(model);
CREATE VIEW current_prices AS
  SELECT p.*, r.provider, r.model FROM prices p JOIN routes r ON r.id = p.route
  WHERE (p.effective_from IS NULL OR p.effective_from <= date('now'))
    AND (p.effective_until IS NULL OR date('now') < p.effective_until);
CREATE VIRTUAL TABLE models_fts USING fts5(name, id, aliases, content="models", tokenize="trigram");
"""


def export_sqlite(catalog: Catalog, path: Path) -> None:
    """Write the catalog to a new database at `path` (replacing any file there, atomically)."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.unlink(missing_ok=True)
    db = sqlite3.connect(tmp)
    try:
        with db:
            db.execute("PRAGMA foreign_keys = ON")
            db.executescript(SCHEMA)
            _fill(db, catalog)
            db.execute("INSERT INTO models_fts(models_fts) VALUES ('rebuild')")
            problems = db.execute("PRAGMA foreign_key_check").fetchall()
            if problems:  # a dangling reference is a bug in this exporter, never a file to ship
                raise RuntimeError(f"the export has dangling references: {problems[:5]}")
    finally:
        db.close()
    tmp.replace(path)


def _fill(db: sqlite3.Connection, catalog: Catalog) -> None:
    db.executemany(
        "INSERT INTO meta VALUES (?,?)",
        [("schema_version", SCHEMA_VERSION), ("catalog_version", catalog.version)],
    )
    db.executemany(
        "INSERT INTO sources VALUES (?,?,?,?,?,?,?,?)",
        [
            (sid, s.name, s.kind.value, s.package, s.version, s.url, s.license, s.retrieved.isoformat())
            for sid, s in catalog.sources.items()
        ],
    )
    db.executemany(
        "INSERT INTO labs VALUES (?,?,?)", [(i, lab.name, lab.url) for i, lab in catalog.labs.items()]
    )
    db.executemany(
        "INSERT INTO providers VALUES (?,?,?,?,?,?,?,?,?)",
        [
            (i, p.name, p.kind.value, p.trust.value, p.trust_reason, p.lab, p.region, p.url, p.docs_url)
            for i, p in catalog.providers.items()
        ],
    )
    for pid, provider in catalog.providers.items():
        for fee in provider.fees:
            db.execute(
                "INSERT INTO provider_fees (provider, kind, percent, percent_text, minimum_usd,"
                " minimum_usd_text, description, source, url, checked) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (
                    pid,
                    fee.kind.value,
                    *_money(fee.percent),
                    *_money(fee.minimum_usd),
                    fee.description,
                    *_cited(provider.citations.get(fee.citation)),
                ),
            )
    _fill_models(db, catalog)
    for kind, records in (
        ("model", catalog.models),
        ("route", catalog.routes),
        ("provider", catalog.providers),
    ):
        db.executemany("INSERT INTO provenance VALUES (?,?,?,?,?,?,?)", _provenance(kind, records))
        db.executemany(
            "INSERT INTO alternatives VALUES (?,?,?,?,?,?)",
            [
                (
                    kind,
                    rid,
                    a.field,
                    str(a.value),
                    r.citations[a.citation].source,
                    r.citations[a.citation].url,
                )
                for rid, r in records.items()
                for a in r.alternatives
            ],
        )
    _fill_routes(db, catalog)
    db.executemany(
        "INSERT INTO benchmarks VALUES (?,?,?,?,?)",
        [(i, b.name, b.metric, int(b.higher_is_better), b.url) for i, b in catalog.benchmarks.items()],
    )
    db.executemany(
        f"INSERT INTO benchmark_results VALUES ({','.join('?' * 21)})",
        [
            _result_row(catalog, mid, result, cite)
            for mid in catalog.models
            for result, cite in catalog.results_of(mid)
        ],
    )


def _result_row(
    catalog: Catalog, model: str, r: BenchmarkResult, cite: Citation | None
) -> tuple[object, ...]:
    """One score with its interval, votes or cases, setting, date, source and licence."""
    benchmark = catalog.benchmarks.get(r.benchmark)
    source = catalog.sources.get(cite.source) if cite else None
    license_ = (benchmark.license if benchmark and benchmark.license else None) or (
        source.license if source else None
    )
    return (
        model,
        r.benchmark,
        r.category,
        r.version,
        r.setting,
        r.harness,
        *_money(r.score),
        *_money(r.low),
        *_money(r.high),
        r.samples,
        r.rank,
        r.source_name,
        r.date.isoformat(),
        int(r.self_reported),
        *_cited(cite),
        license_,
    )


def _fill_models(db: sqlite3.Connection, catalog: Catalog) -> None:
    for mid, m in catalog.models.items():
        aliases = sorted({a for names in m.aliases.values() for a in names} - {mid, catalog.slugs[mid]})
        db.execute(
            f"INSERT INTO models VALUES ({','.join('?' * 22)})",
            (
                mid,
                catalog.slugs[mid],
                mid.split("/", 1)[0],
                m.name,
                m.kind.value if m.kind else None,
                m.family,
                m.status.value if m.status else None,
                _s(m.release_date),
                m.knowledge_cutoff,
                m.context_window,
                m.max_input,
                m.max_output,
                m.parameters,
                m.active_parameters,
                m.architecture,
                m.license,
                _b(m.open_weights),
                ",".join(m.modalities_in),
                ",".join(m.modalities_out),
                _s(m.deprecation_date),
                _s(m.retirement_date),
                " ".join(aliases),
            ),
        )
        for cap, value in m.capabilities.items():
            key = m.provenance.get(f"capabilities.{cap.value}") or m.provenance.get("capabilities")
            db.execute(
                "INSERT INTO capabilities VALUES (?,?,?,?,?,?)",
                (mid, cap.value, int(value), *_cited(m.citations.get(key) if key else None)),
            )
        db.executemany(
            "INSERT INTO aliases VALUES (?,?,?)",
            [(mid, src, alias) for src, names in m.aliases.items() for alias in names],
        )


def _fill_routes(db: sqlite3.Connection, catalog: Catalog) -> None:
    for rid, route in catalog.routes.items():
        provider, model = split_route_id(rid)
        db.execute(
            "INSERT INTO routes VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                rid,
                provider,
                model,
                route.variant.value if route.variant else None,
                route_qualifier(rid),
                route.provider_model_id,
                route_trust(catalog, rid).value,
                route.status.value if route.status else None,
                route.context_window,
                route.max_input,
                route.max_output,
                _s(route.deprecation_date),
                _s(route.retirement_date),
            ),
        )
        for schedule in route.prices:
            price_id = _insert_schedule(db, rid, schedule, route.citations[schedule.citation])
            _insert_cache_writes(db, price_id, None, schedule.cache_write)
            db.executemany(
                "INSERT INTO unit_prices VALUES (?,?,?,?)",
                [(price_id, unit.value, *_money(usd)) for unit, usd in schedule.per_unit.items()],
            )
            for tier in schedule.tiers:
                tier_id = _insert_tier(db, price_id, tier)
                _insert_cache_writes(db, price_id, tier_id, tier.cache_write)


_RATE_NAMES = ", ".join(f"{c}, {c}_text" for c in TOKEN_COMPONENTS)
_RATE_MARKS = ",".join("?" * (2 * len(TOKEN_COMPONENTS)))


def _insert_schedule(db: sqlite3.Connection, rid: str, schedule: PriceSchedule, cite: Citation) -> int:
    cursor = db.execute(
        f"INSERT INTO prices (route, mode, effective_from, effective_until, provider_model_id, {_RATE_NAMES},"
        f" source, url, checked) VALUES (?,?,?,?,?,{_RATE_MARKS},?,?,?)",
        (
            rid,
            schedule.mode.value,
            _s(schedule.effective_from),
            _s(schedule.effective_until),
            schedule.provider_model_id,
            *_rates(schedule),
            *_cited(cite),
        ),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def _insert_tier(db: sqlite3.Connection, price_id: int, tier: PriceTier) -> int:
    cursor = db.execute(
        f"INSERT INTO tiers (price, threshold, comparison, {_RATE_NAMES}) VALUES (?,?,?,{_RATE_MARKS})",
        (price_id, tier.threshold, tier.comparison.value, *_rates(tier)),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def _insert_cache_writes(
    db: sqlite3.Connection, price: int, tier: int | None, rates: dict[str, Decimal]
) -> None:
    db.executemany(
        "INSERT INTO cache_write_prices VALUES (?,?,?,?,?)",
        [(price, tier, ttl, *_money(usd)) for ttl, usd in rates.items()],
    )


def _provenance(kind: str, records: Any) -> Iterator[tuple[Any, ...]]:
    for rid, record in records.items():
        for field, key in record.provenance.items():
            cite = record.citations[key]
            yield (kind, rid, field, cite.source, cite.locator, cite.url, _s(cite.checked))


def _cited(cite: Citation | None) -> tuple[str | None, str | None, str | None]:
    """(source id, url, checked) of a citation: the source id resolves to a `sources` row."""
    if cite is None:
        return (None, None, None)
    return (cite.source, cite.url, _s(cite.checked))


def _rates(rates: Any) -> list[float | str | None]:
    return [part for c in TOKEN_COMPONENTS for part in _money(getattr(rates, c))]


def _money(value: Decimal | None) -> tuple[float | None, str | None]:
    """(a number SQLite sorts and sums, the exact decimal text)."""
    if value is None:
        return (None, None)
    return (float(value), exact(value))


def _s(value: Any) -> str | None:
    if value is None:
        return None
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _b(value: bool | None) -> int | None:
    return None if value is None else int(value)
