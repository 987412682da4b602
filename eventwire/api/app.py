"""The HTTP API and web UI: a thin FastAPI layer over the Store's query functions.

Nothing loads from the network: the UI in ``web/`` is plain HTML, CSS and JavaScript with its
world map data vendored (see web/vendor/README.md), and the interactive API docs at /docs serve
Swagger UI from the files bundled in the ``swagger-ui-py`` package (ReDoc is off: it is not
bundled anywhere installable here).
"""
from __future__ import annotations

import importlib.util
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles

from eventwire import __version__
from eventwire.api.guard import MAX_BODY_BYTES, RequestGuard
from eventwire.api.routes import coding, corpus
from eventwire.api.routes import events as event_routes
from eventwire.errors import StoreError
from eventwire.pipeline import Pipeline
from eventwire.store import PLOVER_TYPES, QueryError, Store, open_store

WEB_DIR = Path(__file__).parent / "web"

# The Swagger UI files /docs needs, served from the swagger-ui-py package (nothing else of it).
SWAGGER_ASSETS = {"swagger-ui-bundle.js": "text/javascript", "swagger-ui.css": "text/css",
                  "favicon-32x32.png": "image/png"}

DESCRIPTION = """Event data coded from news (PLOVER and CAMEO), with the evidence for every field.

Lists are JSON arrays paged with `limit` and `offset`; where a total is known it is in the
`X-Total-Count` header (for events, reused for up to 10 s per filter). Event filters are shared by `/api/events`, `/api/stats`, `/api/network`
and `/api/places`. An event's id is `<article id>/<event id>`.
"""


def create_app(store_url: str, *, pipeline: Pipeline | None = None,
               max_code_bytes: int = coding.MAX_CODE_BYTES, max_body_bytes: int = MAX_BODY_BYTES,
               cors_origins: Sequence[str] = ()) -> FastAPI:
    """Return the app serving the store at ``store_url``; the store is opened now.

    Raises StoreError at once when the store cannot be opened, so a bad URL fails at start-up
    rather than on the first request. The store is closed when the app shuts down. ``pipeline``
    codes POST /api/code texts; without one, the default pipeline is built on the first call.

    The app is read-only (``guard.py``: no route writes to the store; other methods answer
    405) and refuses request bodies over ``max_body_bytes`` (413). Cross-origin reads are off
    unless ``cors_origins`` (``[serve] cors_origins``) names the sites that may make them.
    """
    store = open_store(store_url)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(
        title="eventwire",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.store = store
    app.state.pipeline = coding.PipelineHolder(pipeline)
    app.state.max_code_bytes = max_code_bytes
    app.state.count_cache = event_routes.CountCache()

    @app.exception_handler(QueryError)
    async def _query_error(_request: Request, exc: QueryError) -> JSONResponse:
        return JSONResponse(status_code=422, content={"detail": str(exc)})

    @app.exception_handler(StoreError)
    async def _store_error(_request: Request, exc: StoreError) -> JSONResponse:
        return JSONResponse(status_code=503, content={"detail": str(exc)})

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> dict[str, Any]:
        return {"status": "ok", "schema_version": store.schema_version}

    app.include_router(event_routes.router)
    app.include_router(corpus.router)
    app.include_router(coding.router)
    _add_docs(app)
    _add_web(app)
    if cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=list(cors_origins), allow_methods=["GET", "HEAD"],
                           allow_credentials=False, expose_headers=["X-Total-Count"])
    # Added last, so it runs first: a refused method or body never reaches CORS or a route.
    app.add_middleware(RequestGuard, max_body_bytes=max_body_bytes)
    return app


def _swagger_dir() -> Path | None:
    """Return the static folder of the installed swagger-ui-py package, without importing it."""
    spec = importlib.util.find_spec("swagger_ui")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "static"
    return folder if (folder / "swagger-ui-bundle.js").is_file() else None


def _add_docs(app: FastAPI) -> None:
    swagger = _swagger_dir()
    if swagger is None:
        return  # no local Swagger UI: /docs stays off rather than loading one from a CDN

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title="eventwire API",
            swagger_js_url="/docs/assets/swagger-ui-bundle.js",
            swagger_css_url="/docs/assets/swagger-ui.css",
            swagger_favicon_url="/docs/assets/favicon-32x32.png",
            # Swagger UI would otherwise send the spec to an online validator for its badge.
            swagger_ui_parameters={"validatorUrl": None, "defaultModelsExpandDepth": 0},
        )

    @app.get("/docs/assets/{name}", include_in_schema=False)
    def docs_asset(name: str) -> FileResponse:
        if name not in SWAGGER_ASSETS:
            raise HTTPException(status_code=404, detail=f"no docs asset {name!r}")
        return FileResponse(swagger / name, media_type=SWAGGER_ASSETS[name])


def _add_web(app: FastAPI) -> None:
    app.mount("/static", StaticFiles(directory=WEB_DIR), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(WEB_DIR / "index.html", media_type="text/html")


def store_of(app: FastAPI) -> Store:
    """Return the Store an app created by ``create_app`` serves."""
    return app.state.store


__all__ = ["PLOVER_TYPES", "WEB_DIR", "create_app", "store_of"]
