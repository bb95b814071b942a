"""`serve`: the web site and JSON API on the shipped (or given) catalog."""

from __future__ import annotations

import os
from pathlib import Path

import typer

from modelvs.cli.common import DataOption, console, data_dir, require_extra
from modelvs.storage import POSTGRES_SCHEMES, database_url_from_env
from modelvs.storage.base import redact_url

_DATABASE_HELP = "postgresql://... to share page views (default: $MODELVS_DATABASE_URL, else SQLite)."


def register(app: typer.Typer) -> None:
    app.command()(serve)


def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="Port to listen on."),
    database: str | None = typer.Option(
        None,
        "--database",
        help="postgresql://... for shared page views (default: $MODELVS_DATABASE_URL, else SQLite).",
    ),
    state_dir: Path | None = typer.Option(
        None,
        "--state-dir",
        help="Where SQLite page views live, created if missing (default: $MODELVS_STATE or var/).",
    ),
    data: Path | None = DataOption,
) -> None:
    """Serve the site: comparison pages, calculator, model and provider pages, /api/v1."""
    require_extra("web", ("starlette", "jinja2", "uvicorn"), "`modelvs serve`")
    url = database or database_url_from_env()
    if url and url.lower().startswith(POSTGRES_SCHEMES):
        require_extra("postgres", ("psycopg", "psycopg_pool"), "`modelvs serve --database postgresql://...`")
    folder = data_dir(data)
    from modelvs.web.server import serve as run

    state = state_dir or Path(os.environ.get("MODELVS_STATE", "var"))
    where = redact_url(url) if url else f"SQLite in {state}"
    console.print(f"modelvs on http://{host}:{port}  (page views: {where})", highlight=False)
    run(host, port, folder, url, state)
