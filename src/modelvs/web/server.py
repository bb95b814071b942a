"""Running the site: `serve()` is what `modelvs serve` calls; `app_from_env()` is the app factory
each worker process builds its app with.

Settings travel in environment variables, so a production server can run the same factory:
`uvicorn --factory modelvs.web.server:app_from_env --workers 4`, or gunicorn with uvicorn's
worker class on `modelvs.web.server:app_from_env()`. Each worker loads the catalog, keeps its
own response cache and view counter, and writes views to the shared store (PostgreSQL, for
several workers or machines).
"""

from __future__ import annotations

import gc
import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from starlette.applications import Starlette

from modelvs.storage import ENV_VAR as DATABASE_URL_ENV
from modelvs.web.http.hosts import (
    BASE_URL_ENV,
    DEFAULT_TRUSTED_HOSTS,
    TRUSTED_HOSTS_ENV,
    check_base_url,
    parse_trusted_hosts,
)
from modelvs.web.http.response_cache import DEFAULT_MAX_BYTES

DATA_ENV = "MODELVS_DATA"
STATE_ENV = "MODELVS_STATE"
CACHE_ENV = "MODELVS_RESPONSE_CACHE_MB"
FACTORY = "modelvs.web.server:app_from_env"


@dataclass(frozen=True)
class ServeSettings:
    """What a worker needs to build its app."""

    data_dir: Path | None = None
    database_url: str | None = None
    state_dir: Path = Path("var")
    base_url: str | None = None
    trusted_hosts: tuple[str, ...] = DEFAULT_TRUSTED_HOSTS
    cache_mb: int = DEFAULT_MAX_BYTES // 2**20

    def __post_init__(self) -> None:
        if self.base_url is not None:
            object.__setattr__(self, "base_url", check_base_url(self.base_url))
        object.__setattr__(self, "trusted_hosts", parse_trusted_hosts(self.trusted_hosts))
        if self.cache_mb < 1:
            raise ValueError(f"the response cache needs at least 1 MB, got {self.cache_mb}")

    def to_env(self) -> dict[str, str]:
        """The environment variables `from_env` reads these settings back from."""
        env = {
            DATABASE_URL_ENV: self.database_url or "",
            STATE_ENV: str(self.state_dir),
            BASE_URL_ENV: self.base_url or "",
            TRUSTED_HOSTS_ENV: ",".join(self.trusted_hosts),
            CACHE_ENV: str(self.cache_mb),
        }
        if self.data_dir is not None:
            env[DATA_ENV] = str(self.data_dir)
        return env

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> ServeSettings:
        env = os.environ if environ is None else environ
        data = env.get(DATA_ENV, "").strip()
        return cls(
            data_dir=Path(data) if data else None,
            database_url=env.get(DATABASE_URL_ENV, "").strip() or None,
            state_dir=Path(env.get(STATE_ENV, "").strip() or "var"),
            base_url=env.get(BASE_URL_ENV, "").strip() or None,
            trusted_hosts=parse_trusted_hosts(env.get(TRUSTED_HOSTS_ENV)),
            cache_mb=cache_mb_from_env(env),
        )


def cache_mb_from_env(environ: Mapping[str, str] | None = None) -> int:
    """The response cache's size in MB from `MODELVS_RESPONSE_CACHE_MB` (128 when unset)."""
    text = (os.environ if environ is None else environ).get(CACHE_ENV, "").strip()
    if not text:
        return DEFAULT_MAX_BYTES // 2**20
    try:
        return int(text)
    except ValueError:
        raise ValueError(f"{CACHE_ENV} takes a whole number of MB, got {text[:40]!r}") from None


def _log_to_stderr() -> None:
    """modelvs's own messages (a view store outage, dropped views) next to uvicorn's."""
    logger = logging.getLogger("modelvs")
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)s:  %(name)s: %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)


def build_app(settings: ServeSettings) -> Starlette:
    """The app `serve` runs: the catalog loaded once; the view store opened by the writer thread,
    so a store that is down at start-up delays no page."""
    from modelvs.catalog import default_data_dir, load_catalog

    _log_to_stderr()
    from modelvs.storage import open_store
    from modelvs.web.app import create_app

    catalog = load_catalog(settings.data_dir or default_data_dir())
    catalog.load_all()  # every record read now, not by the first requests
    app = create_app(
        catalog,
        open_store=lambda: open_store(settings.database_url, settings.state_dir),
        base_url=settings.base_url,
        trusted_hosts=settings.trusted_hosts,
        cache_bytes=settings.cache_mb * 2**20,
        fingerprint_assets=True,
    )
    # The catalog is a large graph that lives as long as the process: kept out of the collector's
    # scans, a full collection no longer stalls every request for tens of milliseconds.
    gc.collect()
    gc.freeze()
    return app


def app_from_env() -> Starlette:
    """The uvicorn (or gunicorn) app factory: settings from the environment (see `ServeSettings`)."""
    return build_app(ServeSettings.from_env())


def serve(
    settings: ServeSettings, host: str, port: int, *, workers: int = 1, access_log: bool = False
) -> None:
    """Serve the site on `host:port` with `workers` processes (each its own event loop).

    Proxy headers are not trusted (`X-Forwarded-*` never decide a link or the scheme); behind a
    TLS proxy, set the base URL. Uvicorn's access log is off unless asked for: it costs more
    than a cache hit, which the protocol answers by itself (`http/protocol.py`) when it is off.
    """
    import uvicorn

    from modelvs.web.http.protocol import HitProtocol

    def run(app: Any, **extra: Any) -> None:
        uvicorn.run(
            app,
            host=host,
            port=port,
            # Cache hits answered by the protocol itself, unless every request is to be logged.
            http="httptools" if access_log else HitProtocol,
            proxy_headers=False,
            server_header=False,
            access_log=access_log,
            lifespan="on",
            **extra,
        )

    if workers == 1:
        run(build_app(settings))
        return
    from modelvs.catalog import default_data_dir, load_catalog

    # Once here: a broken catalog fails before any worker starts, and the workers find it compiled.
    load_catalog(settings.data_dir or default_data_dir())
    os.environ.update(settings.to_env())  # what the spawned workers' factory reads
    run(FACTORY, factory=True, workers=workers)
