"""The HTTP API and web UI: a thin FastAPI layer over the Store's query functions.

No route loads anything from the network: the interactive docs (Swagger/ReDoc load from a CDN)
are off, and the UI in ``web/`` is plain HTML, CSS and JavaScript served from the package.
"""
from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Any

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

from eventwire import __version__
from eventwire.errors import StoreError, unknown_choice
from eventwire.store import Store, open_store

WEB_DIR = Path(__file__).parent / "web"

# The 16 PLOVER event types, in the order of the PLOVER manual; the UI's type select lists the
# same ones (a test checks they agree).
PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)

# Most rows one /api/events call returns; page with offset beyond it.
MAX_LIMIT = 10_000


def create_app(store_url: str) -> FastAPI:
    """Return the app serving the store at ``store_url``; the store is opened now.

    Raises StoreError at once when the store cannot be opened, so a bad URL fails at start-up
    rather than on the first request. The store is closed when the app shuts down.
    """
    store = open_store(store_url)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(
        title="eventwire",
        version=__version__,
        description="Event data coded from news, with the evidence for every field.",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.store = store

    @app.exception_handler(StoreError)
    async def _store_error(_request: Request, exc: StoreError) -> JSONResponse:
        return JSONResponse(status_code=503, content={"detail": str(exc)})

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> dict[str, Any]:
        return {"status": "ok", "schema_version": store.schema_version}

    @app.get("/api/stats")
    def stats() -> dict[str, int]:
        """Count articles, rejected inputs, events, actors, places and quotes."""
        return store.stats()

    @app.get("/api/events")
    def events(
        type: Annotated[str | None, Query(description="PLOVER event type, e.g. ASSAULT")] = None,
        actor: Annotated[str | None, Query(description="CAMEO actor code prefix of source or target, e.g. RUS or RUSGOV")] = None,
        country: Annotated[str | None, Query(description="ISO3 country of source, target or location")] = None,
        since: Annotated[str | None, Query(description="earliest event date, ISO prefix (2020, 2020-11, 2020-11-12)")] = None,
        until: Annotated[str | None, Query(description="latest event date, ISO prefix, inclusive")] = None,
        q: Annotated[str | None, Query(description="full-text search over article title and text")] = None,
        limit: Annotated[int, Query(ge=0, le=MAX_LIMIT)] = 1000,
        offset: Annotated[int, Query(ge=0)] = 0,
    ) -> list[dict[str, Any]]:
        """List events matching every given filter, newest first, as flat rows."""
        type = (type or "").strip().upper() or None
        if type is not None and type not in PLOVER_TYPES:
            raise HTTPException(status_code=422, detail=unknown_choice("PLOVER type", type, PLOVER_TYPES))
        return store.query_events(type=type, actor=_blank_to_none(actor), country=_blank_to_none(country),
                                  since=_blank_to_none(since), until=_blank_to_none(until),
                                  q=_blank_to_none(q), limit=limit, offset=offset)

    @app.get("/api/articles/{article_id:path}")
    def article(article_id: str) -> dict[str, Any]:
        """Return the full stored record of one article."""
        record = store.get_article(article_id)
        if record is None:
            raise HTTPException(status_code=404, detail=f"no article with id {article_id!r}")
        return record

    app.mount("/static", StaticFiles(directory=WEB_DIR), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(WEB_DIR / "index.html", media_type="text/html")

    return app


def _blank_to_none(value: str | None) -> str | None:
    """Treat an empty form field as no filter."""
    return value.strip() or None if value is not None else None


def store_of(app: FastAPI) -> Store:
    """Return the Store an app created by ``create_app`` serves."""
    return app.state.store
