"""How ``eventwire serve`` runs the API: uvicorn settings and worker processes for a small machine.

One Python process serves requests on about one core (the GIL), while SQLite in WAL mode reads
from any number of processes at once: so the API runs one worker process per core, up to
MAX_DEFAULT_WORKERS. On the 2-core bench machine two workers served 361 requests/s where one
served 247 (bench api, 20 clients; other jobs were loading the machine). httptools parses HTTP
and uvloop runs the event loop: both are C, and the pure-Python defaults cost about a third more
CPU per request.
"""
from __future__ import annotations

import json
import os
from typing import Any

from fastapi import FastAPI

# The environment variable that carries create_app's arguments (JSON) to worker processes.
APP_ENV = "EVENTWIRE_SERVE_APP"

# Workers started when none are asked for: one per available core, at most this many.
MAX_DEFAULT_WORKERS = 4

HTTP_IMPLEMENTATION = "httptools"
EVENT_LOOP = "uvloop"


def default_workers() -> int:
    """Return one worker per core this process may run on, at most MAX_DEFAULT_WORKERS."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, MAX_DEFAULT_WORKERS))


def app_from_env() -> FastAPI:
    """Return the app that $EVENTWIRE_SERVE_APP describes (uvicorn's factory in each worker)."""
    from eventwire.api.app import create_app

    options = json.loads(os.environ[APP_ENV])
    return create_app(options.pop("store_url"), **options)


def serve(store_url: str, host: str, port: int, workers: int | None = None, log_level: str = "warning",
          **app_options: Any) -> None:
    """Serve the API over ``store_url`` on ``host``:``port`` until interrupted.

    ``app_options``: keyword arguments of ``create_app`` (JSON values: they travel to the
    workers in the environment). The store is opened (and migrated) once here first, so that a
    bad URL fails now with a StoreError rather than in every worker, and workers never race to
    migrate it.
    """
    import uvicorn

    from eventwire.api.app import create_app
    from eventwire.store import open_store

    workers = workers or default_workers()
    settings = {"host": host, "port": port, "log_level": log_level, "access_log": False,
                "http": HTTP_IMPLEMENTATION, "loop": EVENT_LOOP}
    if workers == 1:
        uvicorn.run(create_app(store_url, **app_options), **settings)
        return
    open_store(store_url).close()
    os.environ[APP_ENV] = json.dumps({"store_url": store_url, **app_options})
    uvicorn.run(f"{__name__}:app_from_env", factory=True, workers=workers, **settings)


__all__ = ["APP_ENV", "app_from_env", "default_workers", "serve"]
