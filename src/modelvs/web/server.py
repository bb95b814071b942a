"""`serve()`: what `modelvs serve` calls: load the catalog once, open the view store, run uvicorn."""

from __future__ import annotations

from pathlib import Path


def serve(host: str, port: int, data_dir: Path | None, database_url: str | None, state_dir: Path) -> None:
    """Serve the site on `host:port` from the catalog in `data_dir` (default: the shipped one).

    Page views go to SQLite in `state_dir` (created if missing; never the catalog folder, which
    is reviewed like code), or to PostgreSQL when `database_url` says so.
    """
    import uvicorn

    from modelvs.catalog import default_data_dir, load_catalog
    from modelvs.storage import open_store
    from modelvs.web.app import create_app

    catalog = load_catalog(data_dir or default_data_dir())
    store = open_store(database_url, state_dir)
    try:
        uvicorn.run(create_app(catalog, store=store), host=host, port=port, proxy_headers=True)
    finally:
        store.close()
