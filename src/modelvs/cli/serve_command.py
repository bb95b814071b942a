"""`serve`: the web site and JSON API on the shipped (or given) catalog."""

from __future__ import annotations

import os
from pathlib import Path

import typer

from modelvs.catalog import CatalogError
from modelvs.cli.common import DataOption, between, catalog_failed, data_dir, require_extra
from modelvs.cli.output import Output
from modelvs.storage import POSTGRES_SCHEMES, database_url_from_env
from modelvs.storage.base import redact_url


def register(app: typer.Typer) -> None:
    app.command()(serve)


def serve(
    host: str = typer.Option("127.0.0.1", "--host", metavar="HOST", help="Address to listen on."),
    port: int = typer.Option(
        8000, "--port", metavar="PORT", callback=between(1, 65535), help="Port to listen on (1 to 65535)."
    ),
    workers: int = typer.Option(
        1,
        "--workers",
        metavar="N",
        callback=between(1, 64),
        help="Worker processes, 1 to 64 (they share page views through --database).",
    ),
    database: str | None = typer.Option(
        None,
        "--database",
        metavar="URL",
        help="postgresql://... for shared page views (default: $MODELVS_DATABASE_URL, else SQLite).",
    ),
    state_dir: Path | None = typer.Option(
        None,
        "--state-dir",
        metavar="DIR",
        help="Where SQLite page views live, created if missing (default: $MODELVS_STATE or var/).",
    ),
    base_url: str | None = typer.Option(
        None,
        "--base-url",
        metavar="URL",
        help="Public URL (https://modelvs.example) of every absolute link (default: $MODELVS_BASE_URL).",
    ),
    trusted_hosts: list[str] | None = typer.Option(
        None,
        "--trusted-host",
        metavar="HOST",
        help="Without a base URL: a Host allowed in absolute links, repeatable "
        "(default: $MODELVS_TRUSTED_HOSTS, else localhost and 127.0.0.1).",
    ),
    access_log: bool = typer.Option(
        False, "--access-log", help="Log every request (off: it costs more than a hit)."
    ),
    data: Path | None = DataOption,
) -> None:
    """Serve the site: comparison pages, calculator, model and provider pages, /api/v1."""
    require_extra("web", ("starlette", "jinja2", "uvicorn", "brotli"), "`modelvs serve`")
    url = database or database_url_from_env()
    if url and url.lower().startswith(POSTGRES_SCHEMES):
        require_extra("postgres", ("psycopg", "psycopg_pool"), "`modelvs serve --database postgresql://...`")
    folder = data_dir(data)
    from modelvs.web.http.hosts import hosts_from_env, parse_trusted_hosts
    from modelvs.web.server import ServeSettings, cache_mb_from_env
    from modelvs.web.server import serve as run

    try:
        env_base, env_hosts = hosts_from_env()
        settings = ServeSettings(
            data_dir=folder,
            database_url=url,
            state_dir=state_dir or Path(os.environ.get("MODELVS_STATE", "var")),
            base_url=base_url or env_base,
            trusted_hosts=parse_trusted_hosts(trusted_hosts) if trusted_hosts else env_hosts,
            cache_mb=cache_mb_from_env(),
        )
    except ValueError as err:  # a bad host setting (HostConfigError) or cache size
        raise typer.BadParameter(str(err)) from None
    where = redact_url(url) if url else f"SQLite in {settings.state_dir}"
    links = settings.base_url or f"trusted hosts {', '.join(settings.trusted_hosts)}"
    Output.of().line(
        f"modelvs on http://{host}:{port}  ({workers} worker(s); page views: {where}; links: {links})"
    )
    try:
        run(settings, host, port, workers=workers, access_log=access_log)
    except CatalogError as exc:  # raised before the server listens: the catalog is loaded first
        catalog_failed(exc)
