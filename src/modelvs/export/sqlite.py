"""The catalog as a SQLite database that opens in any SQLite tool.

Money is stored as TEXT holding the exact decimal (SQLite's REAL would round it);
`CAST(input AS REAL)` gives a number for ad-hoc queries.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from modelvs.catalog import Catalog
from modelvs.catalog.layout import split_route_id
from modelvs.schema.pricing import TOKEN_COMPONENTS

_RATE_COLUMNS = ", ".join(f"{c} TEXT" for c in TOKEN_COMPONENTS)
SCHEMA = f"""
CREATE TABLE sources (id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, package TEXT,
  version TEXT, url TEXT, license TEXT NOT NULL, retrieved TEXT NOT NULL);
CREATE TABLE labs (id TEXT PRIMARY KEY, name TEXT NOT NULL, url TEXT);
CREATE TABLE providers (id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, lab TEXT
  REFERENCES labs(id), url TEXT, docs_url TEXT);
CREATE TABLE provider_fees (provider TEXT NOT NULL REFERENCES providers(id), kind TEXT NOT NULL,
  percent TEXT NOT NULL, minimum_usd TEXT, description TEXT NOT NULL, source TEXT, url TEXT);
CREATE TABLE models (id TEXT PRIMARY KEY, slug TEXT UNIQUE NOT NULL, lab TEXT NOT NULL REFERENCES labs(id),
  name TEXT NOT NULL, family TEXT, status TEXT, release_date TEXT, knowledge_cutoff TEXT,
  context_window INTEGER, max_input INTEGER, max_output INTEGER, parameters INTEGER,
  active_parameters INTEGER, license TEXT, open_weights INTEGER, modalities_in TEXT,
  modalities_out TEXT, deprecation_date TEXT, retirement_date TEXT);
CREATE TABLE capabilities (model TEXT NOT NULL REFERENCES models(id), capability TEXT NOT NULL,
  supported INTEGER NOT NULL, source TEXT, PRIMARY KEY (model, capability));
CREATE TABLE aliases (model TEXT NOT NULL REFERENCES models(id), source TEXT NOT NULL, alias TEXT NOT NULL);
CREATE TABLE provenance (record_kind TEXT NOT NULL, record_id TEXT NOT NULL, field TEXT NOT NULL,
  source TEXT NOT NULL REFERENCES sources(id), locator TEXT, url TEXT, checked TEXT);
CREATE TABLE alternatives (record_kind TEXT NOT NULL, record_id TEXT NOT NULL, field TEXT NOT NULL,
  value TEXT, source TEXT NOT NULL REFERENCES sources(id));
CREATE TABLE routes (id TEXT PRIMARY KEY, provider TEXT NOT NULL REFERENCES providers(id),
  model TEXT NOT NULL REFERENCES models(id), provider_model_id TEXT NOT NULL, status TEXT,
  context_window INTEGER, max_output INTEGER, deprecation_date TEXT);
CREATE TABLE prices (id INTEGER PRIMARY KEY, route TEXT NOT NULL REFERENCES routes(id), mode TEXT NOT NULL,
  effective_from TEXT, effective_until TEXT, {_RATE_COLUMNS}, cache_write TEXT, per_unit TEXT,
  source TEXT NOT NULL REFERENCES sources(id), url TEXT, checked TEXT);
CREATE TABLE tiers (price INTEGER NOT NULL REFERENCES prices(id), threshold INTEGER NOT NULL,
  comparison TEXT NOT NULL, {_RATE_COLUMNS}, cache_write TEXT);
CREATE TABLE benchmarks (id TEXT PRIMARY KEY, name TEXT NOT NULL, metric TEXT NOT NULL,
  higher_is_better INTEGER NOT NULL, url TEXT);
CREATE TABLE benchmark_results (model TEXT NOT NULL REFERENCES models(id), benchmark TEXT NOT NULL
  REFERENCES benchmarks(id), version TEXT, harness TEXT, score TEXT NOT NULL, date TEXT NOT NULL,
  self_reported INTEGER NOT NULL, source TEXT NOT NULL, url TEXT);
CREATE INDEX routes_model ON routes(model);
CREATE INDEX prices_route ON prices(route);
"""


def export_sqlite(catalog: Catalog, path: Path) -> None:
    """Write the catalog to a new database at `path` (replacing any file there)."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.unlink(missing_ok=True)
    with sqlite3.connect(tmp) as db:
        db.executescript(SCHEMA)
        _fill(db, catalog)
    db.close()
    tmp.replace(path)


def _fill(db: sqlite3.Connection, catalog: Catalog) -> None:
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
        "INSERT INTO providers VALUES (?,?,?,?,?,?)",
        [(i, p.name, p.kind.value, p.lab, p.url, p.docs_url) for i, p in catalog.providers.items()],
    )
    for pid, provider in catalog.providers.items():
        for fee in provider.fees:
            cite = provider.citations.get(fee.citation)
            db.execute(
                "INSERT INTO provider_fees VALUES (?,?,?,?,?,?,?)",
                (
                    pid,
                    fee.kind.value,
                    str(fee.percent),
                    _s(fee.minimum_usd),
                    fee.description,
                    cite.source if cite else None,
                    cite.url if cite else None,
                ),
            )
    for mid, m in catalog.models.items():
        db.execute(
            "INSERT INTO models VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                mid,
                catalog.slugs[mid],
                mid.split("/", 1)[0],
                m.name,
                m.family,
                m.status.value if m.status else None,
                _s(m.release_date),
                m.knowledge_cutoff,
                m.context_window,
                m.max_input,
                m.max_output,
                m.parameters,
                m.active_parameters,
                m.license,
                _b(m.open_weights),
                ",".join(m.modalities_in),
                ",".join(m.modalities_out),
                _s(m.deprecation_date),
                _s(m.retirement_date),
            ),
        )
        for cap, value in m.capabilities.items():
            key = m.provenance.get(f"capabilities.{cap.value}")
            db.execute("INSERT INTO capabilities VALUES (?,?,?,?)", (mid, cap.value, int(value), key))
        db.executemany(
            "INSERT INTO aliases VALUES (?,?,?)",
            [(mid, src, alias) for src, aliases in m.aliases.items() for alias in aliases],
        )
    for kind, records in (
        ("model", catalog.models),
        ("route", catalog.routes),
        ("provider", catalog.providers),
    ):
        db.executemany("INSERT INTO provenance VALUES (?,?,?,?,?,?,?)", _provenance(kind, records))
        db.executemany(
            "INSERT INTO alternatives VALUES (?,?,?,?,?)",
            [
                (kind, rid, a.field, str(a.value), r.citations[a.citation].source)
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
        "INSERT INTO benchmark_results VALUES (?,?,?,?,?,?,?,?,?)",
        [
            (
                mid,
                r.benchmark,
                r.version,
                r.harness,
                str(r.score),
                r.date.isoformat(),
                int(r.self_reported),
                m.citations[r.citation].source,
                m.citations[r.citation].url,
            )
            for mid, m in catalog.models.items()
            for r in m.benchmarks
        ],
    )


def _fill_routes(db: sqlite3.Connection, catalog: Catalog) -> None:
    for rid, route in catalog.routes.items():
        provider, model = split_route_id(rid)
        db.execute(
            "INSERT INTO routes VALUES (?,?,?,?,?,?,?,?)",
            (
                rid,
                provider,
                model,
                route.provider_model_id,
                route.status.value if route.status else None,
                route.context_window,
                route.max_output,
                _s(route.deprecation_date),
            ),
        )
        for schedule in route.prices:
            cite = route.citations[schedule.citation]
            cursor = db.execute(
                "INSERT INTO prices (route, mode, effective_from, effective_until,"
                f" {', '.join(TOKEN_COMPONENTS)},"
                " cache_write, per_unit, source, url, checked) VALUES"
                f" ({','.join('?' * (len(TOKEN_COMPONENTS) + 9))})",
                (
                    rid,
                    schedule.mode.value,
                    _s(schedule.effective_from),
                    _s(schedule.effective_until),
                    *_rates(schedule),
                    _map(schedule.cache_write),
                    _map({u.value: v for u, v in schedule.per_unit.items()}),
                    cite.source,
                    cite.url,
                    _s(cite.checked),
                ),
            )
            for tier in schedule.tiers:
                db.execute(
                    f"INSERT INTO tiers VALUES ({','.join('?' * (len(TOKEN_COMPONENTS) + 4))})",
                    (
                        cursor.lastrowid,
                        tier.threshold,
                        tier.comparison.value,
                        *_rates(tier),
                        _map(tier.cache_write),
                    ),
                )


def _provenance(kind: str, records: Any) -> Iterator[tuple[Any, ...]]:
    for rid, record in records.items():
        for field, key in record.provenance.items():
            cite = record.citations[key]
            yield (kind, rid, field, cite.source, cite.locator, cite.url, _s(cite.checked))


def _rates(rates: Any) -> list[str | None]:
    return [_s(getattr(rates, c)) for c in TOKEN_COMPONENTS]


def _map(values: dict[str, Any]) -> str | None:
    return ",".join(f"{k}={v}" for k, v in values.items()) or None


def _s(value: Any) -> str | None:
    if value is None:
        return None
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _b(value: bool | None) -> int | None:
    return None if value is None else int(value)
